/**
 * PDCProductInstantie objects as products: the mapping, and that only the person's or company's
 * own come back even when the Objecten API ignores the data_attr filter (a fake client that answers
 * every object, as objects-api before 2.5 does).
 */
import { describe, expect, it } from 'vitest';
import type { Condition, ObjectenClient, StoredObject } from './objecten.ts';
import { ObjectenProductStore } from './producten.ts';

const types = {
  productinstantie: 'https://objecttypen.example.nl/api/v2/objecttypes/pdc',
  verbruiksobject: 'https://objecttypen.example.nl/api/v2/objecttypes/verbruik',
};
const uuid = (n: number) => `d5000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const zaak = 'c0000000-0000-4000-8000-000000000101';

const instantie = (
  n: number,
  rol: { identificatie: string; betrokkeneType: string },
  extra: Record<string, unknown> = {},
): StoredObject & { type: string } => ({
  type: types.productinstantie,
  uuid: uuid(n),
  typeVersion: 1,
  data: { naam: `Product ${n}`, status: 'actief', PDCProductType: uuid(900), rollen: { initiator: rol }, ...extra },
});

const objects: (StoredObject & { type: string })[] = [
  instantie(
    1,
    { identificatie: '999993653', betrokkeneType: 'natuurlijkpersoon' },
    {
      geldigVan: '2026-01-01T00:00:00+01:00',
      geldigTot: '2026-12-31T23:00:00+00:00',
      zaken: [zaak, 'geen-uuid'],
      taken: [uuid(500)],
      documenten: ['https://zaken.example.nl/documenten/api/v1/enkelvoudiginformatieobjecten/1'],
      eigenschappen: { kenteken: 'XX-123-X' },
    },
  ),
  instantie(2, { identificatie: '999991772', betrokkeneType: 'natuurlijkpersoon' }),
  instantie(3, { identificatie: '69599084', betrokkeneType: 'nietnatuurlijkpersoon' }, { status: 'Aangevraagd' }),
  instantie(4, { identificatie: '000038509504', betrokkeneType: 'vestiging' }),
  instantie(5, { identificatie: '000038509520', betrokkeneType: 'vestiging' }),
  // A BSN in a vestiging rol is nobody's person.
  instantie(6, { identificatie: '999993653', betrokkeneType: 'vestiging' }),
  { type: types.verbruiksobject, uuid: uuid(700), typeVersion: 1, data: { soort: 'bezoekersuren', productInstantie: uuid(1), data: { over: 34, log: [] } } },
];

/** Answers every object of the type, whatever the conditions (the filter ignored). */
function fakeObjecten(asked: Condition[][] = []): ObjectenClient {
  const fake = {
    async listMatching(type: string, conditions: Condition[], keep: (data: Record<string, unknown>) => boolean) {
      asked.push(conditions);
      const ofType = objects.filter((o) => o.type === type);
      return { objects: ofType.filter((o) => keep(o.data)), complete: true, others: ofType.filter((o) => !keep(o.data)).length };
    },
    async getMatching(type: string, id: string, keep: (data: Record<string, unknown>) => boolean) {
      const found = objects.find((o) => o.type === type && o.uuid === id);
      return found && keep(found.data) ? found : null;
    },
    objectUrl: (id: string) => `https://objecten.example.nl/api/v2/objects/${id}`,
  };
  return fake as unknown as ObjectenClient;
}

const store = (asked?: Condition[][]) => new ObjectenProductStore(fakeObjecten(asked), types, (id) => `https://zaken.example.nl/zaken/api/v1/zaken/${id}`);
const log = { warn: () => {} };
const ids = async (subject: Parameters<ObjectenProductStore['list']>[0]) => (await store().list(subject, log)).items.map((p) => p.id);

describe('PDCProductInstantie objects as products', () => {
  it('asks by the initiator rol and keeps only the subject’s own, also when the API answers everyone’s', async () => {
    const asked: Condition[][] = [];
    const listed = await store(asked).list({ type: 'persoon', bsn: '999993653' }, log);
    expect(listed.items.map((p) => p.id)).toEqual([uuid(1)]);
    expect(asked).toEqual([
      [
        ['rollen__initiator__identificatie', 'exact', '999993653'],
        ['rollen__initiator__betrokkeneType', 'exact', 'natuurlijkpersoon'],
      ],
    ]);
  });

  it('gives a company its own products, and a vestiging’s only to that vestiging or the company as a whole', async () => {
    expect(await ids({ type: 'bedrijf', kvkNummer: '69599084' })).toEqual([uuid(3)]);
    expect(await ids({ type: 'bedrijf', kvkNummer: '69599084', vestigingen: ['000038509504', '000038509520'] })).toEqual([uuid(3), uuid(4), uuid(5)]);
    expect(await ids({ type: 'bedrijf', kvkNummer: '69599084', vestigingsnummer: '000038509504' })).toEqual([uuid(3), uuid(4)]);
  });

  it('reads one product with its usage; another’s is null', async () => {
    const product = await store().get({ type: 'persoon', bsn: '999993653' }, uuid(1));
    expect(product).toMatchObject({
      naam: 'Product 1',
      status: 'actief',
      startDatum: '2026-01-01',
      // geldigTot 23:00 UTC on 31 December is midnight in the Netherlands: the end of 31 December.
      eindDatum: '2026-12-31',
      zaken: [`https://zaken.example.nl/zaken/api/v1/zaken/${zaak}`],
      taken: [`https://objecten.example.nl/api/v2/objects/${uuid(500)}`],
      documenten: ['https://zaken.example.nl/documenten/api/v1/enkelvoudiginformatieobjecten/1'],
      gegevens: [{ key: 'kenteken', value: 'XX-123-X' }],
      verbruik: [{ key: 'over', value: 34 }],
    });
    expect(await store().get({ type: 'persoon', bsn: '999993653' }, uuid(2))).toBeNull();
    expect(await store().get({ type: 'persoon', bsn: '999993653' }, uuid(6))).toBeNull();
    expect((await store().get({ type: 'bedrijf', kvkNummer: '69599084' }, uuid(3)))?.status).toBe('in_aanvraag');
  });
});
