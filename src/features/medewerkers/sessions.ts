/**
 * Staff sessions: the medewerkersportaal's own, apart from residents' (the staff_sessions table,
 * its own cookie, a shorter idle time), kept by the shared portal sessions (platform/session/portal-sessions.ts).
 * Destroying one ends every access to a dossier it had (staff_access hangs on it).
 */
import type { Db } from '../../platform/db/database.ts';
import type { StaffMember } from '../../platform/db/schema.ts';
import { type PortalSession, PortalSessions } from '../../platform/session/portal-sessions.ts';

export type { StaffMember };

export type StaffSession = PortalSession<StaffMember>;

export class StaffSessions extends PortalSessions<StaffMember> {
  constructor(db: Db, timings: { idleTimeoutSeconds: number; maxAgeSeconds: number }, now?: () => number) {
    super(db, { table: 'staff_sessions', userColumn: 'medewerker' }, timings, now);
  }
}
