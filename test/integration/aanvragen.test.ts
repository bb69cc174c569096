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

const suzanne = { bsn: '999993653' };
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
    const browser = await as({ bsn: '999995571' });
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
    const browser = await as(suzanne);
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
    const browser = await as(suzanne);
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
    const browser = await as(suzanne);
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
    const browser = await as(suzanne);
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
