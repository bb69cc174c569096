/**
 * New contact details wait here until the person proves they are theirs: a six-digit code,
 * sent to the new address, valid for a while (default 15 minutes), with at most a few tries
 * (default 5) and a limit on how many codes one person can ask for in an hour (default 5).
 * The code is kept only as a hash; the address only until it is confirmed or the code expires.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Subject } from '../../domain/identity.ts';
import type { ContactKind } from '../../domain/persoon.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { constantTimeEqual } from '../../platform/crypto.ts';
import { randomToken } from '../../platform/random.ts';

export interface PendingConfirmation {
  id: string;
  kind: ContactKind;
  address: string;
  replaces: string | null;
  attemptsLeft: number;
  expiresAt: Date;
}

export type VerifyOutcome =
  | { outcome: 'confirmed'; confirmation: PendingConfirmation }
  | { outcome: 'wrong-code'; attemptsLeft: number }
  | { outcome: 'no-attempts-left' }
  | { outcome: 'expired' };

export interface ConfirmationRules {
  ttlSeconds: number;
  maxAttempts: number;
  maxSendsPerHour: number;
}

const hashCode = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('base64url');

export class ContactConfirmations {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly rules: ConfirmationRules,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Starts a confirmation and returns the code to send; null when this person asked for too
   * many codes in the last hour. An earlier pending confirmation of the same kind is closed.
   */
  async start(subject: Subject, kind: ContactKind, address: string, replaces: string | null): Promise<{ id: string; code: string } | null> {
    const subjectKey = this.keys.subject(subject);
    const now = new Date(this.now());
    const hourAgo = new Date(now.getTime() - 60 * 60 * 1000);
    await this.purge(hourAgo);
    const { sends } = await this.db
      .selectFrom('contact_confirmations')
      .select((eb) => eb.fn.countAll<string>().as('sends'))
      .where('subject_key', '=', subjectKey)
      .where('created_at', '>', hourAgo)
      .executeTakeFirstOrThrow();
    if (Number(sends) >= this.rules.maxSendsPerHour) return null;
    await this.close(subjectKey, kind);
    const id = randomToken(18);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.db
      .insertInto('contact_confirmations')
      .values({
        id,
        subject_key: subjectKey,
        kind,
        address,
        replaces,
        code_hash: hashCode(id, code),
        created_at: now,
        expires_at: new Date(now.getTime() + this.rules.ttlSeconds * 1000),
      })
      .execute();
    return { id, code };
  }

  /** The subject's pending confirmation with this id (also when expired or out of tries: the page says so). */
  async find(subject: Subject, id: string): Promise<(PendingConfirmation & { expired: boolean }) | null> {
    const row = await this.db
      .selectFrom('contact_confirmations')
      .selectAll()
      .where('id', '=', id)
      .where('subject_key', '=', this.keys.subject(subject))
      .where('code_hash', '!=', '')
      .executeTakeFirst();
    if (!row) return null;
    return { ...this.toPending(row), expired: new Date(row.expires_at).getTime() <= this.now() };
  }

  /** Checks a code; each try counts, also when several arrive at once. */
  async verify(subject: Subject, id: string, code: string): Promise<VerifyOutcome | null> {
    const subjectKey = this.keys.subject(subject);
    const pending = await this.find(subject, id);
    if (!pending) return null;
    if (pending.expired) return { outcome: 'expired' };
    const counted = await this.db
      .updateTable('contact_confirmations')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('subject_key', '=', subjectKey)
      .where('attempts', '<', this.rules.maxAttempts)
      .returning(['attempts', 'code_hash'])
      .executeTakeFirst();
    if (!counted) return { outcome: 'no-attempts-left' };
    if (constantTimeEqual(counted.code_hash, hashCode(id, code.trim()))) {
      await this.close(subjectKey, pending.kind);
      return { outcome: 'confirmed', confirmation: pending };
    }
    const attemptsLeft = this.rules.maxAttempts - counted.attempts;
    return attemptsLeft > 0 ? { outcome: 'wrong-code', attemptsLeft } : { outcome: 'no-attempts-left' };
  }

  /** Closes the subject's open confirmation of this kind: the code stops working and the address is forgotten. */
  private async close(subjectKey: string, kind: ContactKind): Promise<void> {
    await this.db
      .updateTable('contact_confirmations')
      .set({ code_hash: '', address: '' })
      .where('subject_key', '=', subjectKey)
      .where('kind', '=', kind)
      .where('code_hash', '!=', '')
      .execute();
  }

  /** Forgets expired addresses, and rows older than the hour the send limit looks back on. */
  private async purge(hourAgo: Date): Promise<void> {
    await this.db.deleteFrom('contact_confirmations').where('created_at', '<', hourAgo).execute();
    await this.db
      .updateTable('contact_confirmations')
      .set({ code_hash: '', address: '' })
      .where('expires_at', '<', new Date(this.now()))
      .where('code_hash', '!=', '')
      .execute();
  }

  private toPending(row: {
    id: string;
    kind: ContactKind;
    address: string;
    replaces: string | null;
    attempts: number;
    expires_at: Date | string;
  }): PendingConfirmation {
    return {
      id: row.id,
      kind: row.kind,
      address: row.address,
      replaces: row.replaces,
      attemptsLeft: Math.max(0, this.rules.maxAttempts - row.attempts),
      expiresAt: new Date(row.expires_at),
    };
  }
}
