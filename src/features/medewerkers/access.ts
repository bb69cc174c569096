/**
 * Doelbinding: a staff member sees a person's or company's dossier only after stating why, and
 * then for a while (MEDEWERKERS_TOEGANG_MINUTEN, default 30). Each access is a row with a random
 * id, which is what the dossier's URL carries (never a BSN), bound to the staff session that
 * asked; the subject is sealed. The trace id links all reads of that contact in the logs.
 */
import type { Subject } from '../../domain/identity.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { randomToken } from '../../platform/random.ts';

export interface Access {
  id: string;
  subject: Subject;
  subjectKey: string;
  doel: string;
  kenmerk?: string;
  traceId: string;
  expiresAt: Date;
}

export type AccessLookup = { status: 'active'; access: Access } | { status: 'expired' } | { status: 'unknown' };

export class StaffAccess {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly minutes: number,
    private readonly now: () => number = Date.now,
  ) {}

  async grant(sessionId: string, subject: Subject, doel: string, kenmerk: string | undefined): Promise<Access> {
    const access: Access = {
      id: randomToken(18),
      subject,
      subjectKey: this.keys.subject(subject),
      doel,
      ...(kenmerk ? { kenmerk } : {}),
      traceId: randomToken(12),
      expiresAt: new Date(this.now() + this.minutes * 60_000),
    };
    await this.db
      .insertInto('staff_access')
      .values({
        id: access.id,
        session_id: sessionId,
        subject_sealed: this.keys.seal(subject),
        subject_key: access.subjectKey,
        doel,
        kenmerk: kenmerk ?? null,
        trace_id: access.traceId,
        expires_at: access.expiresAt,
      })
      .execute();
    return access;
  }

  /** The access with this id, when this staff session was given it. Another session's access is unknown. */
  async find(sessionId: string, id: string): Promise<AccessLookup> {
    const row = await this.db.selectFrom('staff_access').selectAll().where('id', '=', id).where('session_id', '=', sessionId).executeTakeFirst();
    if (!row) return { status: 'unknown' };
    if (this.now() >= new Date(row.expires_at).getTime()) return { status: 'expired' };
    return {
      status: 'active',
      access: {
        id: row.id,
        subject: this.keys.unseal(row.subject_sealed),
        subjectKey: row.subject_key,
        doel: row.doel,
        ...(row.kenmerk ? { kenmerk: row.kenmerk } : {}),
        traceId: row.trace_id,
        expiresAt: new Date(row.expires_at),
      },
    };
  }

  /** Removes accesses that ended more than a day ago. */
  async purge(): Promise<void> {
    await this.db
      .deleteFrom('staff_access')
      .where('expires_at', '<', new Date(this.now() - 24 * 3600 * 1000))
      .execute();
  }
}
