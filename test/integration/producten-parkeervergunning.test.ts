/**
 * Mijn producten from objects of NL Portal's example Parkeervergunning object type in the Objecten
 * API, beside Open Product: a person sees their own vergunning with its kenteken and the day it took
 * effect, and never someone else's, also when the Objecten API ignores the data_attr filter
 * (objects-api 2.4) and when they ask for another's by its address.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { openProductDemo } from '../../simulators/data/openproduct-demo.ts';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let suzanne: HttpBrowser;
let fatima: HttpBrowser;
let fatimas = '';
const demo = objectenDemo.notable.parkeervergunning;

beforeAll(async () => {
  stack = await startStack({}, {}, { parkeervergunningen: true });
  fatimas = await stack.objecten.createObject(
    'parkeervergunning',
    { aanvrager: { type: 'bsn', value: '999991772' }, data: { naam: 'F. El Amrani', kenteken: 'FA-77-RB', straat: 'Esdoornstraat 21A', postcode: '1234 ES' } },
    { startAt: '2026-02-01' },
  );
  [suzanne, fatima] = await Promise.all([loginOverHttp(stack.url, { bsn: '999993653' }), loginOverHttp(stack.url, { bsn: '999991772' })]);
});
afterAll(() => stack?.close());
afterEach(() => stack.objecten.setVersion('current'));

const listed = (html: string) => [...new Set([...html.matchAll(/href="\/producten\/([0-9a-f-]{36})"/g)].map((m) => m[1]))];
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Mijn producten from Parkeervergunning objects', () => {
  it('lists the person’s own parkeervergunning with its kenteken beside their Open Product products, and nobody else’s', async () => {
    for (const version of ['current', '2.4'] as const) {
      stack.objecten.setVersion(version);
      const page = await suzanne.request(`${stack.url}/producten`);
      expect(page.status).toBe(200);
      expect(listed(page.body).sort(), version).toEqual([...openProductDemo.notable.suzanne.producten, demo.suzanne].sort());
      expect(text(page.body)).toContain(`Parkeervergunning ${demo.suzanneKenteken}`);
      for (const other of [demo.other, fatimas]) expect(page.body, version).not.toContain(other);
      expect(page.body).not.toContain('FA-77-RB');
      expect(page.body).not.toContain('KD-19-PL');

      const hers = await fatima.request(`${stack.url}/producten`);
      expect(listed(hers.body), version).toContain(fatimas);
      expect(hers.body, version).not.toContain(demo.suzanne);
      expect(hers.body).not.toContain(demo.suzanneKenteken);
    }
  });

  it('shows the vergunning with its data and the day it took effect; another’s is a 404', async () => {
    const page = await fatima.request(`${stack.url}/producten/${fatimas}`);
    expect(page.status).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Kenteken FA-77-RB');
    expect(body).toContain('Straat Esdoornstraat 21A');
    expect(body).toContain('Postcode 1234 ES');
    expect(body).toContain('Status Geldig Geldig vanaf 1 februari 2026 Geldig tot en met Geen einddatum');
    for (const version of ['current', '2.4'] as const) {
      stack.objecten.setVersion(version);
      expect((await fatima.request(`${stack.url}/producten/${demo.suzanne}`)).status, version).toBe(404);
      expect((await suzanne.request(`${stack.url}/producten/${fatimas}`)).status, version).toBe(404);
      expect((await suzanne.request(`${stack.url}/producten/${demo.other}`)).status, version).toBe(404);
    }
  });

  it('gives a company none of the persons’ vergunningen', async () => {
    const bakkerij = await loginOverHttp(stack.url, { kvk: '69599084' });
    const page = await bakkerij.request(`${stack.url}/producten`);
    expect(page.status).toBe(200);
    for (const id of [demo.suzanne, demo.other, fatimas]) expect(page.body).not.toContain(id);
  });
});
