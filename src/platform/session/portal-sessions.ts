/**
 * Sessions of a portal with its own login, apart from residents' (another table, another cookie,
 * a shorter idle time): the medewerkersportaal's staff and the leveranciersportaal's organisation
 * staff. As for residents, the browser holds a random 256-bit token and the table its SHA-256.
 * Such users are few, so every request reads the database: a logout or an ended session counts at
 * once on every instance.
 *
 * Each portal has a table of this shape (migrations 0012 and 0019): id, <user column> jsonb,
 * csrf_token, id_token, created_at, last_seen_at, expires_at.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface PortalSession<U> {
  id: string;
  /** Who logged in, as the portal took it from the ID token's claims. */
  user: U;
  csrfToken: string;
  idToken: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

export type PortalSessionLookup<U> = { status: 'active'; session: PortalSession<U> } | { status: 'expired' } | { status: 'unknown' };

export interface PortalSessionTable {
  /** E.g. staff_sessions. */
  table: 'staff_sessions' | 'leverancier_sessions';
  /** The jsonb column that holds the user. */
  userColumn: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

interface Row {
  id: string;
  user: unknown;
  csrf_token: string;
  id_token: string | null;
  last_seen_at: Date | string;
  expires_at: Date | string;
}

export class PortalSessions<U> {
  constructor(
    private readonly db: Db,
    private readonly where: PortalSessionTable,
    private readonly timings: { idleTimeoutSeconds: number; maxAgeSeconds: number },
    private readonly now: () => number = Date.now,
  ) {}

  private get table() {
    return sql.table(this.where.table);
  }

  private get userColumn() {
    return sql.ref(this.where.userColumn);
  }

  async create(user: U, idToken: string | null): Promise<{ token: string; session: PortalSession<U> }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date(this.now());
    const session: PortalSession<U> = {
      id: hashToken(token),
      user,
      csrfToken: randomBytes(24).toString('base64url'),
      idToken,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.timings.maxAgeSeconds * 1000),
    };
    await sql`
      insert into ${this.table} (id, ${this.userColumn}, csrf_token, id_token, last_seen_at, expires_at)
      values (${session.id}, ${JSON.stringify(user)}::jsonb, ${session.csrfToken}, ${idToken}, ${now}, ${session.expiresAt})`.execute(this.db);
    return { token, session };
  }

  /** The session of a cookie token, kept alive; an ended one is removed. */
  async resume(token: string): Promise<PortalSessionLookup<U>> {
    const id = hashToken(token);
    const { rows } = await sql<Row>`
      select id, ${this.userColumn} as "user", csrf_token, id_token, last_seen_at, expires_at from ${this.table} where id = ${id}`.execute(this.db);
    const row = rows[0];
    if (!row) return { status: 'unknown' };
    const session: PortalSession<U> = {
      id: row.id,
      user: (typeof row.user === 'string' ? JSON.parse(row.user) : row.user) as U,
      csrfToken: row.csrf_token,
      idToken: row.id_token,
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
    };
    const now = this.now();
    if (now >= this.deadline(session).getTime()) {
      await this.destroy(session);
      return { status: 'expired' };
    }
    session.lastSeenAt = new Date(now);
    await sql`update ${this.table} set last_seen_at = ${session.lastSeenAt} where id = ${id}`.execute(this.db);
    return { status: 'active', session };
  }

  /** When the session ends if nothing more happens. */
  deadline(session: PortalSession<U>): Date {
    return new Date(Math.min(session.lastSeenAt.getTime() + this.timings.idleTimeoutSeconds * 1000, session.expiresAt.getTime()));
  }

  /** Ends the session (and whatever hangs on it, by the table's foreign keys). */
  async destroy(session: { id: string }): Promise<void> {
    await sql`delete from ${this.table} where id = ${session.id}`.execute(this.db);
  }

  /** Removes ended sessions. */
  async purge(): Promise<void> {
    const now = new Date(this.now());
    const idleCutoff = new Date(now.getTime() - this.timings.idleTimeoutSeconds * 1000);
    await sql`delete from ${this.table} where expires_at < ${now} or last_seen_at < ${idleCutoff}`.execute(this.db);
  }
}
