/** `npm run beheer -- medewerkers-audit …`: the internal audit log as CSV or JSON, for the privacy officer. */
import { isValidBsn, isValidKvkNummer } from '../../domain/bsn.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { auditCsv, StaffAudit } from './audit.ts';

const usage = 'usage: npm run beheer -- medewerkers-audit <from YYYY-MM-DD> <to YYYY-MM-DD> [csv|json] [bsn <BSN> | kvk <KvK number>]';

function day(value: string | undefined): Date {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new Error(usage);
  return new Date(`${value}T00:00:00Z`);
}

/** The export of `args` (the command's arguments), as text to print. */
export async function auditExport(db: Db, keys: IdentityKeys, args: string[]): Promise<string> {
  const [fromText, toText, ...rest] = args;
  const from = day(fromText);
  // The last day counts whole.
  const to = new Date(day(toText).getTime() + 24 * 3600 * 1000);
  if (to <= from) throw new Error(`${usage}\n(the first day must not be after the last)`);
  const format = rest[0] === 'json' || rest[0] === 'csv' ? rest.shift() : 'csv';
  let subject: Subject | undefined;
  if (rest.length > 0) {
    const [kind, number] = rest;
    if (kind === 'bsn' && number && isValidBsn(number)) subject = { type: 'persoon', bsn: number };
    else if (kind === 'kvk' && number && isValidKvkNummer(number)) subject = { type: 'bedrijf', kvkNummer: number };
    else throw new Error(`${usage}\n(a BSN has 9 digits and passes the elfproef; a KvK number has 8 digits)`);
  }
  const rows = await new StaffAudit(db, keys).export({ from, to, ...(subject ? { subject } : {}) });
  return format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : auditCsv(rows);
}
