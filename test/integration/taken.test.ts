/**
 * Mijn taken over HTTP, against the Objecten and Ogone simulators with the demo data: the list
 * (open ones by verloopdatum, overdue in words, afgeronde), a taak of each soort (a page
 * elsewhere, a form sent exactly once, a payment round trip), another person's taak (404), and a
 * failing Objecten API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800', TAKEN_PAGE_SIZE: '3' });
});
afterAll(() => stack.close());
afterEach(() => {
  stack.objecten.setFault('none');
  stack.objecten.setVersion('current');
  stack.objecten.setPageSize(100);
});

const { suzanne, bakkerij, others, fatima } = objectenDemo.notable;
const browsers = new Map<string, HttpBrowser>();
async function as(login: TestLogin): Promise<HttpBrowser> {
  const key = JSON.stringify(login);
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const listed = (html: string) => [...html.matchAll(/href="\/taken\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
const section = (html: string, id: string) => html.split(`id="${id}"`)[1]!.split('</section>')[0]!;
const stored = (uuid: string) => stack.objecten.objects().find((o) => o.uuid === uuid) as { record: { index: number; data: Record<string, unknown> } };

const validForm = {
  naam: 'Suzanne de Vries',
  toelichting: 'De oude wasmachine lekt en is niet meer te maken.',
  maandinkomen: '1450',
  personen: '2',
  kapotSinds: '2026-11-01',
  email: 'suzanne.devries@example.nl',
  telefoon: '0612345678',
  iban: 'NL91ABNA0417164300',
  woonsituatie: 'huur',
  eerderAangevraagd: 'nee',
  naarWaarheid: 'true',
};

describe('Mijn taken: the list', () => {
  it('shows open taken soonest due first with the overdue one marked in words, then the afgeronde', async () => {
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/taken`);
    expect(page.status).toBe(200);
    const next = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/taken?open=2`);
    expect(section(page.body, 'open-title')).toContain('aria-label="Paginering van te doen"');
    const open = [...listed(section(page.body, 'open-title')), ...listed(section(next.body, 'open-title'))];
    expect(listed(section(page.body, 'open-title'))).toHaveLength(3);
    expect([...open].sort()).toEqual([...suzanne.openTaken].sort());
    expect(open[0]).toBe(suzanne.taak.overdue);
    expect(open.at(-1)).toBe(suzanne.taak.unsupportedForm); // no verloopdatum: last
    const overdueRow = section(page.body, 'open-title')
      .split('<tr')
      .find((row) => row.includes(suzanne.taak.overdue))!;
    expect(text(overdueRow)).toContain('Te laat');
    expect([...listed(section(page.body, 'afgerond-title'))].sort()).toEqual([...suzanne.afgerondeTaken].sort());
    for (const uuid of others.taken) expect(page.body).not.toContain(uuid);
  });

  it('shows the person only their own taken, all of them, when an older Objecten API (2.4) ignores the data_attr filter', async () => {
    stack.objecten.setVersion('2.4');
    stack.objecten.setPageSize(3);
    const browser = await as({ bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/taken`);
    const next = await browser.request(`${stack.url}/taken?open=2`);
    const open = [...listed(section(page.body, 'open-title')), ...listed(section(next.body, 'open-title'))];
    expect([...open].sort()).toEqual([...suzanne.openTaken].sort());
    expect([...listed(section(page.body, 'afgerond-title'))].sort()).toEqual([...suzanne.afgerondeTaken].sort());
    for (const uuid of others.taken) {
      expect(page.body + next.body).not.toContain(uuid);
      expect((await browser.request(`${stack.url}/taken/${uuid}`)).status).toBe(404);
    }
    // The overzicht counts only hers too.
    expect(text((await browser.request(`${stack.url}/overzicht`)).body)).toContain(`${suzanne.openTaken.length} taken te doen`);
    expect(text(page.body)).not.toContain('meer taken dan wij hier kunnen laten zien');
  });

  it('says so when the person has more taken than Voordeur reads (more than 10 pages of the Objecten API), instead of dropping them silently', async () => {
    stack.objecten.setVersion('2.4');
    stack.objecten.setPageSize(1);
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/taken`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('U heeft meer taken dan wij hier kunnen laten zien.');
  });

  it('shows the number of open taken and the first ones due on the overzicht', async () => {
    const page = await (await as({ kvk: bakkerij.kvk })).request(`${stack.url}/overzicht`);
    expect(text(page.body)).toContain('1 taak te doen');
    expect(page.body).toContain(`href="/taken/${bakkerij.openTaak}"`);
  });

  it('lists a zaak’s open taken on the zaak’s page, and links back from the taak', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const zaak101 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000101')!;
    const page = await browser.request(`${stack.url}/zaken/demo/${zaak101.uuid}`);
    expect(listed(section(page.body, 'zaak-taken-title'))).toEqual([suzanne.taak.overdue]);
    const taak = await browser.request(`${stack.url}/taken/${suzanne.taak.overdue}`);
    expect(taak.body).toContain(`href="/zaken/demo/${zaak101.uuid}"`);
    // A zaak without open taken has no such section.
    const zaak113 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000113')!;
    expect((await browser.request(`${stack.url}/zaken/demo/${zaak113.uuid}`)).body).not.toContain('zaak-taken-title');
  });

  it('keeps the page when the Objecten API is down', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    stack.objecten.setFault('down');
    const page = await browser.request(`${stack.url}/taken`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Dit onderdeel is nu niet beschikbaar');
  });
});

describe('Mijn taken: a taak', () => {
  it('explains a taak on another website and links to it safely, showing the domain', async () => {
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/taken/${suzanne.taak.url}`);
    expect(page.status).toBe(200);
    const link = /<a class="utrecht-button-link[^"]*" href="(https?:\/\/[^"]+)"[^>]*>Naar de website<\/a>/.exec(page.body);
    expect(link).not.toBeNull();
    expect(text(page.body)).toContain(`U doet deze taak op een andere website: ${new URL(link![1]!.replace(/&amp;/g, '&')).hostname}`);
    expect(page.body).not.toContain('target="_blank"');
  });

  it('sends a form: errors next to the fields and nothing sent, then the answers written once', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const uuid = suzanne.taak.portaalformulier;
    const page = await browser.request(`${stack.url}/taken/${uuid}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="Suzanne de Vries"'); // prefilled from the taak
    const before = stored(uuid).record.index;

    const refused = await browser.request(`${stack.url}/taken/${uuid}`, {
      form: { _csrf: csrfOf(page.body), naam: 'Suzanne de Vries', iban: 'NL00', telefoon: '12' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('class="utrecht-alert utrecht-alert--error voordeur-error-summary"');
    expect(refused.body).toContain('aria-invalid="true"');
    expect(refused.body).toContain('value="NL00"'); // what was typed is kept
    expect(stored(uuid).record.index).toBe(before);

    // Pressed twice at once: one write.
    const [first, second] = await Promise.all([
      browser.request(`${stack.url}/taken/${uuid}`, { form: { _csrf: csrfOf(page.body), ...validForm } }),
      browser.request(`${stack.url}/taken/${uuid}`, { form: { _csrf: csrfOf(page.body), ...validForm } }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const after = stored(uuid).record;
    expect(after.index).toBe(before + 1);
    expect(after.data.status).toBe('afgerond');
    expect((after.data.portaalformulier as { verzonden_data: Record<string, unknown> }).verzonden_data).toMatchObject({
      naam: 'Suzanne de Vries',
      maandinkomen: 1450,
      personen: 2,
      woonsituatie: 'huur',
      naarWaarheid: true,
    });
    const done = await browser.request(first.location!);
    expect(done.body).toContain('Bedankt. Wij hebben uw formulier ontvangen.');
    // Once more later: nothing is written.
    await browser.request(`${stack.url}/taken/${uuid}`, { form: { _csrf: csrfOf(page.body), ...validForm } });
    expect(stored(uuid).record.index).toBe(before + 1);
  });

  it('says plainly that a form cannot be shown, and logs why', async () => {
    const page = await (await as({ bsn: suzanne.bsn })).request(`${stack.url}/taken/${suzanne.taak.unsupportedForm}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Dit formulier kunnen wij hier nu niet tonen.');
    expect(page.body).toContain('Bel 14 020'); // and how to reach the organisation instead
    expect(page.body).not.toContain('<form class="utrecht-form" method="post" action="/taken/');
    expect(stack.voordeur.logs.some((line) => line.includes('form of a taak cannot be shown'))).toBe(true);
  });

  it('pays through the payment page and finishes the taak, once; a tampered return is not believed', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const uuid = suzanne.taak.ogonebetaling;
    const page = await browser.request(`${stack.url}/taken/${uuid}`);
    expect(text(page.body)).toMatch(/Bedrag € \d/);
    const form = /<form class="utrecht-form" method="post" action="([^"]+)">(.*?)<\/form>/s.exec(page.body)!;
    expect(form[1]).toBe(stack.ogone.url);
    expect(form[2]).not.toContain('_csrf'); // the session's token does not go to another site
    const fields = Object.fromEntries([...form[2]!.matchAll(/name="([A-Z]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
    expect(fields.SHASIGN).toMatch(/^[0-9A-F]{128}$/);

    // At the payment page: first a tampered return, then really paying.
    const hosted = await browser.request(stack.ogone.url, { form: fields });
    expect(hosted.status).toBe(200);
    const buttonForm = /<form[^>]*action="([^"]+)"[^>]*>(.*?)<\/form>/s.exec(hosted.body)!;
    const hidden = Object.fromEntries(
      [...buttonForm[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]),
    );
    const pay = /<button[^>]*name="([^"]+)"[^>]*value="([^"]+)"[^>]*>Betalen<\/button>/.exec(hosted.body)!;
    const back = await browser.request(new URL(buttonForm[1]!.replace(/&amp;/g, '&'), stack.ogone.url).href, { form: { ...hidden, [pay[1]!]: pay[2]! } });
    expect(back.status).toBe(303);
    const returnUrl = new URL(back.location!);
    expect(returnUrl.pathname).toBe(`/taken/${uuid}/betaling`);

    const tampered = new URL(returnUrl);
    tampered.searchParams.set('amount', '0.01');
    const refused = await browser.request(tampered.href);
    expect(refused.location).toBe(`${stack.url}/taken/${uuid}?betaling=invalid#bevestiging`);
    expect(stored(uuid).record.data.status).toBe('open');

    const paid = await browser.request(returnUrl.href);
    expect(paid.location).toBe(`${stack.url}/taken/${uuid}?betaling=betaald#bevestiging`);
    expect(stored(uuid).record.data.status).toBe('afgerond');
    expect(text((await browser.request(paid.location!)).body)).toContain('Bedankt, uw betaling is gelukt.');
    const index = stored(uuid).record.index;
    await browser.request(returnUrl.href); // the same return again (reload)
    expect(stored(uuid).record.index).toBe(index);
  });

  it('answers 404 for another person’s taak: to view, to send, to pay', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const theirs = others.taken[0]!;
    expect((await browser.request(`${stack.url}/taken/${theirs}`)).status).toBe(404);
    const page = await browser.request(`${stack.url}/taken`);
    expect((await browser.request(`${stack.url}/taken/${fatima.portaalformulierTaak}`, { form: { _csrf: csrfOf(page.body), ...validForm } })).status).toBe(404);
    expect((await browser.request(`${stack.url}/taken/${theirs}/betaling?orderID=x&STATUS=9`)).status).toBe(404);
    expect(stored(fatima.portaalformulierTaak).record.data.status).toBe('open');
  });
});
