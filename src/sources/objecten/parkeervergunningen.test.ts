/**
 * Parkeervergunning objects as products: what is read from the data and the record, that only the
 * person's or company's own come back also when the Objecten API answers everyone's (a fake client
 * that ignores the filter, as objects-api before 2.5 does), and that what Voordeur accepts is what
 * the object type's JSON Schema (specs/objecttypes/parkeervergunning.json) allows.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Condition, ObjectenClient, StoredObject } from './objecten.ts';
import { ObjectenParkeervergunningStore } from './parkeervergunningen.ts';

const type = 'https://objecttypen.example.nl/api/v2/objecttypes/4b5f4fba-0746-11ed-b939-0242ac120022';
const uuid = (n: number) => `f4000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const vergunning = (n: number, aanvrager: { type: string; value: string }, startAt = '2026-03-01', data: Record<string, unknown> = {}) => ({
  type,
  uuid: uuid(n),
  typeVersion: 1,
  startAt,
  registrationAt: startAt,
  data: { aanvrager, data: { naam: `Houder ${n}`, kenteken: `XX-${n}-Y`, straat: 'Kastanjelaan 12', postcode: '1234 KL', ...data } },
});

const objects: (StoredObject & { type: string })[] = [
  vergunning(1, { type: 'bsn', value: '999993653' }),
  vergunning(2, { type: 'bsn', value: '999991772' }),
  vergunning(3, { type: 'kvk', value: '69599084' }),
  // A KvK number that happens to be spelled as a BSN type, and a BSN as kvk: nobody's.
  vergunning(4, { type: 'kvk', value: '999993653' }),
  // Granted from a day still to come.
  vergunning(5, { type: 'BSN', value: '999993653' }, '2099-01-01'),
  // Does not fit the schema (no kenteken): left out.
  { type, uuid: uuid(6), typeVersion: 1, data: { aanvrager: { type: 'bsn', value: '999993653' }, data: { naam: 'x', straat: 'y', postcode: 'z' } } },
  {
    type: 'https://objecttypen.example.nl/api/v2/objecttypes/other',
    uuid: uuid(7),
    typeVersion: 1,
    data: vergunning(7, { type: 'bsn', value: '999993653' }).data,
  },
];

/** Answers every object of the type, whatever the conditions (the filter ignored). */
function fakeObjecten(asked: Condition[][] = []): ObjectenClient {
  const fake = {
    async listMatching(wanted: string, conditions: Condition[], keep: (data: Record<string, unknown>) => boolean) {
      asked.push(conditions);
      const ofType = objects.filter((o) => o.type === wanted);
      return { objects: ofType.filter((o) => keep(o.data)), complete: true, others: ofType.filter((o) => !keep(o.data)).length };
    },
    async getMatching(wanted: string, id: string, keep: (data: Record<string, unknown>) => boolean) {
      const found = objects.find((o) => o.type === wanted && o.uuid === id);
      return found && keep(found.data) ? found : null;
    },
  };
  return fake as unknown as ObjectenClient;
}

const now = () => new Date('2026-06-01T10:00:00Z');
const store = (asked?: Condition[][]) => new ObjectenParkeervergunningStore(fakeObjecten(asked), type, now);
const warnings: unknown[] = [];
const log = { warn: (...args: unknown[]) => void warnings.push(args) };

describe('Parkeervergunning objects as products', () => {
  it('asks by the aanvrager and keeps only the person’s own, also when the API answers everyone’s', async () => {
    const asked: Condition[][] = [];
    warnings.length = 0;
    const listed = await store(asked).list({ type: 'persoon', bsn: '999993653' }, log);
    expect(listed.items.map((p) => p.id)).toEqual([uuid(1), uuid(5)]);
    expect(asked).toEqual([[['aanvrager__value', 'exact', '999993653']]]);
    expect(JSON.stringify(warnings)).toContain('parkeervergunningen of others in the answer');
    expect(JSON.stringify(warnings)).not.toContain('999993653');
  });

  it('gives a company its own, by KvK number', async () => {
    const listed = await store().list({ type: 'bedrijf', kvkNummer: '69599084', vestigingsnummer: '000038509504' }, log);
    expect(listed.items.map((p) => p.id)).toEqual([uuid(3)]);
  });

  it('reads status and validity from the record: in force since its startAt, ready when it starts later, no end', async () => {
    const product = await store().get({ type: 'persoon', bsn: '999993653' }, uuid(1));
    expect(product).toEqual({
      id: uuid(1),
      source: 'objecten',
      naam: 'Parkeervergunning XX-1-Y',
      producttype: { id: type, naam: 'Parkeervergunning' },
      status: 'actief',
      startDatum: '2026-03-01',
      eigenaren: [{ bsn: '999993653' }],
      zaken: [],
      taken: [],
      documenten: [],
      verbruik: [],
      gegevens: [
        { key: 'kenteken', label: 'Kenteken', value: 'XX-1-Y' },
        { key: 'naam', label: 'Naam', value: 'Houder 1' },
        { key: 'straat', label: 'Straat', value: 'Kastanjelaan 12' },
        { key: 'postcode', label: 'Postcode', value: '1234 KL' },
      ],
    });
    expect((await store().get({ type: 'persoon', bsn: '999993653' }, uuid(5)))?.status).toBe('gereed');
  });

  it('gives null for another’s vergunning, one that does not fit, and an object of another type', async () => {
    for (const n of [2, 3, 4, 6, 7]) expect(await store().get({ type: 'persoon', bsn: '999993653' }, uuid(n)), `object ${n}`).toBeNull();
  });

  it('accepts what the object type’s JSON Schema accepts, and not what it refuses', async () => {
    const schema = JSON.parse(readFileSync(new URL('../../../specs/objecttypes/parkeervergunning.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const base = { aanvrager: { type: 'bsn', value: '999993653' }, data: { naam: 'a', kenteken: 'b', straat: 'c', postcode: 'd' } };
    const cases: Record<string, unknown>[] = [
      base,
      { ...base, extra: true },
      { aanvrager: base.aanvrager },
      { data: base.data },
      { ...base, aanvrager: { type: 'bsn' } },
      { ...base, data: { naam: 'a', kenteken: 'b', straat: 'c' } },
      { ...base, data: { ...base.data, kenteken: 12 } },
    ];
    for (const data of cases) {
      const one: StoredObject & { type: string } = { type, uuid: uuid(50), typeVersion: 1, startAt: '2026-01-01', data };
      objects.push(one);
      try {
        const read = await store().get({ type: 'persoon', bsn: '999993653' }, uuid(50));
        expect(read !== null, JSON.stringify(data)).toBe(validate(data));
      } finally {
        objects.pop();
      }
    }
  });
});
