/**
 * Mijn producten over HTTP, against the Open Product and ZGW simulators with the demo data: the
 * list (only the person's own products, also when Open Product ignores the eigenaar filter and
 * answers everyone's), the notice for a product that ends soon with "Verlengen", the detail page
 * (linked zaken that are the person's, usage, documents), another person's product (404, as one
 * that does not exist), Open Product down (only its block), a company's products, and the
 * processing log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { openProductDemo } from '../../simulators/data/openproduct-demo.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    SOURCE_TIMEOUT_MS: '800',
    PRODUCTEN_VERLENGEN_URL: '/aanvragen/{producttype}?verlengen={product}',
    // Look for products entering the notice period every second (an hour in production).
    PRODUCTEN_MELDING_INTERVAL_SECONDS: '1',
  });
});
afterAll(() => stack?.close());
afterEach(() => {
  stack.openProduct.setFault('none');
  stack.openProduct.setIgnoreEigenaarFilters(false);
});

const { suzanne, bakkerij, others } = openProductDemo.notable;
const browsers = new Map<string, HttpBrowser>();
async function as(login: TestLogin): Promise<HttpBrowser> {
  const key = JSON.stringify(login);
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}
const listed = (html: string) => [...new Set([...html.matchAll(/href="\/producten\/([0-9a-f-]{36})"/g)].map((m) => m[1]))];
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const parkeertype = openProductDemo.producten.find((p) => p.uuid === suzanne.parkeervergunning)!.producttype;

describe('Mijn producten: the list', () => {
  it('shows the person’s products, current ones ending soonest first, status in words, with the notice and Verlengen for the one that ends in 3 weeks', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/producten`);
    expect(page.status).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Mijn producten');
    expect(body).toContain('Uw producten (4 producten)');
    // Parkeervergunning (ends in 21 days), subsidie (240 days), afvalpas (no end), then the one that ended.
    expect(listed(page.body)).toEqual([suzanne.producten[0], suzanne.producten[2], suzanne.producten[1], suzanne.producten[3]]);
    expect(body).toContain('Eén product is bijna niet meer geldig');
    expect(body).toContain('Nog 21 dagen geldig');
    expect(body).toMatch(/Geldig .*Toegekend .*Geldig .*Verlopen/);
    expect(page.body).toContain(`href="/aanvragen/${parkeertype}?verlengen=${suzanne.parkeervergunning}"`);
    for (const uuid of others) expect(page.body).not.toContain(uuid);
  });

  it('searches in the names of the person’s products (ignoring case and accents), and says so when nothing is found', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const found = await browser.request(`${stack.url}/producten?zoek=PARKEER`);
    expect(listed(found.body)).toEqual([suzanne.parkeervergunning]);
    expect(text(found.body)).toContain('Gezocht op &quot;PARKEER&quot;.');
    const byType = await browser.request(`${stack.url}/producten?zoek=isolatie+w%C3%B3ning`);
    // In the list (the notice above it still names the product that ends soon).
    expect(listed(byType.body.slice(byType.body.indexOf('id="producten-list-title"')))).toEqual([suzanne.producten[2]]);
    const none = await browser.request(`${stack.url}/producten?zoek=hondenbelasting`);
    expect(text(none.body)).toContain('Er zijn geen producten gevonden.');
  });

  it('does not show a product of the person that Open Product says may not be shown (gepubliceerd false), in the list or by its address', async () => {
    const uuid = stack.openProduct.addProduct({
      producttype: parkeertype,
      naam: 'Nog niet gepubliceerd',
      eigenaren: [{ bsn: suzanne.bsn }],
      status: 'actief',
      gepubliceerd: false,
    });
    const browser = await as({ bsn: suzanne.bsn });
    expect((await browser.request(`${stack.url}/producten`)).body).not.toContain(uuid);
    expect((await browser.request(`${stack.url}/producten/${uuid}`)).status).toBe(404);
  });

  it('shows only the person’s own products when Open Product ignores the eigenaar filter and answers everyone’s', async () => {
    stack.openProduct.setIgnoreEigenaarFilters(true);
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/producten`);
    expect(page.status).toBe(200);
    expect(listed(page.body).sort()).toEqual([...suzanne.producten].sort());
    for (const uuid of [...others, bakkerij.terrasvergunning]) expect(page.body).not.toContain(uuid);
    expect(stack.voordeur.logs.some((line) => line.includes('products of others in the answer'))).toBe(true);
  });

  it('puts the number of products that end soon and the one that ends soonest on the overzicht', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/overzicht`);
    const body = text(page.body);
    expect(body).toContain('1 product verloopt binnenkort');
    expect(body).toContain('Bijna verlopen Parkeervergunning Wilhelminastraat Geldig tot en met');
    expect(page.body).toContain('href="/producten"');
  });

  it('costs only its own block when Open Product is down: the page is still there, with the block that says so', async () => {
    stack.openProduct.setFault('down');
    const browser = await as({ bsn: suzanne.bsn });
    const list = await browser.request(`${stack.url}/producten`);
    expect(list.status).toBe(200);
    expect(text(list.body)).toContain('Dit onderdeel is nu niet beschikbaar');
    const overzicht = await browser.request(`${stack.url}/overzicht`);
    expect(overzicht.status).toBe(200);
    expect(text(overzicht.body)).toMatch(/Mijn producten Dit onderdeel is nu niet beschikbaar/);
    expect(text(overzicht.body)).toContain('Mijn zaken');
  });

  it('says a product’s page cannot be shown now (503, with the way back) when Open Product is down', async () => {
    stack.openProduct.setFault('down');
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/producten/${suzanne.parkeervergunning}`);
    expect(page.status).toBe(503);
    expect(text(page.body)).toContain('Mijn producten');
    expect(page.body).toContain('href="/producten"');
  });

  it('speaks English when the person chose it', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: suzanne.bsn });
    await browser.request(`${stack.url}/taal/en`);
    const page = await browser.request(`${stack.url}/producten`);
    const body = text(page.body);
    expect(body).toContain('My products');
    expect(body).toContain('One product will soon no longer be valid');
    expect(body).toContain('Valid for 21 more days');
    expect(body).toMatch(/Valid .*Granted .*Valid .*Expired/);
  });

  it('shows a company its products: logged in for the vestiging, and as a whole; another company sees none of them', async () => {
    for (const login of [{ kvk: bakkerij.kvkNummer }, { kvk: bakkerij.kvkNummer, vestiging: bakkerij.vestigingsnummer }]) {
      const page = await (await as(login)).request(`${stack.url}/producten`);
      expect(listed(page.body)).toEqual([bakkerij.terrasvergunning]);
    }
    const otherVestiging = await (await as({ kvk: bakkerij.kvkNummer, vestiging: '000038509520' })).request(`${stack.url}/producten`);
    expect(listed(otherVestiging.body)).toEqual([]);
    expect(text(otherVestiging.body)).toContain('U heeft nog geen producten van ons.');
    const detail = await (await as({ kvk: bakkerij.kvkNummer })).request(`${stack.url}/producten/${bakkerij.terrasvergunning}`);
    expect(text(detail.body)).toMatch(/Tafels 6 Stoelen 24/);
  });
});

describe('Mijn producten: one product', () => {
  it('shows validity, usage with the names the producttype gives, the linked zaak as a link to its page, documents, and Verlengen', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/producten/${suzanne.parkeervergunning}`);
    expect(page.status).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Parkeervergunning Wilhelminastraat');
    expect(body).toContain('Soort product Parkeervergunning voor bewoners');
    expect(body).toContain('Kenteken XX-123-X');
    expect(body).toMatch(/Verbruik Bezoekersuren per jaar 50 Bezoekersuren over 34/);
    expect(page.body).toContain(`href="/zaken/demo/${suzanne.parkeerZaak}"`);
    expect(body).toContain('Aanvraagformulier parkeervergunning');
    expect(page.body).toContain(`href="/taken/${suzanne.parkeerTaak}"`);
    expect(body).toContain('Stuur een kopie van uw kentekenbewijs voor uw parkeervergunning Nog te doen');
    expect(page.body).toContain(`href="/aanvragen/${parkeertype}?verlengen=${suzanne.parkeervergunning}"`);
    const document = await browser.request(`${stack.url}/producten/${suzanne.parkeervergunning}/documenten/0`);
    expect(document.status).toBe(200);
  });

  it('shows on the zaak’s page the product it belongs to', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/zaken/demo/${suzanne.parkeerZaak}`);
    expect(page.status).toBe(200);
    const section = page.body.slice(page.body.indexOf('id="zaak-producten-title"'));
    expect(text(section)).toMatch(/^[^<]*Product bij deze zaak Parkeervergunning Wilhelminastraat Geldig \(geldig tot en met/);
    expect(section).toContain(`href="/producten/${suzanne.parkeervergunning}"`);
    // A zaak without a product has no such section.
    const other = await browser.request(`${stack.url}/zaken/demo/${zgwDemo.notable.longHistory}`);
    expect(other.body).not.toContain('zaak-producten-title');
  });

  it('answers another person’s product with the same 404 as one that does not exist, also its documents', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const unknown = await browser.request(`${stack.url}/producten/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    for (const uuid of [...others, bakkerij.terrasvergunning]) {
      const page = await browser.request(`${stack.url}/producten/${uuid}`);
      expect(page.status).toBe(404);
      expect(text(page.body)).toBe(text(unknown.body));
    }
    expect((await browser.request(`${stack.url}/producten/${others[0]}/documenten/0`)).status).toBe(404);
    expect((await browser.request(`${stack.url}/producten/geen-uuid`)).status).toBe(404);
  });

  it('does not link a zaak that is not the person’s, even when the product names it', async () => {
    const uuid = stack.openProduct.addProduct({
      producttype: parkeertype,
      naam: 'Parkeervergunning met een vreemde zaak',
      eigenaren: [{ bsn: suzanne.bsn }],
      status: 'actief',
      start: -10,
      eind: 300,
      // Someone else's zaak (Parkeervergunning Julianastraat, of another resident), and her own.
      zaken: [zgwDemo.zaken.find((z) => z.omschrijving === 'Parkeervergunning Julianastraat')!.uuid, suzanne.parkeerZaak],
    });
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/producten/${uuid}`);
    expect(page.status).toBe(200);
    const zaakLinks = [...page.body.matchAll(/href="(\/zaken\/[^"]+)"/g)].map((m) => m[1]).filter((href) => href !== '/zaken');
    expect(zaakLinks).toEqual([`/zaken/demo/${suzanne.parkeerZaak}`]);
  });

  it('writes every read in the processing log (Wie heeft mijn gegevens gebruikt), with the source', async () => {
    const db = stack.voordeur.database.db;
    const count = async (category: string, source: string) =>
      Number(
        (
          await db
            .selectFrom('processing_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('category', '=', category)
            .where('source', '=', source)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      producten: await count('producten', 'openproduct'),
      zaken: await count('zaken', 'zgw:demo'),
      documenten: await count('documenten', 'zgw:demo'),
    };
    const browser = await as({ bsn: suzanne.bsn });
    await browser.request(`${stack.url}/producten`);
    await browser.request(`${stack.url}/producten/${suzanne.parkeervergunning}`);
    expect(await count('producten', 'openproduct')).toBe(before.producten + 2);
    expect(await count('zaken', 'zgw:demo')).toBe(before.zaken + 1);
    expect(await count('documenten', 'zgw:demo')).toBe(before.documenten + 1);
    const log = await browser.request(`${stack.url}/gegevens/verwerkingen`);
    expect(log.status).toBe(200);
    expect(text(log.body)).toContain('Wat: Bekeken: uw producten, zoals vergunningen en pasjes');
    expect(text(log.body)).toContain('Wat: Bekeken: de documenten bij uw zaken');
  });
});

describe('Mijn producten: telling people once that a product is about to end', () => {
  it('sends one message when a product enters the notice period (42 days), saying only that a product is about to expire; looking again sends nothing', async () => {
    const to = 'fatima.elamrani@example.nl'; // Fatima El Amrani has a confirmed e-mail address
    const mails = () =>
      stack.notify.sent().filter((m) => m.to === to && m.templateId === notifyTemplates.emailChange.id && m.personalisation.wat?.includes('product'));
    expect(mails()).toHaveLength(0);
    const since = new Date();
    stack.openProduct.addProduct({
      producttype: parkeertype,
      naam: 'Parkeervergunning Lindelaan (tweede auto)',
      eigenaren: [{ bsn: '999991772' }],
      status: 'actief',
      start: -300,
      eind: 40,
    });
    const mail = await stack.notify.waitFor(to, { since, timeoutMs: 15_000 });
    expect(mail.personalisation.wat).toBe('een product dat bijna niet meer geldig is');
    expect(JSON.stringify(mail)).not.toContain('Lindelaan');
    // A few more looks: still one message.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await stack.voordeur.notificaties.worker.drain();
    expect(mails()).toHaveLength(1);
  });
});
