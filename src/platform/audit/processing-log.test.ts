import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Identity } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { IdentityKeys } from '../identity-keys.ts';
import { ProcessingLog } from './processing-log.ts';

let database: DatabaseHandle;
let log: ProcessingLog;
beforeAll(async () => {
  database = await testDatabase();
  log = new ProcessingLog(database.db, new IdentityKeys('k'.repeat(40)));
});
afterAll(() => database.close());

const jan: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999990019' } };
const lotteForJan: Identity = { ...jan, actor: { bsn: '999990482', name: 'Lotte Jansen' } };
const suzanne: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999993653' } };

describe('the processing log', () => {
  it('shows a person what was done with their data, by them or by a gemachtigde, newest first', async () => {
    await log.record(jan, [{ action: 'lezen', category: 'persoonsgegevens', source: 'brp' }], 'req-1');
    await log.record(lotteForJan, [
      { action: 'lezen', category: 'zaken', source: 'zgw:openzaak' },
      { action: 'wijzigen', category: 'contactgegevens', source: 'klantinteracties', purpose: 'wijziging-op-verzoek' },
    ]);
    await log.record(suzanne, [{ action: 'lezen', category: 'zaken', source: 'zgw:openzaak' }]);

    const { entries, total } = await log.list(jan, { offset: 0, limit: 10 });
    expect(total).toBe(3);
    expect(entries.map((e) => [e.actor, e.action, e.category, e.source, e.purpose])).toEqual([
      ['gemachtigde', 'wijzigen', 'contactgegevens', 'klantinteracties', 'wijziging-op-verzoek'],
      ['gemachtigde', 'lezen', 'zaken', 'zgw:openzaak', 'inzage'],
      ['betrokkene', 'lezen', 'persoonsgegevens', 'brp', 'inzage'],
    ]);
    expect((await log.list(suzanne, { offset: 0, limit: 10 })).total).toBe(1);
    expect((await log.list(jan, { offset: 2, limit: 10 })).entries).toHaveLength(1);
  });

  it('stores no BSN, and refuses to change or delete what was written', async () => {
    const rows = await database.db.selectFrom('processing_log').selectAll().execute();
    expect(JSON.stringify(rows)).not.toMatch(/999990019|999990482|999993653/);
    await expect(sql`update processing_log set action = 'lezen'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from processing_log`.execute(database.db)).rejects.toThrow(/append-only/);
    expect(await database.db.selectFrom('processing_log').select('id').execute()).toHaveLength(rows.length);
  });
});
