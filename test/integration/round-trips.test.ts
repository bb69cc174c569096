/**
 * The benchmark's count of the source round trips a request waited for (src/platform/round-trips.ts):
 * only with buildApp's `countRoundTrips`, never by default (production).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { addBenchZaken, benchCounts, benchPerson } from '../../bench/support/pages-data.ts';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Suzanne has the benchmark's 50 zaken (bench/pages.ts), of a few zaaktypen.
addBenchZaken();

let plain: Stack;
let counting: Stack;
let cold: Stack;
beforeAll(async () => {
  [plain, counting, cold] = await Promise.all([startStack(), startStack({}, {}, { countRoundTrips: true }), startStack({}, {}, { countRoundTrips: true })]);
});
afterAll(() => Promise.all([plain?.close(), counting?.close(), cold?.close()]));

/** The header of a page asked for with the browser's session. */
async function roundTrips(browser: HttpBrowser, url: string): Promise<string | null> {
  const answer = await browser.request(url);
  expect(answer.status).toBe(200);
  return answer.headers.get('x-bench-round-trips');
}

const zaak = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000101')!;

describe('the round trips a request waited for', () => {
  it('are not said by default', async () => {
    const suzanne = await loginOverHttp(plain.url, { bsn: '999993653' });
    expect(await roundTrips(suzanne, `${plain.url}/zaken`)).toBeNull();
    expect(await roundTrips(suzanne, `${plain.url}/zaken/demo/${zaak.uuid}`)).toBeNull();
  });

  it('are said per request with countRoundTrips: calls side by side count once, calls one after another each', async () => {
    const suzanne = await loginOverHttp(counting.url, { bsn: '999993653' });
    const zaakPage = `${counting.url}/zaken/demo/${zaak.uuid}`;
    await roundTrips(suzanne, zaakPage); // the catalogue asked once
    // The zaak with its rollen, statussen and document links side by side, and beside them the unread berichten of
    // the menu, asked as the request began (1); then its documents beside the person's taken and producten for it (2).
    // Nothing is kept in tests: this is a zaak page whose answers are not kept, with a warm catalogue.
    expect(await roundTrips(suzanne, zaakPage)).toBe('2');
    // A page that asks no source of its own: the menu's unread berichten only.
    expect(await roundTrips(suzanne, `${counting.url}/toegankelijkheid`)).toBe('1');
  });

  it('Mijn zaken with 50 zaken and a cold catalogue: 2 (the zaken and rollen, then every zaaktype and statustypen side by side)', async () => {
    const suzanne = await loginOverHttp(cold.url, { bsn: benchPerson.bsn }, { notOverzicht: true });
    const first = await suzanne.request(`${cold.url}/zaken`);
    expect(first.headers.get('x-bench-round-trips')).toBe('2');
    // Every one of her zaken is counted on the page ("Lopende zaken (10 zaken)", "Afgeronde zaken (40 zaken)"), none left out.
    const counts = [...first.body.matchAll(/\((\d+) zaken\)/g)].map((match) => Number(match[1]));
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(benchCounts.zaken);
  });
});
