/**
 * Aanvragen over HTTP, against the Objecten and ZGW simulators with the demo catalogue
 * (simulators/data/aanvragen-demo.ts): what each login may apply for (residents resident products,
 * companies company products, a gemachtigde only when the organisation allows it), by theme and
 * searchable, with cost, what you need and the zaaktype's doorlooptijd; a producttype that is not
 * offered to this login is a 404, as one that does not exist.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producttypeUuid } from '../../simulators/data/aanvragen-demo.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { conceptChangeKey, deliveredChangeKey, zaakChangeKey } from '../../src/domain/aanvraag.ts';
import { warnConcepts } from '../../src/features/aanvragen/concepts.ts';
import { withoutFragmentIds } from '../../simulators/objecten/validation.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack, zgwClient } from '../support/stack.ts';
import { ZgwToken } from '../../src/sources/zgw-token.ts';
import { printUndelivered } from '../../src/features/aanvragen/beheer.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { AanvraagStore } from '../../src/sources/voordeur/aanvragen.ts';

let stack: Stack;
beforeAll(async () => {
  // Messages go at once (no bundling), so that each change's message can be seen.
  // Answers kept a minute, as people get them (5 s by default): only a drop can explain a fresh page.
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800', NOTIFICATION_BUNDLE_SECONDS: '0', PERSONAL_CACHE_SECONDS: '60' }, {}, { aanvragen: true });
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
    // No button to start, and starting anyway is refused on the server: nothing stored.
    const producttype = await browser.request(`${stack.url}/aanvragen/${afvalpas}`);
    expect(producttype.status).toBe(200);
    expect(producttype.body).not.toContain('>Aanvragen</button>');
    const before = await stack.voordeur.database.db.selectFrom('aanvragen').select('id').execute();
    const refused = await browser.request(`${stack.url}/aanvragen/${afvalpas}`, { form: { _csrf: csrfOf(producttype.body) } });
    expect(refused.status).toBe(403);
    expect(await stack.voordeur.database.db.selectFrom('aanvragen').select('id').execute()).toHaveLength(before.length);
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

    // Mijn berichten looked at just before sending: what it kept then is dropped when the aanvraag is received.
    expect(text((await browser.request(`${stack.url}/berichten`)).body)).not.toContain('Ontvangstbevestiging: Parkeervergunning voor bewoners');
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

    // The same confirmation in Mijn berichten, with the answers as a PDF; the person is told through their channels.
    const id = conceptOf(first);
    const berichten = await browser.request(`${stack.url}/berichten`);
    expect(text(berichten.body)).toContain('Ontvangstbevestiging: Parkeervergunning voor bewoners');
    const bericht = await browser.request(`${stack.url}/berichten/${id}`);
    expect(bericht.status).toBe(200);
    expect(text(bericht.body)).toMatch(/Uw kenmerk is AV-[0-9A-F]{8}/);
    // The PDF listed as its bijlage (named by the kenmerk), and downloadable.
    expect(text(bericht.body)).toMatch(/Uw antwoorden AV-[0-9A-F]{8}/);
    expect(text(bericht.body)).not.toContain('De bijlagen kunnen niet worden getoond');
    expect(bericht.body).toContain(`href="/berichten/${id}/bijlagen/0"`);
    const download = await browser.request(`${stack.url}/berichten/${id}/bijlagen/0`);
    expect(download.status).toBe(200);
    expect(download.body.startsWith('%PDF-')).toBe(true);
    const changes = await stack.voordeur.database.db.selectFrom('notification_changes').select('topic').where('change_key', '=', `aanvraag:${id}`).execute();
    expect(changes).toEqual([{ topic: 'bericht' }]);
    // Someone else cannot open it.
    expect((await (await as(pieter)).request(`${stack.url}/berichten/${id}`)).status).toBe(404);

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

  it('deletes concepts not saved for AANVRAGEN_CONCEPT_BEWAARDAGEN days, with their files, and keeps the others', async () => {
    const browser = await as(jan);
    const old = conceptOf(await start(browser, afvalpas));
    const recent = conceptOf(await start(browser, afvalpas));
    const { db } = stack.voordeur.database;
    await db
      .updateTable('aanvragen')
      .set({ updated_at: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where('id', '=', old)
      .execute();
    const list = await browser.request(`${stack.url}/aanvragen`);
    // Past its day: the list warns (it is deleted at the next clean-up).
    expect(text(list.body)).toContain('Let op: op');
    const store = new AanvraagStore(db, new IdentityKeys(stack.voordeur.config.identityKeySecret));
    expect(await store.purgeConcepts(new Date(Date.now() - 30 * 24 * 3600 * 1000))).toBeGreaterThanOrEqual(1);
    const left = (await db.selectFrom('aanvragen').select('id').where('id', 'in', [old, recent]).execute()).map((row) => row.id);
    expect(left).toEqual([recent]);
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

/** Fills in every page (a form of text fields) and sends it; the aanvraag's id. */
async function sendAanvraag(browser: HttpBrowser, producttype: string, pages: Record<string, string>[]): Promise<string> {
  let url = await start(browser, producttype);
  for (const fields of pages) {
    const page = await browser.request(url);
    const next = await browser.request(url, { form: { _csrf: csrfOf(page.body), ...fields, actie: 'volgende' } });
    expect(next.status, `page ${url}: ${text(next.body).slice(0, 300)}`).toBe(303);
    url = next.location!;
  }
  const summary = await browser.request(url);
  const id = conceptOf(url);
  const sent = await browser.request(`${stack.url}/aanvragen/formulier/${id}/versturen`, { form: { _csrf: csrfOf(summary.body) } });
  expect(sent.location).toContain(`/aanvragen/ontvangen/${id}`);
  return id;
}

