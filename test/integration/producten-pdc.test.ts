/**
 * Mijn producten from PDCProductInstantie objects in the Objecten API, beside Open Product (an
 * organisation that keeps some products as objects): both lists together, the instantie's usage
 * from its PDCVerbruiksObject, its zaak as a link when it is the person's, and nobody else's
 * instanties, also when the Objecten API ignores the data_attr filter (objects-api 2.4).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openProductDemo } from '../../simulators/data/openproduct-demo.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let suzanne: HttpBrowser;
const ids: Record<'eigen' | 'ander' | 'bedrijf', string> = { eigen: '', ander: '', bedrijf: '' };
const zaak = zgwDemo.zaken.find((z) => z.omschrijving === 'Gehandicaptenparkeerkaart')!;

beforeAll(async () => {
  stack = await startStack({}, {}, { productinstanties: true });
  const instantie = (naam: string, identificatie: string, betrokkeneType: string, extra: Record<string, unknown> = {}) => ({
    naam,
    status: 'actief',
    PDCProductType: '7d9cd6c2-8147-46f2-9ae9-c67e8213c116',
    rollen: { initiator: { identificatie, betrokkeneType } },
    ...extra,
  });
  ids.eigen = await stack.objecten.createObject(
    'productinstantie',
    instantie('Gehandicaptenparkeerkaart', '999993653', 'natuurlijkpersoon', {
      geldigVan: '2026-01-01T00:00:00+01:00',
      geldigTot: '2030-12-31T00:00:00+01:00',
      zaken: [zaak.uuid],
      eigenschappen: { kaartnummer: 'GPK-0042' },
    }),
  );
  await stack.objecten.createObject('verbruiksobject', { soort: 'ritten', productInstantie: ids.eigen, data: { ritten_over: 12 } });
  ids.ander = await stack.objecten.createObject('productinstantie', instantie('Gehandicaptenparkeerkaart Lindelaan', '999991772', 'natuurlijkpersoon'));
  ids.bedrijf = await stack.objecten.createObject('productinstantie', instantie('Venstertijdontheffing Marktstraat', '000038509504', 'vestiging'));
  suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
});
afterAll(() => stack?.close());
afterEach(() => stack.objecten.setVersion('current'));

const listed = (html: string) => [...new Set([...html.matchAll(/href="\/producten\/([0-9a-f-]{36})"/g)].map((m) => m[1]))];
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Mijn producten from PDCProductInstantie objects', () => {
  it('lists the person’s instanties with their Open Product products, and nobody else’s, also when the filter is ignored', async () => {
    for (const version of ['current', '2.4'] as const) {
      stack.objecten.setVersion(version);
      const page = await suzanne.request(`${stack.url}/producten`);
      expect(page.status).toBe(200);
      expect(listed(page.body).sort(), version).toEqual([...openProductDemo.notable.suzanne.producten, ids.eigen].sort());
      expect(page.body).not.toContain(ids.ander);
      expect(page.body).not.toContain(ids.bedrijf);
    }
  });

  it('without PRODUCTEN_VERLENGEN_URL offers no Verlengen link, but the way to contact the organisation', async () => {
    const page = await suzanne.request(`${stack.url}/producten/${openProductDemo.notable.suzanne.parkeervergunning}`);
    expect(text(page.body)).toContain('Wilt u het verlengen? Neem dan contact met ons op .');
    expect(page.body).toContain('href="/contact"');
    expect(page.body).not.toContain('/aanvragen/');
  });

  it('shows one instantie with its validity, data, usage and zaak; another’s is a 404', async () => {
    const page = await suzanne.request(`${stack.url}/producten/${ids.eigen}`);
    expect(page.status).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Geldig vanaf 1 januari 2026');
    // geldigTot is the moment it ends: midnight at the start of 31 December 2030 ends 30 December.
    expect(body).toContain('Geldig tot en met 30 december 2030');
    expect(body).toContain('Kaartnummer GPK-0042');
    expect(body).toContain('Verbruik Ritten over 12');
    expect(page.body).toContain(`href="/zaken/demo/${zaak.uuid}"`);
    expect((await suzanne.request(`${stack.url}/producten/${ids.ander}`)).status).toBe(404);
  });

  it('gives a vestiging’s instantie to that vestiging and to the company as a whole', async () => {
    const vestiging = await loginOverHttp(stack.url, { kvk: '69599084', vestiging: '000038509504' });
    expect(listed((await vestiging.request(`${stack.url}/producten`)).body)).toContain(ids.bedrijf);
    const anders = await loginOverHttp(stack.url, { kvk: '69599084', vestiging: '000038509520' });
    expect(listed((await anders.request(`${stack.url}/producten`)).body)).not.toContain(ids.bedrijf);
    const geheel = await loginOverHttp(stack.url, { kvk: '69599084' });
    expect(listed((await geheel.request(`${stack.url}/producten`)).body)).toContain(ids.bedrijf);
  });
});
