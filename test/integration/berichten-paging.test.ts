/**
 * Paging Mijn berichten over several sources: the berichten from the Objecten API and those
 * organisations pushed are one list, newest first, each page the right slice of it (the pushed
 * ones are paged in the database, the others read and merged), also filtered by sender, read
 * state and search; and a person with more pushed berichten than a list reads at once can page
 * through all of them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let api: string;
const { suzanne } = objectenDemo.notable;

async function organisatie(id: string, naam: string) {
  const key = await organisatieKey();
  await new Organisaties(stack.voordeur.database.db).save({ id, naam, jwks: key.jwks });
  const accessToken = (await requestToken(api, await clientAssertion(key, id, `${api}/token`))).body.access_token!;
  return async (berichten: unknown[]) => {
    const response = await fetch(`${api}/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ berichten }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { resultaten: { resultaat: string }[] };
    expect(body.resultaten.filter((r) => r.resultaat !== 'verwerkt')).toEqual([]);
  };
}

beforeAll(async () => {
  stack = await startStack({ ORGANISATIE_API: 'true' });
  api = `${stack.url}/api/v1`;
}, 180_000);
afterAll(() => stack.close());

/** The rows of an inbox page: each bericht's uuid and onderwerp, in the page's order. */
const rows = (html: string) =>
  [...html.matchAll(/href="\/berichten\/([0-9a-f-]{36})">(?:<span lang="nl">)?([^<]*)/g)].map((m) => ({ uuid: m[1]!, onderwerp: m[2]! }));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Every page of the inbox at this address, one after another, until a page has no next one; the rows in order, and the first page. */
async function allPages(browser: HttpBrowser, path: string) {
  const seen: { uuid: string; onderwerp: string }[] = [];
  let first = '';
  for (let page = 1; page < 200; page++) {
    const answer = await browser.request(`${stack.url}${path}${path.includes('?') ? '&' : '?'}pagina=${page}`);
    expect(answer.status).toBe(200);
    if (page === 1) first = answer.body;
    seen.push(...rows(answer.body));
    if (!answer.body.includes(`pagina=${page + 1}"`)) break;
  }
  return { seen, first };
}

