/**
 * Issue 17 §4 in Chromium: a person who chose English reads English on every page they can reach
 * — a resident, a company and someone acting for another, each walking every link from the
 * overzicht, plus the public help pages, form errors and a page that is not there; and staff in
 * the medewerkersportaal (search, errors, a dossier and its pages) and the leveranciersportaal (its
 * pages and form errors; not the API's technical documentation). Dutch is only
 * allowed inside an element marked `lang="nl"` (data that stays Dutch: zaak titles, statuses,
 * bericht texts, product names; WCAG 3.1.2). Dutch is recognised two ways: a text (or an
 * aria-label, title, alt or the page's title) containing a Dutch catalogue text that differs from
 * its English one, and a list of common Dutch words. The portal has a brand name of its own, which
 * is the same in both languages: the default name or a translation of it is a finding too.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { en } from '../../src/platform/i18n/en.ts';
import { nl, type MessageKey } from '../../src/platform/i18n/nl.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { describeInBrowser, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

/** Words of Dutch interface text that are no English words (nor parts of Dutch names such as "de" or "van"). */
const dutchWords = (
  'het een uw u niet naar voor wij zijn kunt heeft hebt wordt geen nog ook bij maar dit deze wat wie hier alle ' +
  'bekijken wijzigen opslaan terug volgende vorige zoeken gegevens zaak zaken taak bericht berichten producten ' +
  'inloggen uitloggen versturen annuleren sluiten verwijderen toevoegen aanvragen aanvraag afgerond ontvangen ' +
  'gelezen ongelezen datum adres telefoonnummer mobiel nummer januari februari maart mei juni juli augustus ' +
  'oktober maandag dinsdag woensdag donderdag vrijdag zaterdag zondag uur bestand bijlage bijlagen verder kies ja ' +
  'nee'
).split(' ');

const letter = '\\p{L}\\p{N}';
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The words as written in a sentence or at its start: "uw" and "Uw", not "ZAAK" of a zaak's identificatie. */
const withCapitals = (words: readonly string[]) => words.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1)]);
const wordRegex = (parts: readonly string[], flags = 'u') => new RegExp(`(?<![${letter}])(?:${parts.map(escapeRegex).join('|')})(?![${letter}])`, flags);

