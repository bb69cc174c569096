/**
 * Mijn zaken over HTTP, against the ZGW simulator with the demo data: who sees which zaak,
 * the timeline, documents (allow-list, download, upload), search and pagination, and what a
 * failing source does to the page.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  // One zaaksysteem only: the organisation API's pushed zaken would be a second one that always answers.
  stack = await startStack({
    ZAKEN_PAGE_SIZE: '4',
    SOURCE_TIMEOUT_MS: '1000',
    UPLOAD_MAX_BYTES: String(200 * 1024),
    ORGANISATIE_API: 'false',
    LEVERANCIERS_PORTAAL: 'false',
  });
});
afterAll(() => stack.close());
afterEach(() => {
  for (const api of ['zaken', 'catalogi', 'documenten'] as const) stack.zgw.setFault(api, 'none');
  stack.zgw.setLatency(0);
});

const zaak = (number: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(number).padStart(6, '0')}`)!;
const zaakUrl = (number: number) => `${stack.url}/zaken/demo/${zaak(number).uuid}`;
const browsers = new Map<string, HttpBrowser>();
async function as(login: TestLogin): Promise<HttpBrowser> {
  const key = JSON.stringify(login);
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}
const suzanne = { bsn: '999993653' };

/** The identificaties (ZAAK-000101…) on a page, in order. */
const identificaties = (html: string) => [...html.matchAll(/Zaaknummer (ZAAK-\d{6})/g)].map((m) => m[1]);
/** The text of a section of the list page. */
const section = (html: string, id: 'lopend' | 'afgerond') => html.split(`id="${id}-title"`)[1]!.split('</section>')[0]!;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

