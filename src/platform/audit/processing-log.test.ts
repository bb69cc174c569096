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
      ['gemachtigde', 'wijzigen', 'contactgegevens', '', 'wijziging-op-verzoek'],
      ['gemachtigde', 'lezen', 'zaken', 'zgw', 'inzage'],
      ['betrokkene', 'lezen', 'persoonsgegevens', '', 'inzage'],
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
    const rows = await database.db
      .selectFrom('processing_log')
      .select('source')
      .where('subject_key', '=', new IdentityKeys('k'.repeat(40)).subject(anna.subject))
      .execute();
    expect(new Set(rows.map((row) => row.source)).size).toBe(30);
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

  it('shows repeated reads of the same data by the same actor within a quarter of an hour as one line with their number, counted by the database', async () => {
    const piet: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999991772' } };
    const key = new IdentityKeys('k'.repeat(40)).subject(piet.subject);
    const at = (time: string) => new Date(`2026-11-20T${time}:00Z`);
    const row = (
      time: string,
      values: Partial<{ actor: 'betrokkene' | 'gemachtigde'; action: 'lezen' | 'wijzigen'; category: string; source: string }> = {},
    ) => ({
      subject_key: key,
      occurred_at: at(time),
      actor: values.actor ?? ('betrokkene' as const),
      actor_key: null,
      action: values.action ?? ('lezen' as const),
      category: values.category ?? 'zaken',
      source: values.source ?? 'zgw:openzaak',
      purpose: 'inzage',
    });
    await database.db
      .insertInto('processing_log')
      .values([
        // Three reads of the zaken in one quarter (10:00–10:15), one of them in a second zaaksysteem: one line, 3 times.
        row('10:01'),
        row('10:05'),
        row('10:14', { source: 'zgw:andere' }),
        // The next quarter: a line of its own.
        row('10:16'),
        // Other data in the same quarter: a line of its own.
        row('10:02', { category: 'persoonsgegevens', source: 'brp' }),
        // The products of two systems read at once: one line.
        row('10:07', { category: 'producten', source: 'openproduct' }),
        row('10:07', { category: 'producten', source: 'objecten' }),
        // Documents keep their kind of system: a zaak's documents, a bericht's bijlagen.
        row('10:08', { category: 'documenten', source: 'zgw:openzaak' }),
        row('10:08', { category: 'documenten', source: 'objecten' }),
        // Two changes: a line each.
        row('10:03', { action: 'wijzigen', category: 'contactgegevens', source: 'klantinteracties' }),
        row('10:04', { action: 'wijzigen', category: 'contactgegevens', source: 'klantinteracties' }),
        // Someone else reading the zaken in the first quarter: a line of its own.
        { ...row('10:06'), actor: 'gemachtigde' as const, actor_key: 'lotte', actor_naam: 'Lotte Jansen' },
      ] as never)
      .execute();

    const { entries, total } = await log.list(piet, { offset: 0, limit: 10 });
    expect(total).toBe(9);
    expect(entries.map((e) => [e.occurredAt.toISOString().slice(11, 16), e.actor, e.action, e.category, e.source, e.times, e.naam])).toEqual([
      ['10:16', 'betrokkene', 'lezen', 'zaken', 'zgw', 1, undefined],
      ['10:14', 'betrokkene', 'lezen', 'zaken', 'zgw', 3, undefined],
      ['10:08', 'betrokkene', 'lezen', 'documenten', 'objecten', 1, undefined],
      ['10:08', 'betrokkene', 'lezen', 'documenten', 'zgw', 1, undefined],
      ['10:07', 'betrokkene', 'lezen', 'producten', '', 2, undefined],
      ['10:06', 'gemachtigde', 'lezen', 'zaken', 'zgw', 1, 'Lotte Jansen'],
      ['10:04', 'betrokkene', 'wijzigen', 'contactgegevens', '', 1, undefined],
      ['10:03', 'betrokkene', 'wijzigen', 'contactgegevens', '', 1, undefined],
      ['10:02', 'betrokkene', 'lezen', 'persoonsgegevens', '', 1, undefined],
    ]);
    // Pages count lines, not rows.
    const second = await log.list(piet, { offset: 4, limit: 4 });
    expect(second.total).toBe(9);
    expect(second.entries.map((e) => e.occurredAt.toISOString().slice(11, 16))).toEqual(['10:07', '10:06', '10:04', '10:03']);
    // A period: from (inclusive) until (exclusive).
    const quarter = await log.list(piet, { offset: 0, limit: 10 }, { from: at('10:04'), until: at('10:15') });
    expect(quarter.entries.map((e) => [e.occurredAt.toISOString().slice(11, 16), e.times])).toEqual([
      ['10:14', 2],
      ['10:08', 1],
      ['10:08', 1],
      ['10:07', 2],
      ['10:06', 1],
      ['10:04', 1],
    ]);
    expect(quarter.total).toBe(6);
  });

  it('keeps the name and role of a gemachtigde, and the organisation that pushed', async () => {
    const kees: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999995571' } };
    const suzanneForKees: Identity = { ...kees, actor: { bsn: '999993653', name: 'Suzanne de Vries', rol: 'bewindvoerder' } };
    await log.record(suzanneForKees, [{ action: 'lezen', category: 'berichten', source: 'objecten' }]);
    await log.recordForOrganisation(database.db, { id: 'org-1', naam: 'Belastingsamenwerking Rivierenland' }, [
      { subject: kees.subject, entry: { action: 'toevoegen', category: 'berichten', source: 'organisatie-api' } },
    ]);
    const { entries } = await log.list(kees, { offset: 0, limit: 10 });
    expect(entries.map((e) => [e.actor, e.naam, e.rol ?? null, e.action])).toEqual([
      ['organisatie', 'Belastingsamenwerking Rivierenland', null, 'toevoegen'],
      ['gemachtigde', 'Suzanne de Vries', 'bewindvoerder', 'lezen'],
    ]);
  });
});
