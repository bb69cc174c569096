/**
 * Aanvragen over HTTP, against the Objecten and ZGW simulators with the demo catalogue
 * (simulators/data/aanvragen-demo.ts): what each login may apply for (residents resident products,
 * companies company products, a gemachtigde only when the organisation allows it), by theme and
 * searchable, with cost, what you need and the zaaktype's doorlooptijd; a producttype that is not
 * offered to this login is a 404, as one that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producttypeUuid } from '../../simulators/data/aanvragen-demo.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800' }, {}, { aanvragen: true });
});
afterAll(() => stack?.close());

// Jan Jansen: a resident with a BRP address and a known e-mail address (Suzanne chooses a machtiging at login).
const jan = { bsn: '999990019' };
const pieter = { bsn: '999995571' };
const bakkerij = { kvk: '69599084' };
const parkeervergunning = producttypeUuid(1);
const melding = producttypeUuid(2);
const bijstand = producttypeUuid(3);
const terras = producttypeUuid(4);
const afvalpas = producttypeUuid(5);

const browsers = new Map<string, HttpBrowser>();
async function as(login: TestLogin): Promise<HttpBrowser> {
  const key = JSON.stringify(login);
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}
const offered = (html: string) => [...new Set([...html.matchAll(/href="\/aanvragen\/([0-9a-f-]{36})"/g)].map((m) => m[1]))].sort();
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Aanvragen: the catalogue', () => {
  it('says the catalogue cannot be shown now when the Objecten API is down before it was ever read, without a 500', async () => {
    const browser = await as(pieter);
    stack.objecten.setFault('down');
    try {
      const page = await browser.request(`${stack.url}/aanvragen`);
      // The page is there and says its part cannot be shown now (as every source-backed page).
      expect(page.status).toBe(200);
      expect(text(page.body)).toContain('niet beschikbaar');
      expect(offered(page.body)).toEqual([]);
    } finally {
      stack.objecten.setFault('none');
    }
  });

  it('shows a resident the resident products by theme, with cost, what you need and how long it takes (from the zaaktype)', async () => {
    const browser = await as(jan);
    const page = await browser.request(`${stack.url}/aanvragen`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/aanvragen"');
    expect(offered(page.body)).toEqual([parkeervergunning, melding, bijstand, afvalpas].sort());
    const body = text(page.body);
    // Themes in alphabetical order, each a heading.
    expect(body.indexOf('Parkeren')).toBeLessThan(body.indexOf('Werk en inkomen'));
    expect(body.indexOf('Werk en inkomen')).toBeLessThan(body.indexOf('Wonen en leefomgeving'));
    expect(body).toContain('€ 60 per jaar');
    expect(body).toContain('Het kenteken van uw auto');
    // Parkeervergunning's zaaktype has doorlooptijd P4W; the afvalpas has none, its producttype says P2W.
    expect(body).toContain('Ongeveer 4 weken');
    expect(body).toContain('Ongeveer 2 weken');
  });

  it('shows a company the company products only', async () => {
    const browser = await as(bakkerij);
    const page = await browser.request(`${stack.url}/aanvragen`);
    expect(page.status).toBe(200);
    expect(offered(page.body)).toEqual([melding, terras].sort());
  });

  it('searches in names, descriptions and themes, ignoring case and accents, and says how many were found', async () => {
    const browser = await as(jan);
    const found = await browser.request(`${stack.url}/aanvragen?zoek=PARKEREN`);
    expect(offered(found.body)).toEqual([parkeervergunning]);
    expect(text(found.body)).toContain('1 gevonden.');
    const accent = await browser.request(`${stack.url}/aanvragen?zoek=w%C3%A1smachine`);
    expect(offered(accent.body)).toEqual([bijstand]);
    const none = await browser.request(`${stack.url}/aanvragen?zoek=hondenbelasting`);
    expect(offered(none.body)).toEqual([]);
    expect(text(none.body)).toContain('Er is niets gevonden.');
  });

  it('shows a producttype of the login, and a 404 for one not offered to them or that does not exist', async () => {
    const browser = await as(jan);
    const page = await browser.request(`${stack.url}/aanvragen/${parkeervergunning}`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('Parkeervergunning voor bewoners');
    expect((await browser.request(`${stack.url}/aanvragen/${terras}`)).status).toBe(404);
    expect((await browser.request(`${stack.url}/aanvragen/f4000000-0000-4000-8000-000000000099`)).status).toBe(404);
    expect((await browser.request(`${stack.url}/aanvragen/niet-een-uuid`)).status).toBe(404);
    const company = await as(bakkerij);
    expect((await company.request(`${stack.url}/aanvragen/${terras}`)).status).toBe(200);
    expect((await company.request(`${stack.url}/aanvragen/${parkeervergunning}`)).status).toBe(404);
  });

  it('tells a gemachtigde whose machtiging does not include applying that they can only look', async () => {
    const browser = await as({ gemachtigde: '999990482', voor: '999990019' });
    const page = await browser.request(`${stack.url}/aanvragen`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('u mag voor deze persoon niets aanvragen');
  });

  it('reads the catalogue once per cache period: shared by everyone, still shown when the Objecten API goes down after', async () => {
    const browser = await as(jan);
    expect((await browser.request(`${stack.url}/aanvragen`)).status).toBe(200);
    stack.objecten.setFault('down');
    try {
      const page = await browser.request(`${stack.url}/aanvragen`);
      expect(page.status).toBe(200);
      expect(offered(page.body)).toContain(parkeervergunning);
    } finally {
      stack.objecten.setFault('none');
    }
  });
});

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

function multipart(csrf: string, fields: Record<string, string>, files: [field: string, name: string, content: Buffer][] = []): FormData {
  const data = new FormData();
  data.append('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const [field, name, content] of files) data.append(field, new Blob([new Uint8Array(content)]), name);
  return data;
}

/** Starts an aanvraag for the producttype; the address of its first page. */
async function start(browser: HttpBrowser, producttype: string): Promise<string> {
  const page = await browser.request(`${stack.url}/aanvragen/${producttype}`);
  const started = await browser.request(`${stack.url}/aanvragen/${producttype}`, { form: { _csrf: csrfOf(page.body) } });
  expect(started.status).toBe(303);
  expect(started.location).toMatch(/\/aanvragen\/formulier\/[0-9a-f-]{36}\/1$/);
  return started.location!;
}

