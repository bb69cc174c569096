/**
 * Server-side sessions in the database. The browser holds a random 256-bit token; the table
 * holds its SHA-256, so a copy of the table opens no session. A session ends after
 * `idleTimeoutSeconds` without a request, and after `maxAgeSeconds` whatever the activity.
 *
 * Reads are cached in-process for `cacheSeconds` (default 2 s): on the hot path a page costs no
 * database round trip, while a logout elsewhere reaches this instance within that time. A
 * logout through this instance takes effect at once. last_seen_at is written at most every
 * `touchIntervalSeconds`, so the idle clock is exact to within that interval.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { subjectKey } from '../identity-keys.ts';
import type { Db } from '../db/database.ts';
import type { Identity, Subject } from '../../domain/identity.ts';

export interface SessionRecord {
  id: string;
  identity: Identity;
  csrfToken: string;
  idToken: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

export type SessionLookup =
  | { status: 'active'; session: SessionRecord; token: string }
  /** The session that ended (to say so, and to keep a form that arrived too late for the person who sent it). */
  | { status: 'expired'; session: SessionRecord }
  | { status: 'unknown' };

export interface SessionTimings {
  idleTimeoutSeconds: number;
  maxAgeSeconds: number;
  cacheSeconds: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class SessionStore {
  private readonly cache = new Map<string, { record: SessionRecord; cachedAt: number }>();
  private readonly maxCacheEntries = 10_000;
  readonly touchIntervalMs: number;

  constructor(
    private readonly db: Db,
    private readonly timings: SessionTimings,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.touchIntervalMs = Math.min(15_000, (timings.idleTimeoutSeconds * 1000) / 20);
  }

  /** Creates a session and returns the token for the cookie. */
  async create(identity: Identity, idToken: string | null): Promise<{ token: string; session: SessionRecord }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date(this.now());
    const session: SessionRecord = {
      id: hashToken(token),
      identity,
      csrfToken: randomBytes(24).toString('base64url'),
      idToken,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.timings.maxAgeSeconds * 1000),
    };
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        subject_key: subjectKey(identity.subject, this.secret),
        identity: JSON.stringify(identity),
        csrf_token: session.csrfToken,
        id_token: idToken,
        last_seen_at: now,
        expires_at: session.expiresAt,
      })
      .execute();
    return { token, session };
  }

  /** Finds the session for a cookie token and keeps it alive. */
  async resume(token: string): Promise<SessionLookup> {
    const id = hashToken(token);
    const now = this.now();
    let record = this.cached(id, now);
    // A cached copy may miss a touch by another instance: confirm an end from the database.
    if (record && this.hasEnded(record, now)) {
      this.cache.delete(id);
      record = undefined;
    }
    if (!record) {
      const row = await this.db
        .selectFrom('sessions')
        .select(['id', 'identity', 'csrf_token', 'id_token', 'last_seen_at', 'expires_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return { status: 'unknown' };
      record = {
        id: row.id,
        identity: typeof row.identity === 'string' ? JSON.parse(row.identity) : row.identity,
        csrfToken: row.csrf_token,
        idToken: row.id_token,
        lastSeenAt: new Date(row.last_seen_at),
        expiresAt: new Date(row.expires_at),
      };
      this.remember(record, now);
    }
    if (this.hasEnded(record, now)) {
      this.cache.delete(id);
      return { status: 'expired', session: record };
    }
    if (now - record.lastSeenAt.getTime() >= this.touchIntervalMs) await this.touch(record);
    return { status: 'active', session: record, token };
  }

  /**
   * The same login acting for someone else (a switch of machtiging): a new session with the new
   * identity, a new token and CSRF token, and the old one's end; this one ends. A new token, so that
   * no page or form of before the switch acts for the person it was not made for.
   */
  async replace(record: SessionRecord, identity: Identity): Promise<{ token: string; session: SessionRecord }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date(this.now());
    const session: SessionRecord = {
      id: hashToken(token),
      identity,
      csrfToken: randomBytes(24).toString('base64url'),
      idToken: record.idToken,
      lastSeenAt: now,
      expiresAt: record.expiresAt,
    };
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('sessions')
        .values({
          id: session.id,
          subject_key: subjectKey(identity.subject, this.secret),
          identity: JSON.stringify(identity),
          csrf_token: session.csrfToken,
          id_token: session.idToken,
          last_seen_at: now,
          expires_at: session.expiresAt,
        })
        .execute();
      await tx.deleteFrom('sessions').where('id', '=', record.id).execute();
    });
    this.cache.delete(record.id);
    return { token, session };
  }

  /** Marks the session as used now (also for "Ingelogd blijven"). */
  async touch(record: SessionRecord): Promise<void> {
    const now = new Date(this.now());
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', record.id).execute();
    record.lastSeenAt = now;
  }

  /** When the session ends if nothing more happens. */
  deadline(record: SessionRecord): Date {
    return new Date(Math.min(this.idleDeadline(record).getTime(), record.expiresAt.getTime()));
  }

  async destroy(record: SessionRecord): Promise<void> {
    this.cache.delete(record.id);
    await this.db.deleteFrom('sessions').where('id', '=', record.id).execute();
  }

  /**
   * "Overal uitloggen": ends every session of the person who logged in for this one — their own
   * DigiD sessions and those in which they act for someone else — and never a session of the
   * person they act for, or of another gemachtigde. eHerkenning tells Voordeur the company, not
   * which employee logged in, so there it ends only this session: colleagues share the KvK number.
   */
  async destroyAllOfActor(record: SessionRecord): Promise<number> {
    const { identity } = record;
    if (identity.subject.type !== 'persoon') {
      await this.destroy(record);
      return 1;
    }
    const bsn = identity.actor?.bsn ?? identity.subject.bsn;
    const ownKey = subjectKey({ type: 'persoon', bsn }, this.secret);
    const deleted = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb.and([eb('subject_key', '=', ownKey), sql<boolean>`identity->'actor' is null`]),
          sql<boolean>`identity->'actor'->>'bsn' = ${bsn}`,
          eb('id', '=', record.id),
        ]),
      )
      .returning('id')
      .execute();
    for (const { id } of deleted) this.cache.delete(id);
    return deleted.length;
  }

  /** Ends every session of a person or company, whoever logged in: all gemachtigden and colleagues too. Not for "overal uitloggen". */
  async destroyAllOf(subject: Subject): Promise<number> {
    const key = subjectKey(subject, this.secret);
    const deleted = await this.db.deleteFrom('sessions').where('subject_key', '=', key).returning('id').execute();
    for (const { id } of deleted) this.cache.delete(id);
    return deleted.length;
  }

  /** Removes sessions that ended more than a day ago (expired ones are kept a day to say "verlopen"). */
  async purge(): Promise<void> {
    const dayAgo = new Date(this.now() - 24 * 3600 * 1000);
    const idleCutoff = new Date(dayAgo.getTime() - this.timings.idleTimeoutSeconds * 1000);
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', dayAgo), eb('last_seen_at', '<', idleCutoff)]))
      .execute();
  }

  private hasEnded(record: SessionRecord, now: number): boolean {
    return now >= this.deadline(record).getTime();
  }

  private idleDeadline(record: SessionRecord): Date {
    return new Date(record.lastSeenAt.getTime() + this.timings.idleTimeoutSeconds * 1000);
  }

  private cached(id: string, now: number): SessionRecord | undefined {
    const entry = this.cache.get(id);
    if (!entry) return undefined;
    if (now - entry.cachedAt > this.timings.cacheSeconds * 1000) {
      this.cache.delete(id);
      return undefined;
    }
    return entry.record;
  }

  private remember(record: SessionRecord, now: number): void {
    if (this.timings.cacheSeconds <= 0) return;
    if (this.cache.size >= this.maxCacheEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(record.id, { record, cachedAt: now });
  }
}
