/**
 * Choosing for whom one acts (DigiD Machtigen, bewindvoering), over HTTP through the login
 * simulator: asked right after logging in, switched later without logging out; only people in the
 * list the login gave, kept in the session, can be chosen; every page then shows that person's
 * affairs and says for whom, while greeting the person who logged in; every switch is in the
 * processing log of the person now acted for, naming who acts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { chooseForWhom, formAction, HttpBrowser, logIn, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const lotte = { bsn: '999990482', naam: 'Lotte Jansen' };
const jan = { bsn: '999990019', naam: 'Jan Jansen' };
const suzanne = { bsn: '999993653', naam: 'Suzanne de Vries' };
const anna = { bsn: '999992570', naam: 'Anna Bakker' };
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const zakenOf = (bsn: string) => zgwDemo.zaken.filter((z) => z.owner && 'bsn' in z.owner && z.owner.bsn === bsn && z.open);
const banner = (html: string) => /<div class="voordeur-acting-for"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

/** Logs Lotte in as herself; returns the browser on "Voor wie regelt u dit?". */
async function lotteOnTheChoice() {
  const browser = new HttpBrowser();
  const page = await logIn(browser, stack.url, { bsn: lotte.bsn });
  return { browser, page };
}

describe('choosing for whom, at login', () => {
  it('asks someone with machtigingen for whom they act, listing themselves and the active machtigingen', async () => {
    const { page } = await lotteOnTheChoice();
    expect(new URL(page.url).pathname).toBe('/machtigingen');
    expect(new URL(page.url).searchParams.get('terug')).toBe('/overzicht');
    expect(page.status).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Voor wie regelt u dit?');
    expect(body).toContain('Mijzelf (Lotte Jansen)');
    expect(body).toContain('Uw machtigingen Voor deze personen mag u nu iets regelen.');
    expect(body).toContain('Jan Jansen U bent gemachtigd via DigiD Machtigen');
    // Herself is chosen until she chooses otherwise; no BSN but the ones she may choose is on the page.
    expect(page.body).toMatch(/name="voor" value="zelf" checked/);
    expect(page.body).not.toContain(suzanne.bsn);
  });

  it('keeps the page asked for before logging in, and goes there once chosen', async () => {
    const browser = new HttpBrowser();
    const loginPage = await browser.follow(`${stack.url}/inloggen/digid?terug=${encodeURIComponent('/zaken?zoek=a')}`);
    let page = await browser.request(formAction(loginPage.body, 'Inloggen', loginPage.url), { form: { bsn: lotte.bsn } });
    for (let i = 0; i < 20 && page.location; i++) page = await browser.request(page.location);
    expect(new URL(page.url).pathname).toBe('/machtigingen');
    expect(new URL(page.url).searchParams.get('terug')).toBe('/zaken?zoek=a');
    const done = await chooseForWhom(browser, page, jan.bsn);
    expect(done.url).toBe(`${stack.url}/zaken?zoek=a#voor-wie`);
  });

  it('goes straight on for someone who chose at the identity provider, greeting who logged in', async () => {
    const browser = await loginOverHttp(stack.url, { gemachtigde: lotte.bsn, voor: jan.bsn });
    const page = await browser.request(`${stack.url}/overzicht`);
    expect(text(page.body)).toContain('Welkom, Lotte Jansen');
    expect(text(banner(page.body)!)).toContain('U regelt dit voor Jan Jansen.');
    expect(page.body).toContain('Ingelogd als Lotte Jansen');
    // Jan reads in his own log that his gemachtigde acted for him.
    const janBrowser = await loginOverHttp(stack.url, { bsn: jan.bsn });
    const log = text((await janBrowser.request(`${stack.url}/gegevens/verwerkingen`)).body);
    expect(log).toMatch(/uw machtiging: wie namens u iets mag regelen.*Uw gemachtigde Lotte Jansen.*Om namens u iets te regelen/);
  });

  it('a person without machtigingen is not asked', async () => {
    const browser = new HttpBrowser();
    const page = await logIn(browser, stack.url, { bsn: '999991772' }); // Fatima
    expect(new URL(page.url).pathname).toBe('/overzicht');
    expect(banner(page.body)).toBeUndefined();
  });
});

