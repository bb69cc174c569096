/**
 * "Verlengen" across two features, over HTTP without JavaScript: Mijn producten (Open Product
 * simulator) offers it for a product that ends within the notice period when Aanvragen offers the
 * product's producttype to this login (the demo catalogue in the Objecten simulator: Open Product's
 * PARKEERVERGUNNING-BEWONER is the PDCProductType parkeervergunning-bewoner); following it opens
 * the aanvraag with the product's values filled in (next to what the BRP says), which the person
 * can change and send. A product of another person, or of another producttype, is a 404 there.
 * No PRODUCTEN_VERLENGEN_URL: the link comes from Aanvragen alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producttypeUuid } from '../../simulators/data/aanvragen-demo.ts';
import { openProductDemo } from '../../simulators/data/openproduct-demo.ts';
import { formAction, type HttpBrowser, hiddenFields, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let browser: HttpBrowser;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800' }, {}, { aanvragen: true });
  browser = await loginOverHttp(stack.url, { bsn: suzanne.bsn });
});
afterAll(() => stack?.close());

const { suzanne, others } = openProductDemo.notable;
const parkeervergunning = producttypeUuid(1);
const terrasvergunning = producttypeUuid(4);
const typeUuid = (code: string) => openProductDemo.producttypen.find((type) => type.code === code)!.uuid;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const renewHref = `/aanvragen/${parkeervergunning}?verlengen=${suzanne.parkeervergunning}`;
const concepts = () => stack.voordeur.database.db.selectFrom('aanvragen').select('id').execute();

describe('Verlengen: from Mijn producten to the aanvraag', () => {
  it('offers Verlengen for the product that ends within the period, in the list and on its page, leading to the aanvraag of its producttype', async () => {
    const list = await browser.request(`${stack.url}/producten`);
    expect(list.status).toBe(200);
    expect(list.body).toContain(`href="${renewHref.replace('&', '&amp;')}"`);
    const detail = await browser.request(`${stack.url}/producten/${suzanne.parkeervergunning}`);
    expect(detail.body).toContain(`href="${renewHref}"`);
    expect(text(detail.body)).toContain('Verlengen');
  });

  it('opens the form with the product’s values filled in (and the BRP’s), which the person can change, and sends it', async () => {
    const landing = await browser.request(`${stack.url}${renewHref}`);
    expect(landing.status).toBe(200);
    expect(text(landing.body)).toContain('U verlengt Parkeervergunning Wilhelminastraat');
    const action = formAction(landing.body, 'Verlenging aanvragen', landing.url);
    const fields = hiddenFields(landing.body, action);
    expect(fields.verlengen).toBe(suzanne.parkeervergunning);
    const started = await browser.request(action, { form: fields });
    expect(started.status).toBe(303);
    const page1Url = started.location!;
    expect(page1Url).toMatch(/\/aanvragen\/formulier\/[0-9a-f-]{36}\/1$/);

    // Page 1: her name and address from the BRP, as for any aanvraag.
    const page1 = await browser.request(page1Url);
    expect(page1.body).toMatch(/name="naam"[^>]*value="Suzanne[^"]*"|value="Suzanne[^"]*"[^>]*name="naam"/);
    expect(text(page1.body)).toContain('Een deel van het formulier hebben we al ingevuld');
    const toPage2 = await browser.request(page1Url, {
      form: {
        ...hiddenFields(page1.body, page1Url),
        _csrf: csrfOf(page1.body),
        naam: 'Suzanne de Vries',
        adres: 'Kastanjelaan 12',
        email: 'suzanne@example.nl',
        actie: 'volgende',
      },
    });
    expect(toPage2.location).toMatch(/\/2$/);

    // Page 2: the kenteken of the product she renews, in a text box she can change.
    const page2 = await browser.request(toPage2.location!);
    expect(page2.body).toMatch(/name="kenteken"[^>]*value="XX-123-X"|value="XX-123-X"[^>]*name="kenteken"/);
    expect(text(page2.body)).toContain('Een deel van het formulier hebben we al ingevuld');
    const toPage3 = await browser.request(toPage2.location!, {
      form: { _csrf: csrfOf(page2.body), kenteken: 'XX-124-X', soortAuto: 'eigen', actie: 'volgende' },
    });
    expect(toPage3.location).toMatch(/\/3$/);
    const page3 = await browser.request(toPage3.location!);
    const form3 = new FormData();
    form3.set('_csrf', csrfOf(page3.body));
    form3.set('actie', 'volgende');
    const toSummary = await browser.request(toPage3.location!, { multipart: form3 });
    expect(toSummary.location).toMatch(/\/controleren$/);
    const summary = await browser.request(toSummary.location!);
    expect(text(summary.body)).toContain('XX-124-X');

    const sent = await browser.request(toSummary.location!.replace(/controleren$/, 'versturen'), { form: { _csrf: csrfOf(summary.body) } });
    expect(sent.status).toBe(303);
    const receipt = await browser.request(sent.location!.replace(/#.*/, ''));
    expect(receipt.status).toBe(200);
    expect(text(receipt.body)).toContain('Wij hebben uw aanvraag ontvangen: Parkeervergunning voor bewoners');
    expect(text(receipt.body)).toContain('XX-124-X');
  });

  it('offers no Verlengen for a product whose producttype is not offered to this login, and its aanvraag cannot start from it', async () => {
    // A terrasvergunning of hers that ends in 10 days: terrasvergunningen are for companies.
    const terras = stack.openProduct.addProduct({
      producttype: typeUuid('TERRASVERGUNNING'),
      naam: 'Terrasvergunning Kastanjelaan',
      eigenaren: [{ bsn: suzanne.bsn }],
      status: 'actief',
      start: -300,
      eind: 10,
    });
    // And a bezoekersvergunning ending soon: a producttype the catalogue does not have at all.
    const bezoek = stack.openProduct.addProduct({
      producttype: typeUuid('BEZOEKERSVERGUNNING'),
      naam: 'Bezoekersvergunning Kastanjelaan',
      eigenaren: [{ bsn: suzanne.bsn }],
      status: 'actief',
      start: -300,
      eind: 12,
    });
    const list = await browser.request(`${stack.url}/producten`);
    const notice = text(list.body);
    expect(notice).toContain('Terrasvergunning Kastanjelaan');
    expect(notice).toContain('Bezoekersvergunning Kastanjelaan');
    expect(list.body).not.toContain(`verlengen=${terras}`);
    expect(list.body).not.toContain(`verlengen=${bezoek}`);
    expect(notice).toContain('Neem dan contact met ons op');
    // Still Verlengen for the parkeervergunning.
    expect(list.body).toContain(`verlengen=${suzanne.parkeervergunning}`);
    const detail = await browser.request(`${stack.url}/producten/${terras}`);
    expect(detail.body).not.toContain('verlengen=');
    expect((await browser.request(`${stack.url}/aanvragen/${terrasvergunning}?verlengen=${terras}`)).status).toBe(404);
  });

  it('gives a 404 for a product of another person, or of another producttype, as a prefill source, and stores nothing', async () => {
    const before = await concepts();
    const other = others[0]!; // Parkeervergunning Lindelaan, someone else's
    const page = await browser.request(`${stack.url}/aanvragen/${parkeervergunning}?verlengen=${other}`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain('Lindelaan');
    const plain = await browser.request(`${stack.url}/aanvragen/${parkeervergunning}`);
    const csrf = csrfOf(plain.body);
    const posted = await browser.request(`${stack.url}/aanvragen/${parkeervergunning}`, { form: { _csrf: csrf, verlengen: other } });
    expect(posted.status).toBe(404);
    // Her afvalpas is hers, but not a parkeervergunning.
    const afvalpas = suzanne.producten[1]!;
    expect((await browser.request(`${stack.url}/aanvragen/${parkeervergunning}?verlengen=${afvalpas}`)).status).toBe(404);
    expect((await browser.request(`${stack.url}/aanvragen/${parkeervergunning}`, { form: { _csrf: csrf, verlengen: afvalpas } })).status).toBe(404);
    expect((await browser.request(`${stack.url}/aanvragen/${parkeervergunning}?verlengen=niet-een-product`)).status).toBe(404);
    expect(await concepts()).toEqual(before);
  });
});
