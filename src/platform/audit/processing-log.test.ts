import { type KyselyPlugin, sql } from 'kysely';
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

  it('writes the records of pages that come in at the same time together, each caller waiting for its own rows', async () => {
    let inserts = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        if (args.node.kind === 'InsertQueryNode') inserts++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const grouped = new ProcessingLog(database.db.withPlugin(counting), new IdentityKeys('k'.repeat(40)));
    const anna: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999992570' } };
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => grouped.record(anna, [{ action: 'lezen', category: i % 2 ? 'zaken' : 'taken', source: `bron-${i}` }], `req-${i}`)),
    );
    // Every record is stored once the calls return…
    const { entries, total } = await grouped.list(anna, { offset: 0, limit: 50 });
    expect(total).toBe(30);
    expect(new Set(entries.map((e) => e.source)).size).toBe(30);
    // …in far fewer inserts than records: the first at once, the others together after it.
    expect(inserts).toBeLessThanOrEqual(3);
  });

  it('gives each caller of a failed insert its error', async () => {
    const failing: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async () => {
        throw new Error('database gone');
      },
    };
    const broken = new ProcessingLog(database.db.withPlugin(failing), new IdentityKeys('k'.repeat(40)));
    const results = await Promise.allSettled([1, 2, 3].map(() => broken.record(jan, [{ action: 'lezen', category: 'zaken', source: 'zgw:openzaak' }])));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
