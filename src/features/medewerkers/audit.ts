/**
 * The internal audit log of the medewerkersportaal, for the organisation's privacy officer: who
 * exactly (employee id and name), when, what they did (logged in, looked someone up, viewed a
 * dossier), whose data (keyed hash), why (purpose, reference) and which request. Residents see
 * their part of it, without the name, in the processing log. Append-only (a trigger refuses
 * changes); rows older than MEDEWERKERS_AUDIT_BEWAARDAGEN are removed by the purge only.
 */
import { sql } from 'kysely';
import type { Subject } from '../../domain/identity.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { StaffMember } from './sessions.ts';

export type AuditHandeling = 'inloggen' | 'uitloggen' | 'toegang' | 'dossier-bekeken' | 'contact-geregistreerd' | 'actie' | 'geweigerd';

export interface AuditEntry {
  handeling: AuditHandeling;
  subjectKey?: string;
  doel?: string;
  kenmerk?: string;
  traceId?: string;
  requestId?: string;
  /** What was viewed or why it was refused, in words (no personal data of the resident). */
  detail?: string;
}

export interface AuditRow {
  tijdstip: string;
  medewerkerId: string;
  medewerkerNaam: string;
  afdeling: string;
  rollen: string;
  handeling: string;
  subjectKey: string | null;
  doel: string | null;
  kenmerk: string | null;
  traceId: string | null;
  requestId: string | null;
  detail: string | null;
}

export class StaffAudit {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
  ) {}

  async record(medewerker: StaffMember, entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('staff_audit')
      .values({
        medewerker_id: medewerker.id,
        medewerker_naam: medewerker.naam,
        afdeling: medewerker.afdeling,
        rollen: medewerker.rollen.join(' '),
        handeling: entry.handeling,
        subject_key: entry.subjectKey ?? null,
        doel: entry.doel ?? null,
        kenmerk: entry.kenmerk ?? null,
        trace_id: entry.traceId ?? null,
        request_id: entry.requestId ?? null,
        detail: entry.detail ?? null,
      })
      .execute();
  }

  /** The rows of a period (oldest first), of one person or company when asked (found by their keyed hash). */
  async export(options: { from: Date; to: Date; subject?: Subject }): Promise<AuditRow[]> {
    let query = this.db.selectFrom('staff_audit').selectAll().where('occurred_at', '>=', options.from).where('occurred_at', '<', options.to);
    if (options.subject) query = query.where('subject_key', '=', this.keys.subject(options.subject));
    const rows = await query.orderBy('occurred_at').orderBy('id').execute();
    return rows.map((row) => ({
      tijdstip: new Date(row.occurred_at).toISOString(),
      medewerkerId: row.medewerker_id,
      medewerkerNaam: row.medewerker_naam,
      afdeling: row.afdeling,
      rollen: row.rollen,
      handeling: row.handeling,
      subjectKey: row.subject_key,
      doel: row.doel,
      kenmerk: row.kenmerk,
      traceId: row.trace_id,
      requestId: row.request_id,
      detail: row.detail,
    }));
  }

  /** Removes rows older than the retention period; the only way rows leave the table. */
  async purge(days: number, now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
    return this.db.transaction().execute(async (tx) => {
      await sql`select set_config('voordeur.audit_purge', 'on', true)`.execute(tx);
      const deleted = await tx.deleteFrom('staff_audit').where('occurred_at', '<', cutoff).returning('id').execute();
      return deleted.length;
    });
  }
}

const csvColumns: (keyof AuditRow)[] = [
  'tijdstip',
  'medewerkerId',
  'medewerkerNaam',
  'afdeling',
  'rollen',
  'handeling',
  'subjectKey',
  'doel',
  'kenmerk',
  'traceId',
  'requestId',
  'detail',
];

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
export function auditCsv(rows: AuditRow[]): string {
  const cell = (value: string | null) => {
    if (value === null) return '';
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [csvColumns.join(','), ...rows.map((row) => csvColumns.map((column) => cell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
