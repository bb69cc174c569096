/** The internal audit log: append-only, exported for the privacy officer, emptied only by its retention period. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { auditCsv, StaffAudit } from './audit.ts';

const keys = new IdentityKeys('k'.repeat(40));
const suzanne = { type: 'persoon' as const, bsn: '999993653' };
const jan = { type: 'persoon' as const, bsn: '999990019' };
const mirjam = { id: 'mbakker', naam: 'Mirjam Bakker', afdeling: 'Klantcontactcentrum', rollen: ['kcc'] };

let database: DatabaseHandle;
let audit: StaffAudit;
beforeAll(async () => {
  database = await testDatabase();
  audit = new StaffAudit(database.db, keys);
});
afterAll(() => database.close());

describe('the internal audit log', () => {
  it("exports a period, or one person's rows, with who looked, why and which request", async () => {
    await audit.record(mirjam, { handeling: 'toegang', subjectKey: keys.subject(suzanne), doel: 'telefoon', traceId: 't1', requestId: 'r1' });
    await audit.record(mirjam, { handeling: 'dossier-bekeken', subjectKey: keys.subject(jan), doel: 'balie', traceId: 't2', requestId: 'r2' });
    const day = { from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 3600_000) };
    expect((await audit.export(day)).length).toBeGreaterThanOrEqual(2);
    const ofSuzanne = await audit.export({ ...day, subject: suzanne });
    expect(ofSuzanne).toEqual([
      expect.objectContaining({
        medewerkerId: 'mbakker',
        medewerkerNaam: 'Mirjam Bakker',
        afdeling: 'Klantcontactcentrum',
        rollen: 'kcc',
        handeling: 'toegang',
        doel: 'telefoon',
        traceId: 't1',
        requestId: 'r1',
      }),
    ]);
    expect(await audit.export({ from: new Date(Date.now() + 3600_000), to: new Date(Date.now() + 7200_000) })).toEqual([]);
  });

  it('refuses changes and deletes, except the purge of rows past their retention', async () => {
    const db = database.db;
    await sql`insert into staff_audit (occurred_at, medewerker_id, medewerker_naam, afdeling, rollen, handeling) values (now() - interval '400 days', 'oud', 'Oud', 'KCC', 'kcc', 'inloggen')`.execute(
      db,
    );
    await expect(sql`update staff_audit set medewerker_naam = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from staff_audit`.execute(db)).rejects.toThrow(/append-only/);
    const before = Number((await sql<{ n: string }>`select count(*) as n from staff_audit`.execute(db)).rows[0]!.n);
    expect(await audit.purge(365)).toBe(1);
    const after = Number((await sql<{ n: string }>`select count(*) as n from staff_audit`.execute(db)).rows[0]!.n);
    expect(after).toBe(before - 1);
    // The purge's permission ends with its transaction.
    await expect(sql`delete from staff_audit`.execute(db)).rejects.toThrow(/append-only/);
  });
});

describe('the CSV export', () => {
  it('quotes what needs quoting and defuses cells a spreadsheet would run as a formula', () => {
    const row = {
      tijdstip: '2026-12-05T10:12:00.000Z',
      medewerkerId: '=HYPERLINK("x")',
      medewerkerNaam: 'Bakker, Mirjam',
      afdeling: 'KCC "Noord"',
      rollen: 'kcc',
      handeling: 'toegang',
      subjectKey: null,
      doel: 'telefoon',
      kenmerk: '-12',
      traceId: null,
      requestId: 'r1',
      detail: null,
    };
    const [head, line] = auditCsv([row]).split('\r\n');
    expect(head).toBe('tijdstip,medewerkerId,medewerkerNaam,afdeling,rollen,handeling,subjectKey,doel,kenmerk,traceId,requestId,detail');
    expect(line).toBe(`2026-12-05T10:12:00.000Z,"'=HYPERLINK(""x"")","Bakker, Mirjam","KCC ""Noord""",kcc,toegang,,telefoon,'-12,,r1,`);
  });
});