async function deliveredRow(id: string, timeoutMs = 15_000) {
  const { db } = stack.voordeur.database;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom('aanvragen').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (row.afgeleverd_at) return row;
    if (Date.now() > until) throw new Error(`aanvraag ${id} not delivered in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Whether Mijn zaken lists a zaak with this identificatie, within a few seconds. */
async function zakenListHas(browser: HttpBrowser, identificatie: string): Promise<boolean> {
  for (let attempt = 0; attempt < 30; attempt++) {
    if (text((await browser.request(`${stack.url}/zaken`)).body).includes(identificatie)) return true;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

const bijstandPages: Record<string, string>[] = [
  { naam: 'Jan Jansen', iban: 'NL91ABNA0417164300', email: 'jan.jansen@example.nl', telefoon: '' },
  { waarvoor: 'Een nieuwe wasmachine', bedrag: '450', naarWaarheid: 'true' },
];

/** The documents in the ZGW simulator with this identificatie. */
const documentsWith = (identificatie: string) => stack.zgw.documents().filter((document) => document.identificatie === identificatie);
/** The documents linked to this zaak, by URL. */
const linkedTo = (zaakUrl: string) => stack.zgw.zaakinformatieobjecten().filter((zio) => zio.zaak === zaakUrl);
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** The productaanvraag object type's schema (specs/objecttypes), checked with its formats, as the Objecten API does. */
function productaanvraagSchema() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
  const schema = JSON.parse(readFileSync(new URL('../../specs/objecttypes/productaanvraag.json', import.meta.url), 'utf8'));
  return ajv.compile(withoutFragmentIds(schema) as Record<string, unknown>);
}

describe('Aanvragen: delivery to the back office', () => {
  it('delivers an aanvraag as a productaanvraag object that fits its object type, once; the back office makes a zaak of it, which shows in Mijn zaken', async () => {
    const browser = await as(jan);
    const id = await sendAanvraag(browser, melding, [{ soort: 'verlichting', locatie: 'Lindelaan 3', omschrijving: 'De lantaarnpaal is stuk', email: '' }]);
    const row = await deliveredRow(id);
    expect(row.object_url).toMatch(/\/objects\/[0-9a-f-]{36}$/);
    const objects = stack.objecten.objects() as { url: string; type: string; record: { data: Record<string, unknown> } }[];
    const mine = objects.filter((object) => object.type === stack.objecten.objecttypen.productaanvraag && object.record.data.submission_id === id);
    expect(mine).toHaveLength(1);
    const { data } = mine[0]!.record;
    expect(data).toMatchObject({ type: 'melding-openbare-ruimte', bsn: jan.bsn, kenmerk: row.kenmerk, data: { soort: 'verlichting', locatie: 'Lindelaan 3' } });
    // Checked against the object type's schema in specs/objecttypes, as the Objecten API does.
    const validate = productaanvraagSchema();
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    // The back office's routing made a zaak with the kenmerk; the person sees it (once the notification of it is in).
    expect(await zakenListHas(browser, row.kenmerk!)).toBe(true);
  });

  it('stores the photos and the PDF of the answers in the Documenten API first, each once, and names them in the productaanvraag (attachments, pdf_url), as Open Formulieren does', async () => {
    const browser = await as(pieter);
    const first = await start(browser, melding);
    const page = await browser.request(first);
    const filled = await browser.request(first, {
      multipart: multipart(csrfOf(page.body), { soort: 'bestrating', locatie: 'Kerkstraat 8', omschrijving: 'Een losse tegel', actie: 'volgende' }, [
        ['foto', 'tegel voor.png', png],
        ['foto', 'tegel achter.png', Buffer.concat([png, Buffer.from([1])])],
      ]),
    });
    expect(filled.status, text(filled.body).slice(0, 300)).toBe(303);
    const id = conceptOf(first);
    const summary = await browser.request(filled.location!);
    await browser.request(`${stack.url}/aanvragen/formulier/${id}/versturen`, { form: { _csrf: csrfOf(summary.body) } });
    const row = await deliveredRow(id);
    const object = (stack.objecten.objects() as { url: string; record: { data: Record<string, unknown> } }[]).find(
      (candidate) => candidate.record.data.submission_id === id,
    )!;
    const data = object.record.data as { attachments: string[]; pdf_url: string; bsn: string };
    // The back office finds each file at the URL the object names, with what the person sent.
    expect(data.attachments).toHaveLength(2);
    const documents = stack.zgw.documents();
    const at = (url: string) => documents.find((document) => url.endsWith(`/enkelvoudiginformatieobjecten/${document.uuid}`));
    expect(data.attachments.map((url) => at(url)?.bestandsnaam).sort()).toEqual(['tegel achter.png', 'tegel voor.png']);
    expect(at(data.attachments[0]!)?.content?.subarray(0, 8)).toEqual(png.subarray(0, 8));
    const answers = at(data.pdf_url)!;
    // An 'Aanvraag' document (ZAAKSYSTEMEN aanvraagInformatieobjecttype), the photos 'Bewijsstuk' (uploadInformatieobjecttype).
    const informatieobjecttype = (key: string) => zgwDemo.informatieobjecttypen.find((type) => type.key === key)!.uuid;
    expect(answers).toMatchObject({ identificatie: `${row.kenmerk}-antwoorden`, formaat: 'application/pdf', bronorganisatie: zgwDemo.organisatie.rsin });
    expect(answers.informatieobjecttype).toMatch(new RegExp(`/informatieobjecttypen/${informatieobjecttype('aanvraag')}$`));
    expect(at(data.attachments[0]!)?.informatieobjecttype).toMatch(new RegExp(`/informatieobjecttypen/${informatieobjecttype('bewijsstuk')}$`));
    expect(answers.content!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(row.pdf_url).toBe(data.pdf_url);
    const validate = productaanvraagSchema();
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    // Each once: the documents with the aanvraag's kenmerk are the three the object names.
    const mine = documents.filter((document) => document.identificatie.startsWith(row.kenmerk!));
    expect(mine).toHaveLength(3);
    // Delivered: Voordeur no longer keeps the files.
    expect(await stack.voordeur.database.db.selectFrom('aanvraag_bestanden').select('veld').where('aanvraag', '=', id).execute()).toEqual([]);
    // The back office's routing made a zaak of it with these documents, which the person sees on the zaak's page.
    await expect.poll(() => stack.zgw.zaken().find((zaak) => zaak.identificatie === row.kenmerk)).toBeTruthy();
    const zaak = stack.zgw.zaken().find((candidate) => candidate.identificatie === row.kenmerk)!;
    expect(linkedTo(zaak.url)).toHaveLength(3);
    const zaakPage = await browser.request(`${stack.url}/zaken/demo/${zaak.uuid}`);
    expect(text(zaakPage.body)).toContain('tegel voor.png');
  });

  it('shows the receipt at once when the back office is down, and delivers later when it is back (route zaken: a zaak with the person as initiator)', async () => {
    const browser = await as(jan);
    // The zaaktype's doorlooptijd is read before the back office goes down (as any catalogue page does).
    await browser.request(`${stack.url}/aanvragen/${bijstand}`);
    stack.zgw.setFault('zaken', 'down');
    let id: string;
    try {
      id = await sendAanvraag(browser, bijstand, bijstandPages);
      const receipt = await browser.request(`${stack.url}/aanvragen/ontvangen/${id}`);
      expect(receipt.status).toBe(200);
      expect(text(receipt.body)).toContain('Wij hebben uw aanvraag ontvangen: Bijzondere bijstand');
      const { db } = stack.voordeur.database;
      // The worker tries to deliver it (and fails: the back office is down); on a busy machine that may take a while.
      const attempts = async () => (await db.selectFrom('jobs').select('attempts').where('dedupe_key', '=', id).executeTakeFirstOrThrow()).attempts;
      await expect.poll(attempts, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
      expect((await db.selectFrom('aanvragen').select('afgeleverd_at').where('id', '=', id).executeTakeFirstOrThrow()).afgeleverd_at).toBeNull();
      // npm run beheer -- aanvragen lists it, by kenmerk (no BSN).
      const report = printUndelivered(await new AanvraagStore(db, new IdentityKeys(stack.voordeur.config.identityKeySecret)).undelivered());
      const { kenmerk } = await db.selectFrom('aanvragen').select('kenmerk').where('id', '=', id).executeTakeFirstOrThrow();
      expect(report).toContain(`${kenmerk}  zaken`);
      expect(report).not.toContain(jan.bsn);
    } finally {
      stack.zgw.setFault('zaken', 'none');
    }
    const row = await deliveredRow(id!, 30_000);
    expect(row.zaak_url).toBeTruthy();
    expect(row.rol_url).toBeTruthy();
    expect(await zakenListHas(browser, row.kenmerk!)).toBe(true);
    // One zaak for the one aanvraag, also though the first attempts failed.
    const zaakUuid = row.zaak_url!.split('/').at(-1)!;
    const zaak = await browser.request(`${stack.url}/zaken/demo/${zaakUuid}`);
    expect(zaak.status).toBe(200);
    // The confirmation now links to it.
    const receipt = await browser.request(`${stack.url}/aanvragen/ontvangen/${id!}`);
    expect(receipt.body).toContain(`href="/zaken/demo/${zaakUuid}"`);
    // The PDF of the answers is a document of the zaak, once; the person sees it on the zaak's page.
    const [answers, ...more] = documentsWith(`${row.kenmerk}-antwoorden`);
    expect(more).toEqual([]);
    expect(answers!.content!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(linkedTo(row.zaak_url!).map((zio) => zio.informatieobject)).toEqual([row.pdf_url]);
    expect(text(zaak.body)).toContain(answers!.titel);
  });
});

describe('Aanvragen: exactly once', () => {
  it('creates nothing twice when delivery runs again after a crash between creating and writing it down (objecten and zaken)', async () => {
    const browser = await as(jan);
    const objectRoute = await sendAanvraag(browser, afvalpas, [{ naam: 'Jan Jansen', adres: 'Lindelaan 5', reden: 'kwijt' }]);
    const zaakRoute = await sendAanvraag(browser, bijstand, bijstandPages);
    const first = { object: await deliveredRow(objectRoute), zaak: await deliveredRow(zaakRoute) };
    const { db } = stack.voordeur.database;
    // As if the process died after each request to the back office, before writing down what it made.
    await db
      .updateTable('aanvragen')
      .set({ object_url: null, zaak_url: null, rol_url: null, pdf_url: null, afgeleverd_at: null })
      .where('id', 'in', [objectRoute, zaakRoute])
      .execute();
    await db.updateTable('aanvraag_bestanden').set({ document_url: null }).where('aanvraag', 'in', [objectRoute, zaakRoute]).execute();
    await stack.voordeur.notificaties.queue.add([
      { queue: 'aanvraag.deliver', payload: { id: objectRoute } },
      { queue: 'aanvraag.deliver', payload: { id: zaakRoute } },
    ]);
    const again = { object: await deliveredRow(objectRoute), zaak: await deliveredRow(zaakRoute) };
    expect(again.object.object_url).toBe(first.object.object_url);
    expect(again.zaak.zaak_url).toBe(first.zaak.zaak_url);
    expect(again.zaak.rol_url).toBe(first.zaak.rol_url);
    const objects = stack.objecten.objects() as { record: { data: Record<string, unknown> } }[];
    expect(objects.filter((object) => object.record.data.submission_id === objectRoute)).toHaveLength(1);
    const zaken = await fetch(`${stack.zgw.urls.zaken}/zaken?identificatie=${first.zaak.kenmerk}`, {
      headers: { authorization: await new ZgwToken(zgwClient.clientId, zgwClient.secret).header(), 'accept-crs': 'EPSG:4326' },
    });
    expect(((await zaken.json()) as { count: number }).count).toBe(1);
    // The PDF of the answers once each, and once on the zaak.
    expect(again.zaak.pdf_url).toBe(first.zaak.pdf_url);
    expect(documentsWith(`${first.object.kenmerk}-antwoorden`)).toHaveLength(1);
    expect(documentsWith(`${first.zaak.kenmerk}-antwoorden`)).toHaveLength(1);
    expect(linkedTo(first.zaak.zaak_url!)).toHaveLength(1);
  });
});

describe('Aanvragen: the person is told', () => {
  // Fatima: a resident with a confirmed e-mail address (so her messages go out).
  const fatima = { bsn: '999991772' };
  const to = 'fatima.elamrani@example.nl';
  const mails = () => stack.notify.sent().filter((mail) => mail.to === to && mail.templateId === notifyTemplates.emailChange.id);
  const changesOf = (key: string) => stack.voordeur.database.db.selectFrom('notification_changes').select(['topic']).where('change_key', '=', key).execute();
  async function until(check: () => Promise<boolean> | boolean, what: string) {
    for (let attempt = 0; attempt < 60; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`not in time: ${what}`);
  }

  it('once when the aanvraag reached the back office and once when the back office made a zaak of it, by e-mail, with nothing personal; the confirmation then links to the zaak', async () => {
    const browser = await as(fatima);
    const before = mails().length;
    const id = await sendAanvraag(browser, melding, [{ soort: 'afval', locatie: 'Marktplein', omschrijving: 'Zakken naast de container', email: '' }]);
    const row = await deliveredRow(id);
    // The back office's routing made a zaak with the kenmerk: Voordeur hears of it through the Notificaties API.
    await until(async () => (await changesOf(zaakChangeKey(id))).length === 1, 'the change of the new zaak');
    expect(await changesOf(deliveredChangeKey(id))).toEqual([{ topic: 'aanvraag' }]);
    expect(await changesOf(zaakChangeKey(id))).toEqual([{ topic: 'aanvraag' }]);
    await until(() => mails().some((mail) => mail.body.includes('nieuws over een aanvraag')), 'an e-mail about the aanvraag');
    for (const mail of mails().slice(before)) {
      for (const personal of [fatima.bsn, 'Fatima', 'Amrani', row.kenmerk!, id, 'Marktplein', 'http://', 'https://'])
        expect(mail.body + mail.subject).not.toContain(personal);
    }
    // The zaak is the one the back office made; the confirmation links to it.
    const linked = await stack.voordeur.database.db.selectFrom('aanvragen').select('zaak_url').where('id', '=', id).executeTakeFirstOrThrow();
    expect(linked.zaak_url).toMatch(/\/zaken\/[0-9a-f-]{36}$/);
    const receipt = await browser.request(`${stack.url}/aanvragen/ontvangen/${id}`);
    expect(receipt.body).toContain(`href="/zaken/demo/${linked.zaak_url!.split('/').at(-1)}"`);
    // Delivered again (a retry after a crash): nobody is told twice.
    await stack.voordeur.database.db.updateTable('aanvragen').set({ afgeleverd_at: null }).where('id', '=', id).execute();
    await stack.voordeur.notificaties.queue.add([{ queue: 'aanvraag.deliver', payload: { id } }]);
    await deliveredRow(id);
    expect(await changesOf(deliveredChangeKey(id))).toHaveLength(1);
    expect(stack.voordeur.logs.join('\n')).not.toContain(fatima.bsn);
  });

  it('once, a week before a concept is deleted; not about a concept saved lately, and not twice', async () => {
    const browser = await as(fatima);
    const old = conceptOf(await start(browser, afvalpas));
    const recent = conceptOf(await start(browser, afvalpas));
    const { db } = stack.voordeur.database;
    const savedAt = new Date(Date.now() - 25 * 24 * 3600 * 1000);
    await db.updateTable('aanvragen').set({ updated_at: savedAt }).where('id', '=', old).execute();
    const store = new AanvraagStore(db, new IdentityKeys(stack.voordeur.config.identityKeySecret));
    const cleanUp = { store, conceptDays: 30, tell: stack.voordeur.notificaties.record, log: { warn: () => undefined, info: () => undefined } };
    const before = mails().length;
    expect(await warnConcepts(cleanUp)).toBe(1);
    expect(await warnConcepts(cleanUp)).toBe(0);
    expect(await changesOf(conceptChangeKey(old, savedAt))).toEqual([{ topic: 'aanvraag' }]);
    const recentRow = await db.selectFrom('aanvragen').select('updated_at').where('id', '=', recent).executeTakeFirstOrThrow();
    expect(await changesOf(conceptChangeKey(recent, recentRow.updated_at))).toEqual([]);
    await until(() => mails().length > before, 'the e-mail about the concept');
    expect(mails().at(-1)!.body).toContain('nieuws over een aanvraag');
  });
});
