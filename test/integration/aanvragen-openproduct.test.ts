/**
 * The Aanvragen catalogue from Open Product's Producttypen API (AANVRAGEN_CATALOGUS=openproduct),
 * against the Open Product simulator with the demo catalogue, side by side with the Objecten route
 * (PDCProductType objects): a resident and a company see the same themes with the same products,
 * cost, what you need and how long it takes; a producttype Open Product does not publish (now) is
 * not offered, and its address is a 404; the form of an Open Product producttype opens with the
 * prefill its parameters name, and Verlengen of a product leads to the producttype of the same UUID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProductDemo } from '../../simulators/data/openproduct-demo.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let fromOpenProduct: Stack;
let fromObjecten: Stack;
beforeAll(async () => {
  [fromOpenProduct, fromObjecten] = await Promise.all([
    startStack({ SOURCE_TIMEOUT_MS: '800', AANVRAGEN_CATALOGUS: 'openproduct' }, {}, { aanvragen: true }),
    startStack({ SOURCE_TIMEOUT_MS: '800' }, {}, { aanvragen: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([fromOpenProduct?.close(), fromObjecten?.close()]);
});

const jan = { bsn: '999990019' };
const bakkerij = { kvk: '69599084' };
const typeOf = (code: string) => openProductDemo.producttypen.find((type) => type.code === code)!.uuid;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

const browsers = new Map<string, HttpBrowser>();
async function as(stack: Stack, login: TestLogin): Promise<HttpBrowser> {
  const key = `${stack.url} ${JSON.stringify(login)}`;
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}

/** The catalogue as a person reads it: each theme with its producttypen' titles and what they say (cost, needs, time). */
function catalogue(html: string): { thema: string; items: string[] }[] {
  return html
    .split('<section aria-labelledby="thema-')
    .slice(1)
    .map((section) => {
      const thema = text(/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(section)![1]!);
      const items = section
        .split('<h4')
        .slice(1)
        .map((item) => text(`<h4${item.split('</section>')[0]}`));
      return { thema, items };
    });
}

describe('Aanvragen from Open Product’s Producttypen API', () => {
  for (const [who, login] of [
    ['a resident', jan],
    ['a company', bakkerij],
  ] as const) {
    it(`shows ${who} the same themes and products, with cost, needs and handling time, as the Objecten route`, async () => {
      const [viaOpenProduct, viaObjecten] = await Promise.all([
        (await as(fromOpenProduct, login)).request(`${fromOpenProduct.url}/aanvragen`),
        (await as(fromObjecten, login)).request(`${fromObjecten.url}/aanvragen`),
      ]);
      expect(viaOpenProduct.status).toBe(200);
      // Read from Open Product: its producttypen, by their UUIDs.
      const ids = [...viaOpenProduct.body.matchAll(/href="\/aanvragen\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(openProductDemo.producttypen.map((type) => type.uuid)).toContain(id);
      const shown = catalogue(viaOpenProduct.body);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toEqual(catalogue(viaObjecten.body));
    });
  }

  it('offers a resident the resident producttypen of Open Product that have a form (not the subsidie or the bezoekersvergunning)', async () => {
    const page = await (await as(fromOpenProduct, jan)).request(`${fromOpenProduct.url}/aanvragen`);
    const offered = [...new Set([...page.body.matchAll(/href="\/aanvragen\/([0-9a-f-]{36})"/g)].map((m) => m[1]))].sort();
    expect(offered).toEqual(['PARKEERVERGUNNING-BEWONER', 'AFVALPAS', 'MELDING-OPENBARE-RUIMTE', 'BIJZONDERE-BIJSTAND'].map(typeOf).sort());
  });

  it('does not offer a producttype Open Product does not publish now, and its address is a 404', async () => {
    const afvalpas = typeOf('AFVALPAS');
    // Its publication ended yesterday; the catalogue is read again (a new stack: CATALOGUE_CACHE_SECONDS is per process).
    const stack = await startStack({ SOURCE_TIMEOUT_MS: '800', AANVRAGEN_CATALOGUS: 'openproduct' }, {}, { aanvragen: true });
    try {
      stack.openProduct.setPublicatie(afvalpas, { start: -400, eind: -1 });
      const browser = await loginOverHttp(stack.url, jan);
      const page = await browser.request(`${stack.url}/aanvragen`);
      expect(page.status).toBe(200);
      expect(text(page.body)).not.toContain('Afvalpas');
      expect(page.body).toContain(`href="/aanvragen/${typeOf('PARKEERVERGUNNING-BEWONER')}"`);
      expect((await browser.request(`${stack.url}/aanvragen/${afvalpas}`)).status).toBe(404);
    } finally {
      await stack.close();
    }
  });

  it('opens the form of an Open Product producttype with the prefill its parameters name (the BRP address, a path with an index)', async () => {
    const browser = await as(fromOpenProduct, jan);
    const parkeer = typeOf('PARKEERVERGUNNING-BEWONER');
    const page = await browser.request(`${fromOpenProduct.url}/aanvragen/${parkeer}`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('Ongeveer 4 weken');
    const started = await browser.request(`${fromOpenProduct.url}/aanvragen/${parkeer}`, { form: { _csrf: csrfOf(page.body) } });
    expect(started.status).toBe(303);
    const form = await browser.request(started.location!);
    expect(form.body).toMatch(/name="naam"[^>]*value="Jan[^"]*"|value="Jan[^"]*"[^>]*name="naam"/);
    expect(form.body).toMatch(/name="adres"[^>]*value="[^"]+"|value="[^"]+"[^>]*name="adres"/);
  });

  it('leads Verlengen of a product to the producttype of the same UUID', async () => {
    const { suzanne } = openProductDemo.notable;
    const browser = await as(fromOpenProduct, { bsn: suzanne.bsn });
    const list = await browser.request(`${fromOpenProduct.url}/producten`);
    expect(list.body).toContain(`/aanvragen/${typeOf('PARKEERVERGUNNING-BEWONER')}?verlengen=${suzanne.parkeervergunning}`);
  });
});
