/**
 * Staff sessions: the medewerkersportaal's own, apart from residents' (another table, another
 * cookie, a shorter idle time). As for residents, the browser holds a random 256-bit token and
 * the table its SHA-256. Staff are few, so every request reads the database: a logout or an ended
 * session counts at once on every instance.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { StaffMember } from '../../platform/db/schema.ts';

export type { StaffMember };

export interface StaffSession {
  id: string;
  medewerker: StaffMember;
  csrfToken: string;
  idToken: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

export type StaffSessionLookup = { status: 'active'; session: StaffSession } | { status: 'expired' } | { status: 'unknown' };

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class StaffSessions {
  constructor(
    private readonly db: Db,
    private readonly timings: { idleTimeoutSeconds: number; maxAgeSeconds: number },
    private readonly now: () => number = Date.now,
  ) {}

  async create(medewerker: StaffMember, idToken: string | null): Promise<{ token: string; session: StaffSession }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date(this.now());
    const session: StaffSession = {
      id: hashToken(token),
      medewerker,
      csrfToken: randomBytes(24).toString('base64url'),
      idToken,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.timings.maxAgeSeconds * 1000),
    };
    await this.db
      .insertInto('staff_sessions')
      .values({
        id: session.id,
        medewerker: JSON.stringify(medewerker),
        csrf_token: session.csrfToken,
        id_token: idToken,
        last_seen_at: now,
        expires_at: session.expiresAt,
      })
      .execute();
    return { token, session };
  }

  /** The session of a cookie token, kept alive; an ended one is removed. */
  async resume(token: string): Promise<StaffSessionLookup> {
    const id = hashToken(token);
    const row = await this.db.selectFrom('staff_sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return { status: 'unknown' };
    const session: StaffSession = {
      id: row.id,
      medewerker: typeof row.medewerker === 'string' ? JSON.parse(row.medewerker) : row.medewerker,
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
    await this.db.updateTable('staff_sessions').set({ last_seen_at: session.lastSeenAt }).where('id', '=', id).execute();
    return { status: 'active', session };
  }

  /** When the session ends if nothing more happens. */
  deadline(session: StaffSession): Date {
    return new Date(Math.min(session.lastSeenAt.getTime() + this.timings.idleTimeoutSeconds * 1000, session.expiresAt.getTime()));
  }

  /** Ends the session, and with it every access to a dossier it had. */
  async destroy(session: { id: string }): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('id', '=', session.id).execute();
  }

  /** Removes ended sessions. */
  async purge(): Promise<void> {
    const now = new Date(this.now());
    const idleCutoff = new Date(now.getTime() - this.timings.idleTimeoutSeconds * 1000);
    await this.db
      .deleteFrom('staff_sessions')
      .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleCutoff)]))
      .execute();
  }
}