describe('Mijn berichten: pages over several sources', () => {
  it('pages one list of the Objecten API’s and the pushed berichten, newest first, each bericht once, also filtered', async () => {
    // Suzanne's berichten from the Objecten API, with their publicatiedatum.
    const objecten = stack.objecten
      .objects()
      .map((o) => o as { uuid: string; record: { data: { publicatiedatum: string; onderwerp: string; geopend?: boolean } } })
      .filter((o) => suzanne.berichten.includes(o.uuid))
      .map((o) => ({ uuid: o.uuid, datum: new Date(o.record.data.publicatiedatum), onderwerp: o.record.data.onderwerp, geopend: o.record.data.geopend }));
    expect(objecten).toHaveLength(suzanne.berichten.length);
    const times = objecten.map((o) => o.datum.getTime());
    const [oldest, newest] = [Math.min(...times), Math.max(...times)];
    // 25 pushed ones spread between the oldest and the newest of those (and a little beyond), two at the very same moment.
    const pushed = Array.from({ length: 25 }, (_, i) => ({
      berichtId: `paging-${randomUUID()}`,
      onderwerp: `Gepusht bericht ${String(i).padStart(2, '0')}`,
      datum: new Date(i === 24 ? oldest + (newest - oldest) / 2 : oldest - 3_600_000 + ((newest - oldest + 7_200_000) * i) / 23),
    }));
    pushed[23]!.datum = pushed[24]!.datum;
    const send = await organisatie('paging-a', 'Belastingsamenwerking Paging');
    await send(
      pushed.map((p) => ({
        berichtId: p.berichtId,
        ontvanger: { bsn: suzanne.bsn },
        onderwerp: p.onderwerp,
        tekst: 'Tekst.',
        publicatiedatum: p.datum.toISOString(),
      })),
    );

    const browser = await loginOverHttp(stack.url, { bsn: suzanne.bsn });
    const { seen, first } = await allPages(browser, '/berichten');
    const uuidOf = new Map(seen.map((r) => [r.onderwerp, r.uuid]));
    const expected = [
      ...objecten.map((o) => ({ uuid: o.uuid, datum: o.datum })),
      ...pushed.map((p) => ({ uuid: uuidOf.get(p.onderwerp) ?? `missing ${p.onderwerp}`, datum: p.datum })),
    ]
      .sort((a, b) => b.datum.getTime() - a.datum.getTime() || (a.uuid < b.uuid ? 1 : -1))
      .map((r) => r.uuid);
    expect(seen.map((r) => r.uuid)).toEqual(expected);
    expect(text(first)).toContain(`Alle berichten (${expected.length} berichten)`);
    // Both senders can be chosen.
    expect(first).toMatch(/<option[^>]*value="Belastingsamenwerking Paging"/);
    expect(first).toMatch(/<option[^>]*value="Gemeente Voorbeeldstad"/);

    // Only the pushed ones, by their sender: in their own order, over pages of their own.
    const fromOrg = await allPages(browser, `/berichten?van=${encodeURIComponent('Belastingsamenwerking Paging')}`);
    expect(fromOrg.seen.map((r) => r.uuid)).toEqual(expected.filter((uuid) => !suzanne.berichten.includes(uuid)));
    // Only the Objecten API's (the organisation's own sender).
    const fromGemeente = await allPages(browser, `/berichten?van=${encodeURIComponent('Gemeente Voorbeeldstad')}`);
    expect(fromGemeente.seen.map((r) => r.uuid)).toEqual(expected.filter((uuid) => suzanne.berichten.includes(uuid)));
    // Unread: all pushed ones (none opened yet) and the Objecten API's unread ones, in the same order.
    const unread = await allPages(browser, '/berichten?toon=ongelezen');
    expect(unread.seen.map((r) => r.uuid)).toEqual(
      expected.filter((uuid) => !suzanne.berichten.includes(uuid) || objecten.find((o) => o.uuid === uuid)?.geopend === false),
    );
    // A search that finds pushed ones only, across pages.
    const searched = await allPages(browser, '/berichten?zoek=gepusht');
    expect(searched.seen.map((r) => r.uuid)).toEqual(fromOrg.seen.map((r) => r.uuid));
    // A page beyond the last is the last.
    const beyond = await browser.request(`${stack.url}/berichten?pagina=99`);
    expect(rows(beyond.body).map((r) => r.uuid)).toEqual(expected.slice(Math.floor((expected.length - 1) / 10) * 10));
  }, 120_000);

  it('lets a person with more than a thousand pushed berichten page through all of them, oldest on the last page', async () => {
    const bsn = '999990020';
    const send = await organisatie('paging-b', 'Waterschap Paging');
    const start = Date.now() - 2_000 * 60_000;
    const berichten = Array.from({ length: 1_005 }, (_, i) => ({
      berichtId: `veel-${i}`,
      ontvanger: { bsn },
      onderwerp: `Bericht nummer ${i}`,
      tekst: 'Tekst.',
      publicatiedatum: new Date(start + i * 60_000).toISOString(),
    }));
    await send(berichten.slice(0, 1_000));
    await send(berichten.slice(1_000));

    const browser = await loginOverHttp(stack.url, { bsn });
    const first = await browser.request(`${stack.url}/berichten`);
    expect(text(first.body)).toContain('Alle berichten (1005 berichten)');
    expect(rows(first.body).map((r) => r.onderwerp)).toEqual(Array.from({ length: 10 }, (_, i) => `Bericht nummer ${1_004 - i}`));
    const last = await browser.request(`${stack.url}/berichten?pagina=101`);
    expect(rows(last.body).map((r) => r.onderwerp)).toEqual([
      'Bericht nummer 4',
      'Bericht nummer 3',
      'Bericht nummer 2',
      'Bericht nummer 1',
      'Bericht nummer 0',
    ]);

    // Two opened: the read ones are counted (all minus unread) and listed.
    for (const row of rows(first.body).slice(0, 2)) expect((await browser.request(`${stack.url}/berichten/${row.uuid}`)).status).toBe(200);
    const read = await browser.request(`${stack.url}/berichten?toon=gelezen`);
    expect(text(read.body)).toContain('Gelezen berichten (2 berichten)');
    expect(rows(read.body).map((r) => r.onderwerp)).toEqual(['Bericht nummer 1004', 'Bericht nummer 1003']);
  }, 120_000);
});