describe('Mijn zaken: the list', () => {
  it('shows a resident their own zaken as initiator: lopende first by last change, then afgeronde, paginated', async () => {
    const browser = await as(suzanne);
    const page = await browser.request(`${stack.url}/zaken`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Mijn zaken</h1>');
    // 102 changed 6 days ago, 103 five days ago, 101 three days ago.
    expect(identificaties(section(page.body, 'lopend'))).toEqual(['ZAAK-000101', 'ZAAK-000103', 'ZAAK-000102']);
    expect(section(page.body, 'lopend')).toContain('(3 zaken)');
    const afgerond = section(page.body, 'afgerond');
    expect(afgerond).toContain('(10 zaken)');
    expect(identificaties(afgerond)).toHaveLength(4);
    // The list's name inside the pager's name reads as part of the sentence, in both languages.
    expect(afgerond).toContain('aria-label="Paginering van afgeronde zaken"');
    const english = await loginOverHttp(stack.url, suzanne);
    await english.request(`${stack.url}/taal/en`);
    expect(section((await english.request(`${stack.url}/zaken`)).body, 'afgerond')).toContain('aria-label="Pages of closed cases"');
    // Page 3 of the afgeronde zaken has the last two.
    const last = await browser.request(`${stack.url}/zaken?afgerond=3`);
    expect(identificaties(section(last.body, 'afgerond'))).toHaveLength(2);
    expect(identificaties(section(last.body, 'lopend'))).toHaveLength(3);
    const all = new Set([
      ...identificaties(page.body),
      ...identificaties((await browser.request(`${stack.url}/zaken?afgerond=2`)).body),
      ...identificaties(last.body),
    ]);
    expect([...all].sort()).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113].map((n) => zaak(n).identificatie).sort());
    // Not the zaak where she is only belanghebbende, nor anyone else's.
    expect(page.body).not.toContain(zaak(901).identificatie);
  });

  it('shows zaaktype, current status and date on each row', async () => {
    const page = await (await as(suzanne)).request(`${stack.url}/zaken`);
    const row = page.body.split('ZAAK-000102')[1]!.split('</tr>')[0]!;
    const zaaktype = zgwDemo.zaaktypen.find((t) => t.key === zaak(102).zaaktype)!;
    expect(row).toContain(`>${zaaktype.omschrijving}<`);
    expect(row).toContain(`>${zaaktype.statustypen[4]!.omschrijving}<`);
    expect(row).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} \w+ \d{4}<\/time>/);
  });

  it('searches in omschrijving and zaaknummer, and says when nothing matches', async () => {
    const browser = await as(suzanne);
    const found = await browser.request(`${stack.url}/zaken?zoek=wilhelminastraat`);
    expect(identificaties(found.body)).toEqual(['ZAAK-000101']);
    expect(found.body).toContain('Gezocht op &quot;wilhelminastraat&quot;.');
    const byNumber = await browser.request(`${stack.url}/zaken?zoek=${zaak(107).identificatie}`);
    expect(identificaties(byNumber.body)).toEqual([zaak(107).identificatie]);
    const none = await browser.request(`${stack.url}/zaken?zoek=${encodeURIComponent('<script>x</script>')}`);
    // Escaped: the search term is text, never markup.
    expect(none.body).toContain('Er zijn geen lopende zaken gevonden met &quot;&lt;script>x&lt;/script>&quot;.');
    expect(none.body).not.toContain('<script>x');
  });

  it('writes an empty state for someone without zaken', async () => {
    const page = await (await as({ bsn: '999992570' })).request(`${stack.url}/zaken`);
    expect(page.body).toContain('U heeft geen lopende zaken.');
    expect(page.body).toContain('U heeft geen afgeronde zaken.');
  });

  it('shows a gemachtigde the zaken of the person acted for, not their own', async () => {
    const page = await (await as({ gemachtigde: '999990482', voor: '999990019' })).request(`${stack.url}/zaken`);
    expect(identificaties(page.body).sort()).toEqual([zaak(201).identificatie, zaak(202).identificatie]);
    expect(page.body).not.toContain(zaak(211).identificatie);
  });

  it('writes each look at zaken and documents into the processing log, naming a gemachtigde as such', async () => {
    const db = stack.voordeur.database.db;
    const before = await db.selectFrom('processing_log').selectAll().execute();
    const browser = await as({ gemachtigde: '999990482', voor: '999990019' });
    await browser.request(`${stack.url}/zaken/demo/${zaak(201).uuid}`);
    expect((await browser.request(`${stack.url}/zaken/demo/${zaak(901).uuid}`)).status).toBe(404);
    const added = (await db.selectFrom('processing_log').selectAll().execute()).slice(before.length);
    // The zaak, and the person's taken and products read to show the zaak's open taken and its product
    // (those two concurrently, in either order); the 404 reads nothing of theirs.
    expect(added[0]).toMatchObject({ actor: 'gemachtigde', action: 'lezen', category: 'zaken', source: 'zgw:demo' });
    expect(added.map((row) => [row.actor, row.action, row.category, row.source]).sort()).toEqual([
      ['gemachtigde', 'lezen', 'producten', 'openproduct'],
      ['gemachtigde', 'lezen', 'taken', 'objecten'],
      ['gemachtigde', 'lezen', 'zaken', 'zgw:demo'],
    ]);
    expect(added[0]!.actor_key).toBeTruthy();
    expect(JSON.stringify(added)).not.toMatch(/999990019|999990482/);
  });

  it("shows a company its own zaken and those of its vestigingen; a vestiging its own and the company-wide ones, and no other vestiging's", async () => {
    const [companyWide, hoofd, neven] = [[301, 302], [311], [312]].map((numbers) => numbers.map((n) => zaak(n).identificatie));
    const company = await as({ kvk: '69599084' });
    expect(identificaties((await company.request(`${stack.url}/zaken`)).body).sort()).toEqual([...companyWide!, ...hoofd!, ...neven!].sort());
    const bijHoofd = await as({ kvk: '69599084', vestiging: '000038509504' });
    expect(identificaties((await bijHoofd.request(`${stack.url}/zaken`)).body).sort()).toEqual([...companyWide!, ...hoofd!].sort());
    const bijNeven = await as({ kvk: '69599084', vestiging: '000038509520' });
    expect(identificaties((await bijNeven.request(`${stack.url}/zaken`)).body).sort()).toEqual([...companyWide!, ...neven!].sort());
    // Every link in a list opens; another vestiging's zaak does not, whatever the URL.
    for (const [browser, numbers] of [
      [company, [301, 311, 312]],
      [bijHoofd, [301, 311]],
    ] as const) {
      for (const n of numbers) expect((await browser.request(zaakUrl(n))).status, `zaak ${n}`).toBe(200);
    }
    expect((await bijHoofd.request(zaakUrl(312))).status).toBe(404);
  });

  it('a company logged in while the KvK API was down still sees its company-wide zaken', async () => {
    stack.kvk.setFault('down');
    try {
      const browser = await loginOverHttp(stack.url, { kvk: '69599084' });
      const numbers = identificaties((await browser.request(`${stack.url}/zaken`)).body).sort();
      expect(numbers).toEqual([zaak(301).identificatie, zaak(302).identificatie].sort());
    } finally {
      stack.kvk.setFault('none');
    }
  });

  it('never shows a zaak where she is only belanghebbende (Open Zaak returns it for her BSN + initiator): not in the list, the search, the overzicht or its count', async () => {
    const browser = await as(suzanne);
    const other = zaak(901);
    for (const url of [`${stack.url}/zaken`, `${stack.url}/overzicht`]) {
      const page = await browser.request(url);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain(other.identificatie);
      expect(page.body).not.toContain(other.omschrijving);
      expect(page.body).not.toContain(other.uuid);
    }
    const search = await browser.request(`${stack.url}/zaken?zoek=${encodeURIComponent(other.omschrijving)}`);
    expect(identificaties(search.body)).toEqual([]);
    expect(search.body).not.toContain(other.uuid);
    expect((await browser.request(`${stack.url}/overzicht`)).body.replace(/<[^>]+>/g, '')).toContain('3 lopende zaken');
    expect((await browser.request(zaakUrl(901))).status).toBe(404);
    expect((await browser.request(`${zaakUrl(901)}/documenten/${other.documenten[0]!.uuid}`)).status).toBe(404);
  });

  it('never shows a zaak more confidential than ZAAK_VERTROUWELIJKHEID_MAX or of an intern zaaktype, though he is its initiator', async () => {
    const browser = await as({ bsn: '999995571' });
    const list = await browser.request(`${stack.url}/zaken`);
    expect(identificaties(list.body)).toEqual([zaak(221).identificatie]);
    for (const hidden of [222, 223]) {
      expect(list.body).not.toContain(zaak(hidden).omschrijving);
      expect((await browser.request(zaakUrl(hidden))).status).toBe(404);
    }
    expect((await browser.request(`${stack.url}/overzicht`)).body.replace(/<[^>]+>/g, '')).toContain('1 lopende zaak');
  });

  it('shows the number of lopende zaken on the overzicht, and first the one the organisation is late with', async () => {
    const page = await (await as(suzanne)).request(`${stack.url}/overzicht`);
    const card = page.body.split('id="overzicht-zaken-title"')[1]!.split('</section>')[0]!;
    expect(card.replace(/<[^>]+>/g, '')).toContain('3 lopende zaken');
    // Zaak 102 was to be done 56 days after it started, 62 days ago.
    expect(card.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain(`Later dan beloofd ${zaak(102).omschrijving} Dit moest uiterlijk`);
    expect(card).toContain(`href="/zaken/demo/${zaak(102).uuid}"`);
    expect(card).toContain('href="/zaken"');
  });
});