/** The Dutch pieces of every catalogue text that is not the same in English (without its {placeholders}). */
function dutchCatalogue(): Map<string, MessageKey> {
  const english = Object.values(en);
  const englishRegexCache = (piece: string) => english.some((text) => wordRegex([piece]).test(text));
  const pieces = new Map<string, MessageKey>();
  for (const key of Object.keys(nl) as MessageKey[]) {
    if (nl[key] === en[key]) continue;
    for (const raw of nl[key].split(/\{\w+\}/)) {
      const piece = raw.trim().replace(/^[\s.,:;()'"-]+|[\s.,:;()'"-]+$/g, '');
      // Pieces too short to say anything, and terms English uses too (DigiD Machtigen, eHerkenning, a BSN).
      if (piece.length < 4 || !/\p{L}{3}/u.test(piece) || pieces.has(piece) || englishRegexCache(piece)) continue;
      pieces.set(piece, key);
    }
  }
  return pieces;
}

/** Each finding once (the footer's on every page): the first page it was on. */
function once(problems: readonly string[]): string[] {
  const seen = new Set<string>();
  return problems.filter((line) => {
    const what = line.slice(line.indexOf(': ') + 2);
    if (seen.has(what)) return false;
    seen.add(what);
    return true;
  });
}

interface Found {
  text: string;
  where: string;
}

/** Every text a person sees or hears on the page, outside elements marked Dutch: text nodes, labels for assistive technology, the title. */
function readTexts(page: Page): Promise<Found[]> {
  return page.evaluate(() => {
    const found: { text: string; where: string }[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    const isDutch = (el: Element | null) => el?.closest('[lang]')?.getAttribute('lang')?.startsWith('nl') ?? false;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      // Code is no language: paths and fields of an API (/berichten, berichtId) are technical terms (WCAG 3.1.2).
      if (!text || !parent || parent.closest('script, style, template, code') || isDutch(parent)) continue;
      found.push({ text, where: describe(parent) });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder], input[type=submit][value]')) {
      if (isDutch(el)) continue;
      for (const name of ['aria-label', 'title', 'alt', 'placeholder', 'value']) {
        if (name === 'value' && !(el instanceof HTMLInputElement && el.type === 'submit')) continue;
        const text = el.getAttribute(name)?.trim();
        if (text) found.push({ text, where: `${describe(el)}[${name}]` });
      }
    }
    // The title repeats the page's heading, whose Dutch data (a zaak's title) is marked in the heading.
    const dutchHeading = [...document.querySelectorAll('h1[lang^="nl"], h1 [lang^="nl"]')].map((el) => (el.textContent ?? '').trim()).filter(Boolean);
    found.push({ text: dutchHeading.reduce((title, part) => title.split(part).join(' '), document.title), where: 'title' });
    return found;
  });
}

describeInBrowser('every page in English', () => {
  let browser: Browser;
  let stack: Stack;
  const catalogue = dutchCatalogue();
  const catalogueRegex = wordRegex(
    [...catalogue.keys()].sort((a, b) => b.length - a.length),
    'gu',
  );
  const wordsRegex = wordRegex(withCapitals(dutchWords), 'gu');
  let names: string[] = [];

  beforeAll(async () => {
    // A brand name of its own: the texts must use the configured one, not a default or a translation of it.
    stack = await startStack({ THEME_PORTAL_NAME: 'Mijn Loket' }, {}, { aanvragen: true });
    browser = await launchBrowser();
    const theme = stack.voordeur.config.theme;
    names = [theme.organisationName, theme.portalName];
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** What on this page is Dutch outside `lang="nl"`, as lines saying where and why. */
  async function dutchOn(page: Page): Promise<string[]> {
    expect(await page.locator('html').getAttribute('lang'), page.url()).toBe('en');
    const problems: string[] = [];
    for (const { text, where } of await readTexts(page)) {
      // The configured brand and organisation names are the same in both languages. A form's Dutch
      // field label in an English error message or hint is no exception: it must be marked lang="nl".
      const checked = names.reduce((rest, name) => rest.split(name).join(' '), text);
      const fromCatalogue = [...checked.matchAll(catalogueRegex)].map((m) => `"${m[0]}" (${catalogue.get(m[0])})`);
      const words = [...checked.matchAll(wordsRegex), ...checked.matchAll(/Mijn Omgeving|My Environment/g)].map((m) => m[0]);
      if (fromCatalogue.length || words.length) problems.push(`${where}: "${text}" — ${[...fromCatalogue, ...words].join(', ')}`);
    }
    return problems.map((p) => `${new URL(page.url()).pathname}: ${p}`);
  }

  /**
   * Every page reachable by links from `start` (no downloads, no logging out, no switching language),
   * read in English; within the portal of `start` (the resident's pages, /medewerkers or /leveranciers).
   */
  async function walk(page: Page, max = 60, start = '/overzicht'): Promise<string[]> {
    const origin = new URL(stack.url).origin;
    const portal = /^\/(medewerkers|leveranciers)\b/.exec(start)?.[0];
    const seen = new Set<string>();
    const queue = [start];
    const problems: string[] = [];
    while (queue.length > 0 && seen.size < max) {
      const path = queue.shift()!;
      const key = path.split('?')[0]!;
      if (seen.has(key)) continue;
      seen.add(key);
      const response = await page.goto(`${stack.url}${path}`);
      if (!response?.headers()['content-type']?.startsWith('text/html')) continue;
      problems.push(...(await dutchOn(page)));
      if (seen.size <= 7) await page.screenshot({ path: `test-results/english/${key.split('/').filter(Boolean).slice(0, 2).join('-')}.png`, fullPage: true });
      const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of links) {
        const url = new URL(href);
        if (url.origin !== origin || /^\/(taal|uitloggen|static)\b|\/uitloggen$/.test(url.pathname)) continue;
        if (portal ? !url.pathname.startsWith(portal) : /^\/(medewerkers|leveranciers)\b/.test(url.pathname)) continue;
        // The API's technical documentation (docs/organisaties.md and the OpenAPI document) names the API's
        // Dutch domain nouns (bericht, zaak) as the standards spell them, as the developer docs do.
        if (url.pathname === '/leveranciers/documentatie') continue;
        if (/\/(documenten|bijlagen)\/|\.pdf$|\/pdf$/.test(url.pathname)) continue;
        if (!seen.has(url.pathname)) queue.push(url.pathname + url.search);
      }
    }
    expect(seen.size, 'pages walked').toBeGreaterThan(portal ? 3 : 8);
    return problems;
  }

  async function inEnglish(page: Page, path = '/overzicht') {
    await page.goto(`${stack.url}/taal/en?terug=${encodeURIComponent(path)}`);
  }

  it('the public pages and a page that is not there are English', { timeout: 60_000 }, async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    const problems: string[] = [];
    for (const path of ['/', '/contact', '/privacy', '/cookies', '/toegankelijkheid', '/niet-hier']) {
      await page.goto(`${stack.url}${path}`);
      problems.push(...(await dutchOn(page)));
    }
    expect(once(problems)).toEqual([]);
    await page.context().close();
  });

  it('a resident walks every page in English, with form errors', { timeout: 240_000 }, async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Suzanne de Vries');
    await inEnglish(page);
    const problems = await walk(page);
    // Form errors: a wrong e-mail address, an empty form step.
    await page.goto(`${stack.url}/gegevens/contact/email`);
    await page.locator('main input[type=email]').fill('geen-adres');
    await page.locator('main form button[type=submit]').last().click();
    expect(await page.locator('#error-summary').count()).toBe(1);
    problems.push(...(await dutchOn(page)));
    // An aanvraag started and its first step sent with a wrong e-mail address.
    await page.goto(`${stack.url}/aanvragen`);
    await page.locator('main a[href^="/aanvragen/"]').first().click();
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForURL(/\/aanvragen\/formulier\//);
    problems.push(...(await dutchOn(page)));
    await page.locator('main input[type=email]').first().fill('geen adres');
    await page.getByRole('button', { name: en['aanvragen.volgende'] }).click();
    expect(await page.locator('#error-summary').count()).toBe(1);
    problems.push(...(await dutchOn(page)));
    await page.goto(`${stack.url}/taken`);
    await page.locator('main table a').first().click();
    if ((await page.locator('main form button[type=submit]').count()) > 0) {
      await page.locator('main form button[type=submit]').first().click();
      problems.push(...(await dutchOn(page)));
    }
    expect(once(problems)).toEqual([]);
    await page.context().close();
  });

  it('a company walks every page in English', { timeout: 240_000 }, async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Bakkerij Van den Berg B.V.', 'eHerkenning');
    await inEnglish(page);
    expect(once(await walk(page))).toEqual([]);
    await page.context().close();
  });

  it('a staff member reads the medewerkersportaal in English: the search, its form errors and a dossier', { timeout: 240_000 }, async () => {
    const page = await newPage(browser);
    await page.goto(`${stack.url}/medewerkers`);
    await inEnglish(page, '/medewerkers');
    const problems = await dutchOn(page); // the login page
    await page.getByRole('link', { name: en['medewerkers.login'] }).click();
    await page.getByRole('button', { name: 'Inloggen als Mirjam Bakker' }).click(); // the identity simulator, in Dutch
    await page.waitForURL(`${stack.url}/medewerkers`);
    problems.push(...(await dutchOn(page)));
    // Nothing filled in: the errors.
    await page.locator('main form button[type=submit]').first().click();
    expect(await page.locator('#error-summary').count()).toBe(1);
    problems.push(...(await dutchOn(page)));
    await page.locator('main input[name=nummer]').fill('999993653');
    await page.locator('main input[name=doel]').first().check();
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForURL(/\/medewerkers\/dossier\//);
    problems.push(...(await dutchOn(page)));
    await page.screenshot({ path: 'test-results/english/medewerkers-dossier.png', fullPage: true });
    problems.push(...(await walk(page, 20, new URL(page.url()).pathname)));
    expect(once(problems)).toEqual([]);
    await page.context().close();
  });

  it('an organisation’s staff read the leveranciersportaal in English, with a form error', { timeout: 240_000 }, async () => {
    // A connected organisation that sent a bericht (whose Dutch onderwerp is data on its pages) and one that was refused.
    const key = await organisatieKey('sleutel-2027');
    await new Organisaties(stack.voordeur.database.db).save({ id: 'bsgw-voorbeeldregio', naam: 'Belastingsamenwerking Voorbeeldregio', jwks: key.jwks });
    const api = `${stack.url}/api/v1`;
    const token = (await requestToken(api, await clientAssertion(key, 'bsgw-voorbeeldregio', `${api}/token`))).body.access_token;
    const berichten = [
      {
        berichtId: 'AANSLAG-2027-1',
        ontvanger: { bsn: '999993653' },
        onderwerp: 'Aanslag 2027',
        tekst: 'Tekst.',
        publicatiedatum: new Date(Date.now() - 9 * 864e5).toISOString(),
      },
      { berichtId: 'FOUT', ontvanger: { bsn: '123456789' }, onderwerp: 'Fout', tekst: 'Tekst.' },
    ];
    const pushed = await fetch(`${api}/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ berichten }),
    });
    expect(pushed.ok).toBe(true);
    const page = await newPage(browser);
    await page.goto(`${stack.url}/leveranciers`);
    await inEnglish(page, '/leveranciers');
    const problems = await dutchOn(page); // the login page
    await page.getByRole('link', { name: en['leveranciers.login'] }).click();
    await page.getByRole('button', { name: 'Inloggen als Jan Dekker' }).click(); // the identity simulator, in Dutch
    await page.waitForURL(`${stack.url}/leveranciers`);
    problems.push(...(await walk(page, 20, '/leveranciers')));
    await page.goto(`${stack.url}/leveranciers/berichten?dagen=nul`);
    problems.push(...(await dutchOn(page)));
    await page.goto(`${stack.url}/leveranciers/sleutels`);
    await page.locator('main textarea').first().fill('not a key');
    await page.locator('main form button[type=submit]').first().click();
    expect(await page.locator('#error-summary').count()).toBe(1);
    problems.push(...(await dutchOn(page)));
    await page.screenshot({ path: 'test-results/english/leveranciers-sleutels.png', fullPage: true });
    expect(once(problems)).toEqual([]);
    await page.context().close();
  });

  it('someone acting for another chooses and walks every page in English', { timeout: 240_000 }, async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Lotte Jansen');
    await inEnglish(page, '/machtigingen');
    const problems = await dutchOn(page);
    await page.getByRole('radio', { name: /Jan Jansen/ }).check();
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForURL(/\/overzicht/);
    problems.push(...(await walk(page)));
    expect(once(problems)).toEqual([]);
    await page.context().close();
  });
});