const conceptOf = (pageUrl: string) => /formulier\/([0-9a-f-]{36})\//.exec(pageUrl)![1]!;

describe('Aanvragen: the form', () => {
  it('goes page by page with a step indicator, prefilled from the BRP and contact details (changeable), kept as a concept to go on with later, checked, and sent once', async () => {
    const browser = await as(jan);
    const first = await start(browser, parkeervergunning);
    const page1 = await browser.request(first);
    expect(page1.status).toBe(200);
    expect(text(page1.body)).toContain('Uw gegevens (hier bent u nu)');
    expect(text(page1.body)).toContain('Controleren en versturen (nog te doen)');
    expect(page1.body).toContain('aria-current="step"');
    // Prefilled, in text boxes the person can change.
    expect(page1.body).toMatch(/name="naam"[^>]*value="Jan[^"]*"|value="Jan[^"]*"[^>]*name="naam"/);
    expect(page1.body).toContain('value="jan.jansen@example.nl"');
    expect(text(page1.body)).toContain('Een deel van het formulier hebben we al ingevuld');

    // Errors: in the summary and next to the field, what was typed kept.
    const refused = await browser.request(first, {
      form: { _csrf: csrfOf(page1.body), naam: '', adres: 'Lindelaan 1', email: 'geen-adres', actie: 'volgende' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="error-summary"');
    expect(refused.body).toContain('value="Lindelaan 1"');
    expect(refused.body).toContain('value="geen-adres"');

    // Saved to go on later: listed under Nog niet verstuurd, with the day it will be deleted.
    const saved = await browser.request(first, {
      form: { _csrf: csrfOf(page1.body), naam: 'Jan Jansen', adres: 'Lindelaan 1', email: 'jan@example.nl', actie: 'opslaan' },
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toContain('/aanvragen?bewaard=1');
    const list = await browser.request(`${stack.url}/aanvragen`);
    expect(text(list.body)).toContain('Nog niet verstuurd');
    expect(text(list.body)).toContain('We bewaren het tot');
    expect(list.body).toContain(`href="/aanvragen/formulier/${conceptOf(first)}/1"`);

    // Resumed: what was typed is there.
    const resumed = await browser.request(first);
    expect(resumed.body).toContain('value="Lindelaan 1"');
    expect(resumed.body).toContain('value="jan@example.nl"');
    const next = await browser.request(first, {
      form: { _csrf: csrfOf(resumed.body), naam: 'Jan Jansen', adres: 'Lindelaan 1', email: 'jan@example.nl', telefoon: '', actie: 'volgende' },
    });
    expect(next.status).toBe(303);
    expect(next.location).toMatch(/\/2$/);

    const page2 = await browser.request(next.location!);
    expect(text(page2.body)).toContain('Uw gegevens (klaar)');
    const page3 = await browser.request(next.location!, { form: { _csrf: csrfOf(page2.body), kenteken: 'AB-123-C', soortAuto: 'lease', actie: 'volgende' } });
    expect(page3.location).toMatch(/\/3$/);
    const filePage = await browser.request(page3.location!);
    expect(filePage.body).toContain('enctype="multipart/form-data"');
    const withFile = await browser.request(page3.location!, {
      multipart: multipart(csrfOf(filePage.body), { actie: 'volgende' }, [['kentekenbewijs', 'lease contract.pdf', pdf]]),
    });
    expect(withFile.status).toBe(303);
    expect(withFile.location).toMatch(/\/controleren$/);

    const summary = await browser.request(withFile.location!);
    expect(summary.status).toBe(200);
    const words = text(summary.body);
    expect(words).toContain('Controleer uw antwoorden');
    expect(words).toContain('AB-123-C');
    expect(words).toContain('Van mijn werkgever (lease)');
    expect(words).toMatch(/lease.contract\.pdf/);

    const sendAction = `${stack.url}/aanvragen/formulier/${conceptOf(first)}/versturen`;
    const sent = await browser.request(sendAction, { form: { _csrf: csrfOf(summary.body) } });
    expect(sent.status).toBe(303);
    const receiptUrl = sent.location!.replace(/#.*/, '');
    expect(receiptUrl).toBe(`${stack.url}/aanvragen/ontvangen/${conceptOf(first)}`);
    const receipt = await browser.request(receiptUrl);
    expect(receipt.status).toBe(200);
    const receiptText = text(receipt.body);
    expect(receiptText).toContain('Wij hebben uw aanvraag ontvangen: Parkeervergunning voor bewoners');
    expect(receiptText).toMatch(/Kenmerk AV-[0-9A-F]{8}/);
    expect(receiptText).toContain('Ontvangen op');
    expect(receiptText).toContain('Wat gebeurt er nu?');
    expect(receiptText).toContain('Ongeveer 4 weken');

    // Sent again (a second press, a replayed request): the same confirmation, stored once.
    const again = await browser.request(sendAction, { form: { _csrf: csrfOf(summary.body) } });
    expect(again.status).toBe(303);
    expect(again.location!.replace(/#.*/, '')).toBe(receiptUrl);
    const { db } = stack.voordeur.database;
    const rows = await db.selectFrom('aanvragen').select(['id', 'status']).where('id', '=', conceptOf(first)).execute();
    expect(rows).toEqual([{ id: conceptOf(first), status: 'ontvangen' }]);
    const jobs = await db.selectFrom('jobs').select('id').where('queue', '=', 'aanvraag.deliver').where('dedupe_key', '=', conceptOf(first)).execute();
    expect(jobs).toHaveLength(1);
    // No longer a concept; listed as sent.
    const after = await browser.request(`${stack.url}/aanvragen`);
    expect(after.body).not.toContain(`/aanvragen/formulier/${conceptOf(first)}/`);
    expect(after.body).toContain(`href="/aanvragen/ontvangen/${conceptOf(first)}"`);
  });

  it('does not let a page be skipped: the summary sends the person back to the first page that is not right', async () => {
    const browser = await as(jan);
    const first = await start(browser, bijstand);
    const summary = await browser.request(first.replace(/\/1$/, '/controleren'));
    expect(summary.status).toBe(303);
    expect(summary.location).toContain('/1?controle=1');
    const shown = await browser.request(summary.location!);
    expect(shown.status).toBe(400);
    expect(shown.body).toContain('id="error-summary"');
  });

  it('refuses a file that is not what it says, with a Dutch error, and keeps nothing', async () => {
    const browser = await as(pieter);
    const first = await start(browser, melding);
    const page = await browser.request(first);
    const refused = await browser.request(first, {
      multipart: multipart(csrfOf(page.body), { soort: 'verlichting', locatie: 'Lindelaan', omschrijving: 'Lamp kapot', actie: 'volgende' }, [
        ['foto', 'lamp.jpg', Buffer.from('not a picture at all')],
      ]),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="error-summary"');
    const files = await stack.voordeur.database.db.selectFrom('aanvraag_bestanden').select('veld').where('aanvraag', '=', conceptOf(first)).execute();
    expect(files).toEqual([]);
  });

  it('gives a 404 for a concept of someone else, whether shown, sent or deleted, and for a producttype not offered to this login', async () => {
    const owner = await as(jan);
    const first = await start(owner, afvalpas);
    const other = await as(pieter);
    expect((await other.request(first)).status).toBe(404);
    expect((await other.request(first.replace(/\/1$/, '/controleren'))).status).toBe(404);
    const otherList = await other.request(`${stack.url}/aanvragen`);
    const csrf = csrfOf(otherList.body);
    expect((await other.request(first, { form: { _csrf: csrf, naam: 'X', adres: 'Y', reden: 'nieuw', actie: 'volgende' } })).status).toBe(404);
    expect((await other.request(first.replace(/\/1$/, '/versturen'), { form: { _csrf: csrf } })).status).toBe(404);
    expect((await other.request(first.replace(/\/1$/, '/verwijderen'), { form: { _csrf: csrf } })).status).toBe(404);
    expect((await other.request(`${stack.url}/aanvragen/ontvangen/${conceptOf(first)}`)).status).toBe(404);
    // Still the owner's.
    expect((await owner.request(first)).status).toBe(200);
    // A company's producttype, started by a resident (a tampered address): a 404, no concept.
    const before = await stack.voordeur.database.db.selectFrom('aanvragen').select('id').execute();
    expect((await owner.request(`${stack.url}/aanvragen/${terras}`, { form: { _csrf: csrfOf((await owner.request(first)).body) } })).status).toBe(404);
    expect(await stack.voordeur.database.db.selectFrom('aanvragen').select('id').execute()).toHaveLength(before.length);
  });

  it('lets the person delete a concept', async () => {
    const browser = await as(jan);
    const first = await start(browser, afvalpas);
    const list = await browser.request(`${stack.url}/aanvragen`);
    const deleted = await browser.request(first.replace(/\/1$/, '/verwijderen'), { form: { _csrf: csrfOf(list.body) } });
    expect(deleted.status).toBe(303);
    expect((await browser.request(first)).status).toBe(404);
  });
});