describe('Mijn zaken: late zaken, sorting and filtering', () => {
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, ' ');
  const row = (html: string, number: number) => html.split(zaak(number).identificatie)[1]!.split('</tr>')[0]!;

  it('flags a zaak past its uiterlijke einddatum in the list and on its page, with what the person can do', async () => {
    const browser = await as(suzanne);
    const list = await browser.request(`${stack.url}/zaken`);
    // Zaak 102 was to be done 56 days after it started, 62 days ago; 101 and 103 have time left.
    expect(text(row(list.body, 102))).toMatch(/Te laat: uiterlijk klaar was \d{1,2} \w+ \d{4}/);
    expect(row(list.body, 101)).not.toContain('Te laat');
    expect(row(list.body, 103)).not.toContain('Te laat');
    expect(text(list.body)).toContain('Eén van uw zaken is niet op tijd klaar.');
    const page = await browser.request(zaakUrl(102));
    expect(text(page.body)).toMatch(
      /Uiterlijk klaar was \d{1,2} \w+ \d{4}: Gemeente Voorbeeldstad is te laat\. Dat spijt ons\. Wilt u weten wanneer uw zaak klaar is\? Stel uw vraag of bel 14 020\./,
    );
    // "Stel uw vraag" opens the question form about this zaak.
    expect(page.body).toContain(`<a class="utrecht-link utrecht-link--html-a" href="/vraag?zaak=demo%2F${zaak(102).uuid}">Stel uw vraag</a>`);
    // A closed zaak is never late, nor one with time left.
    expect((await browser.request(zaakUrl(101))).body).not.toContain('te laat');
    const english = await loginOverHttp(stack.url, suzanne);
    await english.request(`${stack.url}/taal/en`);
    expect(text((await english.request(zaakUrl(102))).body)).toMatch(/It had to be done by \d{1,2} \w+ \d{4}: Gemeente Voorbeeldstad is late\./);
  });

  it('shows only open or only closed zaken, one zaaktype, oldest first, in a GET form whose choices stay in the page links', async () => {
    const browser = await as(suzanne);
    const open = await browser.request(`${stack.url}/zaken?toon=lopend`);
    expect(open.body).toContain('id="lopend-title"');
    expect(open.body).not.toContain('id="afgerond-title"');
    expect(open.body).toMatch(/<option value="lopend" selected/);
    const closed = await browser.request(`${stack.url}/zaken?toon=afgerond&volgorde=oud`);
    expect(closed.body).not.toContain('id="lopend-title"');
    // The page links keep what was chosen.
    expect(closed.body).toContain('href="/zaken?toon=afgerond&amp;volgorde=oud&amp;afgerond=2#afgerond-title"');
    const newest = identificaties(section((await browser.request(`${stack.url}/zaken?toon=afgerond`)).body, 'afgerond'));
    const oldestAll = [1, 2, 3].map(async (n) =>
      identificaties(section((await browser.request(`${stack.url}/zaken?toon=afgerond&volgorde=oud&afgerond=${n}`)).body, 'afgerond')),
    );
    const oldest = (await Promise.all(oldestAll)).flat();
    expect(oldest).toHaveLength(10);
    expect(oldest.slice(-4)).toEqual([...newest].reverse());
    // Oldest first among the lopende: the reverse of last change first.
    expect(identificaties(section((await browser.request(`${stack.url}/zaken?volgorde=oud`)).body, 'lopend'))).toEqual([
      'ZAAK-000102',
      'ZAAK-000103',
      'ZAAK-000101',
    ]);
    // One zaaktype: only its zaken; a zaaktype she has no zaak of is no filter.
    const soort = zgwDemo.zaaktypen.find((t) => t.key === zaak(102).zaaktype)!.omschrijving;
    const ofType = await browser.request(`${stack.url}/zaken?soort=${encodeURIComponent(soort)}`);
    expect(ofType.body).toContain(`<option value="${soort}" selected`);
    expect(identificaties(section(ofType.body, 'lopend'))).toEqual(['ZAAK-000102']);
    // The zaaktype is the zaaksysteem's Dutch name: marked so in the sentence (read as Dutch on an English page).
    expect(ofType.body).toContain(`Alleen zaken van de soort &quot;<span lang="nl">${soort}</span>&quot;.`);
    const unknown = await browser.request(`${stack.url}/zaken?soort=Onbekend&toon=iets&volgorde=raar`);
    expect(unknown.status).toBe(200);
    expect(identificaties(section(unknown.body, 'lopend'))).toEqual(['ZAAK-000101', 'ZAAK-000103', 'ZAAK-000102']);
  });
});