describe('switching', () => {
  it('shows the other person’s zaken and the banner on every page after the switch, and the logged-in person stays who is greeted', async () => {
    const { browser, page } = await lotteOnTheChoice();
    const overzicht = await chooseForWhom(browser, page, jan.bsn);
    expect(new URL(overzicht.url).pathname).toBe('/overzicht');
    expect(text(overzicht.body)).toContain('Welkom, Lotte Jansen');
    expect(text(overzicht.body)).toContain('Hier ziet u wat Gemeente Voorbeeldstad voor Jan Jansen doet.');

    const zaken = await browser.request(`${stack.url}/zaken`);
    expect(zaken.status).toBe(200);
    for (const zaak of zakenOf(jan.bsn)) expect(zaken.body).toContain(zaak.omschrijving);
    for (const zaak of zakenOf(lotte.bsn)) expect(zaken.body).not.toContain(zaak.omschrijving);
    expect(text(banner(zaken.body)!)).toBe('U regelt dit voor Jan Jansen. Kies voor wie u dit regelt');
    expect(banner(zaken.body)).toContain('href="/machtigingen?terug=%2Fzaken"');
    expect(zaken.body).toContain('Ingelogd als Lotte Jansen');
    // A page that does not exist says it too.
    expect(text(banner((await browser.request(`${stack.url}/bestaat-niet`)).body)!)).toContain('U regelt dit voor Jan Jansen.');

    // And back to herself, without logging out.
    const choice = await browser.request(`${stack.url}/machtigingen?terug=%2Fzaken`);
    expect(choice.body).toMatch(new RegExp(`name="voor" value="${jan.bsn}" checked`));
    const back = await chooseForWhom(browser, choice, 'zelf');
    expect(new URL(back.url).pathname).toBe('/zaken');
    for (const zaak of zakenOf(lotte.bsn)) expect(back.body).toContain(zaak.omschrijving);
    for (const zaak of zakenOf(jan.bsn)) expect(back.body).not.toContain(zaak.omschrijving);
    expect(text(banner(back.body)!)).toBe('U regelt dit voor uzelf. Kies voor wie u dit regelt');
  });

  it('refuses someone not in the list the login gave, and changes nothing', async () => {
    const { browser, page } = await lotteOnTheChoice();
    const csrf = csrfOf(page.body);
    for (const voor of [suzanne.bsn, anna.bsn, '123456789', '']) {
      const refused = await browser.request(`${stack.url}/machtigingen`, { form: { _csrf: csrf, voor, terug: '/zaken' } });
      expect(refused.status, voor).toBe(voor === '' ? 400 : 403);
      expect(refused.location).toBeUndefined();
    }
    expect(text((await browser.request(`${stack.url}/machtigingen`, { form: { _csrf: csrf, voor: suzanne.bsn } })).body)).toContain(
      'U mag niets regelen voor deze persoon.',
    );
    // Still herself: her own zaken, no banner for anyone else.
    const zaken = await browser.request(`${stack.url}/zaken`);
    for (const zaak of zakenOf(lotte.bsn)) expect(zaken.body).toContain(zaak.omschrijving);
    for (const zaak of zakenOf(suzanne.bsn)) expect(zaken.body).not.toContain(zaak.omschrijving);
    expect(text(banner(zaken.body)!)).toContain('U regelt dit voor uzelf.');
    // The refusal is logged without the BSN that was sent.
    expect(stack.voordeur.logs.some((line) => line.includes('not among the machtigingen'))).toBe(true);
    expect(stack.voordeur.logs.filter((line) => line.includes(suzanne.bsn) || line.includes(anna.bsn))).toEqual([]);
  });

  it('refuses a switch without the session’s CSRF token', async () => {
    const { browser } = await lotteOnTheChoice();
    const refused = await browser.request(`${stack.url}/machtigingen`, { form: { _csrf: 'made-up', voor: jan.bsn } });
    expect(refused.status).toBe(403);
    expect(text(banner((await browser.request(`${stack.url}/zaken`)).body)!)).toContain('U regelt dit voor uzelf.');
  });

  it('gives the switched session a new token: the old cookie and the old forms no longer act', async () => {
    const { browser, page } = await lotteOnTheChoice();
    const oldCookie = browser.cookie(stack.url, 'voordeur_session')!;
    const oldCsrf = csrfOf(page.body);
    await chooseForWhom(browser, page, jan.bsn);
    expect(browser.cookie(stack.url, 'voordeur_session')).not.toBe(oldCookie);
    const old = await new HttpBrowser().request(`${stack.url}/zaken`, { headers: { cookie: `voordeur_session=${oldCookie}` } });
    expect(old.status).toBe(303);
    const staleForm = await browser.request(`${stack.url}/machtigingen`, { form: { _csrf: oldCsrf, voor: 'zelf' } });
    expect(staleForm.status).toBe(403);
  });

  it('writes every switch in the processing log of the person now acted for, with who acts and as what', async () => {
    const db = stack.voordeur.database.db;
    const before = await db.selectFrom('processing_log').select('id').where('category', '=', 'machtiging').execute();
    // Suzanne is Anna's bewindvoerder.
    const browser = new HttpBrowser();
    const page = await logIn(browser, stack.url, { bsn: suzanne.bsn });
    expect(text(page.body)).toContain('Anna Bakker U bent de bewindvoerder');
    await chooseForWhom(browser, await browser.request(`${stack.url}/machtigingen`), anna.bsn);
    await chooseForWhom(browser, await browser.request(`${stack.url}/machtigingen`), 'zelf');
    const rows = await db
      .selectFrom('processing_log')
      .selectAll()
      .where('category', '=', 'machtiging')
      .where('id', 'not in', before.length ? before.map((r) => r.id) : ['0'])
      .orderBy('id')
      .execute();
    // First in Anna's log (Suzanne acts for her), then in Suzanne's own (she acts for herself again).
    expect(rows.map((r) => [r.actor, r.actor_naam, r.actor_rol, r.action, r.purpose])).toEqual([
      ['gemachtigde', suzanne.naam, 'bewindvoerder', 'lezen', 'vertegenwoordiging'],
      ['betrokkene', null, null, 'lezen', 'inzage'],
    ]);
    expect(rows[0]!.subject_key).not.toBe(rows[1]!.subject_key);
    expect(rows[0]!.actor_key).not.toBeNull();
    // Anna reads it in her own log: her bewindvoerder, by name.
    const annaBrowser = await loginOverHttp(stack.url, { bsn: anna.bsn });
    const log = text((await annaBrowser.request(`${stack.url}/gegevens/verwerkingen`)).body);
    expect(log).toContain('uw machtiging: wie namens u iets mag regelen');
    expect(log).toContain('Uw bewindvoerder Suzanne de Vries');
    expect(log).toContain('Om namens u iets te regelen');
  });
});
