/**
 * Mijn berichten over HTTP, against the Objecten and ZGW simulators with the demo data: the
 * inbox (newest first, unread marked in words, filter, search, pages), opening a bericht (marked
 * geopend once), its text rendered safely, bijlagen, the unread count in the navigation and on
 * the overzicht, another person's bericht (404), and a failing Objecten API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { demoUuid, zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800' });
});
afterAll(() => stack.close());
afterEach(() => {
  stack.objecten.setFault('none');
  stack.objecten.setLatency(0);
  stack.objecten.setVersion('current');
  stack.objecten.setPageSize(100);
});

const { suzanne, bakkerij, others } = objectenDemo.notable;
const browsers = new Map<string, HttpBrowser>();
async function as(login: TestLogin): Promise<HttpBrowser> {
  const key = JSON.stringify(login);
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}
/** The uuids of the berichten linked from a page, in order. */
const listed = (html: string) => [...html.matchAll(/href="\/berichten\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const navItem = (html: string) => /<a class="utrecht-nav-list__link" href="\/berichten"[^>]*>(.*?)<\/a>/s.exec(html)?.[1];
const stored = (uuid: string) => stack.objecten.objects().find((o) => o.uuid === uuid) as { record: { index: number; data: { geopend: boolean } } };

describe('Mijn berichten: the inbox', () => {
  it('lists the person’s published berichten, newest first, ten to a page, unread ones marked in words', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const first = await browser.request(`${stack.url}/berichten`);
    expect(first.status).toBe(200);
    expect(text(first.body)).toContain('Alle berichten (15 berichten)');
    const second = await browser.request(`${stack.url}/berichten?pagina=2`);
    expect([...listed(first.body), ...listed(second.body)]).toEqual(suzanne.berichten);
    expect(text(first.body)).not.toContain('meer berichten dan wij hier kunnen laten zien');
    expect(first.body).toContain('aria-label="Paginering van mijn berichten"');
    // Unread: the word, not only the style.
    const unreadRows = first.body.split('<tr').filter((row) => row.includes('voordeur-unread'));
    expect(unreadRows.length).toBeGreaterThan(0);
    for (const row of unreadRows) expect(row).toContain('>Ongelezen<');
    // Not yet published, and nobody else's.
    for (const uuid of [suzanne.futureBericht, ...others.berichten]) expect(first.body + second.body).not.toContain(uuid);
  });

  it('shows the person only their own berichten, all of them, when an older Objecten API (2.4) ignores the data_attr filter', async () => {
    stack.objecten.setVersion('2.4');
    stack.objecten.setPageSize(5);
    const browser = await as({ bsn: suzanne.bsn });
    const first = await browser.request(`${stack.url}/berichten`);
    expect(text(first.body)).toContain('Alle berichten (15 berichten)');
    const second = await browser.request(`${stack.url}/berichten?pagina=2`);
    expect([...listed(first.body), ...listed(second.body)]).toEqual(suzanne.berichten);
    for (const uuid of others.berichten) {
      expect(first.body + second.body).not.toContain(uuid);
      expect((await browser.request(`${stack.url}/berichten/${uuid}`)).status).toBe(404);
    }
  });

  it('says so when the person has more berichten than Voordeur reads (more than 10 pages of the Objecten API), instead of dropping them silently', async () => {
    stack.objecten.setVersion('2.4');
    stack.objecten.setPageSize(1);
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/berichten`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('U heeft meer berichten dan wij hier kunnen laten zien.');
  });

  it('shows only unread or only read berichten', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const unread = await browser.request(`${stack.url}/berichten?toon=ongelezen`);
    expect(listed(unread.body).sort()).toEqual([...suzanne.unreadBerichten].sort());
    const read = await browser.request(`${stack.url}/berichten?toon=gelezen`);
    expect(text(read.body)).toContain('Gelezen berichten (9 berichten)');
    expect(listed(read.body).some((uuid) => suzanne.unreadBerichten.includes(uuid!))).toBe(false);
  });

  it('searches in the onderwerp, also for text with a comma or a double underscore, within the person’s own berichten', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const both = await browser.request(`${stack.url}/berichten?zoek=${encodeURIComponent('Uw aanvraag, deel 2')}`);
    expect(listed(both.body).sort()).toEqual([suzanne.berichtComma, suzanne.berichtCommaUnderscore].sort());
    expect(both.body).not.toContain(others.sameOnderwerpAsSuzanne);
    const one = await browser.request(`${stack.url}/berichten?zoek=${encodeURIComponent('deel 2__vervolg')}`);
    expect(listed(one.body)).toEqual([suzanne.berichtCommaUnderscore]);
    const none = await browser.request(`${stack.url}/berichten?zoek=${encodeURIComponent('<script>')}`);
    expect(none.body).toContain('Er zijn geen berichten gevonden.');
    expect(none.body).not.toContain('<script>"');
  });

  it('shows a company its own berichten', async () => {
    const page = await (await as({ kvk: bakkerij.kvk })).request(`${stack.url}/berichten`);
    expect(listed(page.body).sort()).toEqual([...bakkerij.berichten].sort());
  });
});

describe('Mijn berichten: one bericht', () => {
  it('marks a bericht as opened the first time, once, and the unread count follows', async () => {
    const browser = await as({ bsn: '999990482' }); // Lotte: one unread bericht
    const overzicht = await browser.request(`${stack.url}/overzicht`);
    expect(text(overzicht.body)).toContain('1 ongelezen bericht');
    expect(text(navItem(overzicht.body)!)).toContain('Mijn berichten (1 ongelezen)');
    const [uuid] = listed((await browser.request(`${stack.url}/berichten`)).body);
    const before = stored(uuid!);
    expect(before.record.data.geopend).toBe(false);

    const opened = await browser.request(`${stack.url}/berichten/${uuid}`);
    expect(opened.status).toBe(200);
    expect(text(navItem(opened.body)!).trim()).toBe('Mijn berichten');
    const after = stored(uuid!);
    expect(after.record.data.geopend).toBe(true);
    expect(after.record.index).toBe(before.record.index + 1);
    await browser.request(`${stack.url}/berichten/${uuid}`);
    expect(stored(uuid!).record.index).toBe(after.record.index);
    expect(text((await browser.request(`${stack.url}/overzicht`)).body)).toContain('U heeft geen ongelezen berichten.');
  });

  it('shows the text as plain text: line breaks and web links, never HTML from the source', async () => {
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/berichten/${suzanne.berichtWithMarkup}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/<script>alert/i);
    expect(page.body).toContain('&lt;script>');
    expect(page.body).toMatch(
      /<a class="utrecht-link utrecht-link--html-a" href="https:\/\/voorbeeldstad\.example\.nl\/meldingen\?zaak=ZAAK-000104&amp;bron=portaal">/,
    );
    expect(page.body).not.toMatch(/href="javascript:/i);
    expect(page.body).toContain('<br/>');
  });

  it('shows what the person must do and until when', async () => {
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/berichten/${suzanne.berichtTermijnVerstreken}`);
    expect(text(page.body)).toMatch(/Wat moet u doen\? .*de termijn is voorbij sinds \d{1,2} \w+ \d{4}/);
  });

  it('lists the bijlagen and streams each from the Documenten API', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/berichten/${suzanne.berichtWithTwoBijlagen}`);
    const links = [...page.body.matchAll(/href="(\/berichten\/[0-9a-f-]+\/bijlagen\/\d+)"/g)].map((m) => m[1]);
    expect(links).toEqual([`/berichten/${suzanne.berichtWithTwoBijlagen}/bijlagen/0`, `/berichten/${suzanne.berichtWithTwoBijlagen}/bijlagen/1`]);
    const response = await fetch(`${stack.url}${links[0]}`, {
      headers: { cookie: [...browser.cookies.get('127.0.0.1')!].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await browser.request(`${stack.url}/berichten/${suzanne.berichtWithTwoBijlagen}/bijlagen/2`)).status).toBe(404);
  });

  it('answers 404 for another person’s bericht and its bijlage, and for one not published yet', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    for (const url of [
      `/berichten/${others.berichten[0]}`,
      `/berichten/${others.berichten[0]}/bijlagen/0`,
      `/berichten/${suzanne.futureBericht}`,
      '/berichten/not-a-uuid',
    ]) {
      const hop = await browser.request(`${stack.url}${url}`);
      expect(hop.status, url).toBe(404);
    }
    expect(stored(others.berichten[0]!).record.data.geopend).toBe(false);
  });
});

describe('Mijn berichten: where a bericht leads', () => {
  const berichtUuid = (n: number) => demoUuid('f1', 0, n);
  const zaakOf = (n: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(n).padStart(6, '0')}`)!;
  afterEach(() => stack.zgw.setFault('zaken', 'none'));

  it('links the kenmerk to the zaak and the handelingsperspectief to the open taak for that zaak', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    // "Betaal de leges": about zaak 102, whose open taak 103 is the payment.
    const page = await browser.request(`${stack.url}/berichten/${berichtUuid(103)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      `<a class="utrecht-link utrecht-link--html-a" href="/zaken/demo/${zaakOf(102).uuid}">${zaakOf(102).identificatie}<span class="voordeur-visually-hidden"> (naar de zaak)</span></a>`,
    );
    expect(page.body).toContain(`href="/taken/${demoUuid('f0', 0, 103)}">Ga naar de taak</a>`);
    // An invitation about zaak 103 asks nothing: the kenmerk links, there is no taak link.
    const invitation = await browser.request(`${stack.url}/berichten/${berichtUuid(104)}`);
    expect(invitation.body).toContain(`href="/zaken/demo/${zaakOf(103).uuid}"`);
    expect(invitation.body).not.toContain('Ga naar de taak');
  });

  it('shows the kenmerk as text when the zaken cannot be read now, and the bericht all the same', async () => {
    stack.zgw.setFault('zaken', 'down');
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/berichten/${berichtUuid(103)}`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain(`Kenmerk ${zaakOf(102).identificatie}`);
    expect(page.body).not.toContain('href="/zaken/demo/');
    expect(page.body).not.toContain('Ga naar de taak');
  });
});

describe('Mijn berichten: a failing Objecten API', () => {
  it('keeps the pages and says only the berichten are unavailable', async () => {
    const browser = await as({ bsn: '999995571' }); // Pieter: one unread bericht
    stack.objecten.setFault('down');
    // The overzicht is there; its berichten card says it cannot be shown now (answers are not kept in
    // this stack: the count of a moment ago is shown when they are, see fresh-pages.test.ts).
    const overzicht = await browser.request(`${stack.url}/overzicht`);
    expect(overzicht.status).toBe(200);
    expect(text(overzicht.body)).toContain('Dit onderdeel is nu niet beschikbaar');
    expect(text(overzicht.body)).not.toContain('ongelezen bericht');
    const inbox = await browser.request(`${stack.url}/berichten`);
    expect(inbox.status).toBe(200);
    expect(inbox.body).toContain('Dit onderdeel is nu niet beschikbaar');
    stack.objecten.setFault('hang');
    const started = Date.now();
    expect((await browser.request(`${stack.url}/berichten/${objectenDemo.notable.fatima.portaalformulierTaak}`)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