describe('Mijn zaken: one zaak', () => {
  it('shows the status timeline with done, current and coming steps in words, with dates and toelichtingen', async () => {
    const page = await (await as(suzanne)).request(zaakUrl(102));
    expect(page.status).toBe(200);
    const steps = page.body.split('</ol>')[0]!.split('<li class="voordeur-process-step ').slice(1);
    const zaaktype = zgwDemo.zaaktypen.find((t) => t.key === zaak(102).zaaktype)!;
    expect(steps).toHaveLength(zaaktype.statustypen.length);
    expect(steps.slice(0, 4).every((s) => s.includes('>Klaar<'))).toBe(true);
    expect(steps[4]).toContain('aria-current="step"');
    expect(steps[4]).toContain('>Hier zijn we nu<');
    expect(steps[4]).toContain('De commissie is positief.');
    expect(steps.slice(5).every((s) => s.includes('>Nog niet begonnen<') && !s.includes('<time'))).toBe(true);
    expect(steps[0]).toContain(`Stap 1 van ${zaaktype.statustypen.length}`);
  });

  it('shows the resultaat of a closed zaak', async () => {
    const closed = zgwDemo.zaken.find((z) => !z.open && z.owner && 'bsn' in z.owner && z.owner.bsn === '999993653' && z.resultaat)!;
    const page = await (await as(suzanne)).request(`${stack.url}/zaken/demo/${closed.uuid}`);
    expect(page.body).toContain('>Uitkomst<');
    const zaaktype = zgwDemo.zaaktypen.find((t) => t.key === closed.zaaktype)!;
    expect(zaaktype.resultaattypen.some((r) => page.body.includes(r.omschrijving))).toBe(true);
  });

  it('lists only documents whose vertrouwelijkheidaanduiding is allowed (by default her own zaakvertrouwelijk aanvraag, not intern or vertrouwelijk and up), and downloads them with name and type', async () => {
    const browser = await as(suzanne);
    const page = await browser.request(zaakUrl(103));
    const byV = zgwDemo.notable.documentByVertrouwelijkheid;
    expect(page.body).toContain(byV.openbaar);
    expect(page.body).toContain(byV.beperkt_openbaar);
    // Her own aanvraag (zaakvertrouwelijk: for those involved in the zaak) is hers to see and download.
    expect(page.body).toContain(byV.zaakvertrouwelijk);
    expect((await browser.request(`${zaakUrl(103)}/documenten/${byV.zaakvertrouwelijk}`)).status).toBe(200);
    for (const hidden of ['intern', 'vertrouwelijk', 'confidentieel', 'geheim', 'zeer_geheim'] as const) {
      expect(page.body).not.toContain(byV[hidden]);
      const refused = await browser.request(`${zaakUrl(103)}/documenten/${byV[hidden]}`);
      expect(refused.status).toBe(404);
    }
    const document = zaak(103).documenten.find((d) => d.uuid === byV.openbaar)!;
    const download = await fetch(`${zaakUrl(103)}/documenten/${byV.openbaar}`, { headers: { cookie: cookieHeader(browser) } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(`filename="${document.bestandsnaam}"`);
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 404, the same as for nothing, for a zaak that is not the person’s and for its documents', async () => {
    const browser = await as(suzanne);
    const notHers = await browser.request(zaakUrl(901));
    const nothing = await browser.request(`${stack.url}/zaken/demo/a0000000-0000-4000-8000-000000999999`);
    expect(notHers.status).toBe(404);
    expect(nothing.status).toBe(404);
    // The same page but for what differs per request: the nonce, the zaak's UUID, and the seconds left in the session (a second may pass between the two).
    const normal = (html: string) =>
      html
        .replace(/nonce="[^"]+"/g, '')
        .replace(/a0000000-0000-4000-8000-\d{12}/g, 'UUID')
        .replace(/data-session-seconds-left="\d+"/, '');
    expect(normal(notHers.body)).toBe(normal(nothing.body));
    const otherDocument = zaak(901).documenten[0]!.uuid;
    expect((await browser.request(`${zaakUrl(901)}/documenten/${otherDocument}`)).status).toBe(404);
    // Someone else's document asked for through one's own zaak.
    expect((await browser.request(`${zaakUrl(103)}/documenten/${otherDocument}`)).status).toBe(404);
    expect((await browser.request(`${stack.url}/zaken/onbekend/${zaak(101).uuid}`)).status).toBe(404);
    expect((await browser.request(`${stack.url}/zaken/demo/niet-een-uuid`)).status).toBe(404);
  });

  it('streams the 100 MB document without holding it in memory', async () => {
    const browser = await as(suzanne);
    const response = await fetch(`${zaakUrl(103)}/documenten/${zgwDemo.notable.largeDocument}`, { headers: { cookie: cookieHeader(browser) } });
    expect(response.status).toBe(200);
    const expected = 100 * 1024 * 1024;
    expect(Number(response.headers.get('content-length'))).toBe(expected);
    const before = process.memoryUsage().rss;
    let peak = before;
    let received = 0;
    for await (const chunk of response.body!) {
      received += (chunk as Uint8Array).length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(received).toBe(expected);
    // Simulator, Voordeur and this test share the process: together they stay far below 100 MB.
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
  });
});

describe('Mijn zaken: adding a document', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  function form(csrf: string | undefined, titel: string, file?: { name: string; content: Buffer; type?: string }) {
    const data = new FormData();
    if (csrf) data.append('_csrf', csrf);
    data.append('titel', titel);
    if (file) data.append('bestand', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
    return data;
  }

  it('adds an allowed file to an open zaak: a document linked to the zaak, shown in the list', async () => {
    const browser = await as(suzanne);
    const page = await browser.request(zaakUrl(101));
    expect(page.body).toContain('Document toevoegen');
    const before = stack.zgw.documents().length;
    const sent = await browser.request(`${zaakUrl(101)}/documenten`, {
      multipart: form(csrfOf(page.body), 'Foto van de parkeerplaats', { name: 'parkeerplaats.png', content: png, type: 'image/png' }),
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${zaakUrl(101)}?document=toegevoegd#zaak-documents-title`);
    const stored = stack.zgw.documents().slice(before);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      titel: 'Foto van de parkeerplaats',
      bestandsnaam: 'parkeerplaats.png',
      formaat: 'image/png',
      bestandsomvang: png.length,
      vertrouwelijkheidaanduiding: 'beperkt_openbaar',
    });
    expect(stack.zgw.zaakinformatieobjecten().some((link) => link.zaak.endsWith(zaak(101).uuid) && link.informatieobject.endsWith(stored[0]!.uuid))).toBe(true);
    const after = await browser.request(sent.location!);
    expect(after.body).toContain('Uw document is toegevoegd aan de zaak.');
    expect(after.body).toContain('Foto van de parkeerplaats');
  });

  it('refuses a file of the wrong type, one that is too large, or no file, in Dutch next to the field, keeping the title', async () => {
    const browser = await as(suzanne);
    const csrf = csrfOf((await browser.request(zaakUrl(101))).body);
    const before = stack.zgw.documents().length;
    const wrongType = await browser.request(`${zaakUrl(101)}/documenten`, {
      multipart: form(csrf, 'Mijn brief', { name: 'brief.pdf', content: Buffer.from('dit is geen pdf'), type: 'application/pdf' }),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toContain('Dit soort bestand kunt u niet toevoegen. Toegestaan: PDF, JPG, JPEG, PNG.');
    expect(wrongType.body).toContain('value="Mijn brief"');
    expect(wrongType.body).toContain('href="#bestand"');
    const tooLarge = await browser.request(`${zaakUrl(101)}/documenten`, {
      multipart: form(csrf, 'Groot', { name: 'groot.png', content: Buffer.concat([png, Buffer.alloc(300 * 1024)]) }),
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body).toContain('Het bestand is te groot. Het mag maximaal 200 kB zijn.');
    const noFile = await browser.request(`${zaakUrl(101)}/documenten`, { multipart: form(csrf, '') });
    expect(noFile.status).toBe(400);
    expect(noFile.body).toContain('Vul een naam in voor het document.');
    expect(noFile.body).toContain('Kies een bestand.');
    expect(stack.zgw.documents().length).toBe(before);
  });

  it('refuses an upload without the CSRF token, to a zaak that is not the person’s, or to a closed zaak', async () => {
    const browser = await as(suzanne);
    const csrf = csrfOf((await browser.request(zaakUrl(101))).body);
    const before = stack.zgw.documents().length;
    const file = { name: 'a.png', content: png };
    expect((await browser.request(`${zaakUrl(101)}/documenten`, { multipart: form(undefined, 'x', file) })).status).toBe(403);
    expect((await browser.request(`${zaakUrl(101)}/documenten`, { multipart: form('wrong', 'x', file) })).status).toBe(403);
    expect((await browser.request(`${zaakUrl(901)}/documenten`, { multipart: form(csrf, 'x', file) })).status).toBe(404);
    const closed = await browser.request(`${zaakUrl(104)}/documenten`, { multipart: form(csrf, 'x', file) });
    expect(closed.status).toBe(409);
    expect(closed.body).toContain('Deze zaak is afgerond. U kunt geen documenten meer toevoegen.');
    expect(stack.zgw.documents().length).toBe(before);
  });
});

describe('Mijn zaken: when the ZGW APIs fail', () => {
  for (const fault of ['down', 'garbage', 'hang'] as const) {
    it(`keeps the page and says the block is unavailable when the Zaken API is ${fault}`, async () => {
      const browser = await as(suzanne);
      stack.zgw.setFault('zaken', fault);
      const started = performance.now();
      const list = await browser.request(`${stack.url}/zaken`);
      expect(list.status).toBe(200);
      expect(list.body).toContain('Dit onderdeel is nu niet beschikbaar. Probeer het later opnieuw.');
      const overzicht = await browser.request(`${stack.url}/overzicht`);
      expect(overzicht.status).toBe(200);
      expect(overzicht.body).toContain('Welkom, Suzanne de Vries');
      expect(overzicht.body).toContain('Dit onderdeel is nu niet beschikbaar.');
      const detail = await browser.request(zaakUrl(102));
      expect(detail.status).toBe(503);
      expect(detail.body).toContain('Dit onderdeel is nu niet beschikbaar.');
      // Each request waited at most the deadline (1 s here), never for a hanging source.
      expect(performance.now() - started).toBeLessThan(3 * 1000 + 1500);
    });
  }

  it('shows the zaak without its documents when only the Documenten API fails', async () => {
    const browser = await as(suzanne);
    stack.zgw.setFault('documenten', 'down');
    const page = await browser.request(zaakUrl(103));
    expect(page.status).toBe(200);
    expect(page.body).toContain('Hoe ver is uw zaak?');
    const documents = page.body.split('id="zaak-documents-title"')[1]!.split('</section>')[0]!;
    expect(documents).toContain('Dit onderdeel is nu niet beschikbaar.');
  });

  it('never logs a BSN or a token while talking to the ZGW APIs', async () => {
    await (await as(suzanne)).request(`${stack.url}/zaken`);
    const logs = stack.voordeur.logs.join('\n');
    expect(logs).not.toContain('999993653');
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});

describe('Mijn zaken: a zaak page while the Catalogi API is down', () => {
  let own: Stack;
  beforeAll(async () => {
    // A stack of its own: nothing of the catalogue is cached yet, as after a restart.
    own = await startStack({ SOURCE_TIMEOUT_MS: '1000' });
  });
  afterAll(() => own.close());

  it('shows the zaak with what is known and says the status steps cannot be shown now (never a 500 or a dark page)', async () => {
    // Down before she logs in: the overzicht she lands on must not fill the cache first.
    own.zgw.setFault('catalogi', 'down');
    const browser = await loginOverHttp(own.url, suzanne);
    const page = await browser.request(`${own.url}/zaken/demo/${zaak(103).uuid}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(zaak(103).omschrijving);
    expect(page.body).toContain(zaak(103).identificatie);
    expect(page.body).toContain('De stappen van uw zaak kunnen we nu niet laten zien.');
    // The documents come from the Documenten API: still there.
    expect(page.body).toContain(zgwDemo.notable.documentByVertrouwelijkheid.openbaar);
    own.zgw.setFault('catalogi', 'none');
    const later = await browser.request(`${own.url}/zaken/demo/${zaak(103).uuid}`);
    expect(later.body).not.toContain('De stappen van uw zaak kunnen we nu niet laten zien.');
  });
});

describe('Mijn zaken: more zaken than Voordeur reads', () => {
  let own: Stack;
  beforeAll(async () => {
    // Two zaken a page and three pages at most: Suzanne's 14 candidates (13 and 901) do not fit.
    own = await startStack({ ZAKEN_MAX_PAGES: '3' }, { pageSize: 2 });
  });
  afterAll(() => own.close());

  it('shows what it read and tells the person how many zaken are not shown, never dropping them silently', async () => {
    const browser = await loginOverHttp(own.url, suzanne);
    const page = await browser.request(`${own.url}/zaken`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('U heeft meer zaken dan we hier laten zien: 8 zaken staan niet in deze lijst.');
    // What was read is checked as ever: her own zaken only.
    expect(page.body).not.toContain(zaak(901).identificatie);
    expect(identificaties(page.body).length).toBeGreaterThan(0);
  });
});

describe('Mijn zaken: round trips', () => {
  it('asks the Zaken API twice per list page (zaken, and her rollen to check whose they are) once statussen and the catalogue are cached (no N+1)', async () => {
    const browser = await as(suzanne);
    await browser.request(`${stack.url}/zaken`);
    stack.zgw.resetCounts();
    await browser.request(`${stack.url}/zaken`);
    expect(stack.zgw.requestCount('zaken')).toBe(2);
    expect(stack.zgw.requestCount('catalogi')).toBe(0);
  });
});

function cookieHeader(browser: HttpBrowser): string {
  const jar = browser.cookies.get(new URL(stack.url).hostname)!;
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
