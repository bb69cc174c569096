/**
 * The footer and the public help pages (issue 17 §3): contact, privacy statement, cookie statement
 * and toegankelijkheidsverklaring, generated from configuration, in Dutch and English, without login.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { baseEnvironment, testApp, type TestApp } from '../support/app.ts';

const pages = ['/contact', '/privacy', '/cookies', '/toegankelijkheid'];
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'");
const footerOf = (html: string) => /<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';

describe('footer and help pages with the defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('every page, public ones and the 404 included, has the footer with the phone number, the four pages and the website', async () => {
    for (const url of ['/', '/bestaat-niet', ...pages]) {
      const footer = footerOf((await t.app.inject({ url })).body);
      expect(footer, url).toContain('href="tel:14020"');
      expect(text(footer), url).toContain('Bel 14 020');
      for (const page of pages) expect(footer, url).toContain(`href="${page}"`);
      expect(footer, url).toContain('href="https://example.org/"'); // the demo's default website
      expect(text(footer), url).toContain('Website van Gemeente Voorbeeldstad');
    }
  });

  it('serves the four pages without login, each with its title', async () => {
    const titles = {
      '/contact': 'Contact',
      '/privacy': 'Privacyverklaring',
      '/cookies': 'Cookieverklaring',
      '/toegankelijkheid': 'Toegankelijkheidsverklaring',
    };
    for (const [url, title] of Object.entries(titles)) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain(`<title>${title} - Mijn Omgeving - Gemeente Voorbeeldstad</title>`);
      expect(res.body).toMatch(new RegExp(`<h1 class="utrecht-heading-1">${title}</h1>`));
    }
  });

  it('contact: the default phone hours in Dutch time notation', async () => {
    const page = text((await t.app.inject({ url: '/contact' })).body);
    expect(page).toContain('Bel 14 020.');
    expect(page).toContain('Maandag tot en met vrijdag: 08.30 tot 17.00 uur');
    expect(page).not.toContain('E-mail'); // no address configured: no e-mail block
  });

  it('the cookie statement names only functional cookies, says there is no tracking, and lists the cookies Voordeur really sets', async () => {
    const page = text((await t.app.inject({ url: '/cookies' })).body);
    expect(page).toContain('alleen functionele cookies');
    expect(page).toContain('geen cookies om u te volgen');
    for (const name of ['voordeur_session', 'voordeur_login', 'voordeur_lang', 'voordeur_bewaard']) expect(page).toContain(name);
    // The language cookie as the language switch sets it: one year.
    const set = (await t.app.inject({ url: '/taal/en' })).cookies.find((c) => c.name === 'voordeur_lang');
    expect(set?.maxAge).toBe(365 * 24 * 3600);
    expect(page).toMatch(/voordeur_langWaarvoor: Onthoudt welke taal u kiest\.Hoe lang: 1 jaar/);
    expect(page).toContain('Na 15 minuten zonder iets te doen'); // SESSION_IDLE_TIMEOUT_SECONDS
  });

  it('the toegankelijkheidsverklaring has the register status C and no date by default', async () => {
    const page = text((await t.app.inject({ url: '/toegankelijkheid' })).body);
    expect(page).toContain('StatusEerste maatregelen genomen');
    expect(page).toContain('Datum van deze verklaringNog niet vastgesteld');
    expect(page).toContain('Nationale ombudsman');
  });
});

describe('footer and help pages from configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({
      THEME_ORGANISATION_NAME: 'Gemeente Zuiderhaven',
      PUBLIC_URL: 'https://mijn.zuiderhaven.example',
      ORGANISATION_WEBSITE_URL: 'https://www.zuiderhaven.example/',
      CONTACT_PHONE: '0800 123 45 67',
      CONTACT_PHONE_HOURS: 'mo-th 09:00-17:00; fr 09:00-12:30',
      CONTACT_EMAIL: 'info@zuiderhaven.example',
      CONTACT_FORM_URL: 'https://www.zuiderhaven.example/contactformulier',
      CONTACT_ADDRESS: 'Havenplein 1, 9999 ZZ Zuiderhaven',
      CONTACT_ADDRESS_HOURS: 'we 13:00-20:00',
      PRIVACY_STATEMENT_URL: 'https://www.zuiderhaven.example/privacy',
      PRIVACY_OFFICER_EMAIL: 'fg@zuiderhaven.example',
      ACCESSIBILITY_STATUS: 'B',
      ACCESSIBILITY_STATEMENT_DATE: '2026-11-02',
      ACCESSIBILITY_REPORT_URL: 'https://www.zuiderhaven.example/rapport.pdf',
      ACCESSIBILITY_REGISTER_URL: 'https://www.toegankelijkheidsverklaring.nl/register/12345',
    });
  });
  afterAll(() => t.close());

  const get = async (url: string, lang: 'nl' | 'en') => (await t.app.inject({ url, cookies: { voordeur_lang: lang } })).body;

  it('footer: the configured phone number and website, in Dutch and in English', async () => {
    const nl = footerOf(await get('/', 'nl'));
    expect(nl).toContain('href="tel:08001234567"');
    expect(text(nl)).toContain('Bel 0800 123 45 67');
    expect(nl).toContain('href="https://www.zuiderhaven.example/"');
    expect(text(nl)).toContain('Website van Gemeente Zuiderhaven');
    const en = text(footerOf(await get('/', 'en')));
    for (const label of [
      'Call 0800 123 45 67',
      'Contact',
      'Privacy statement',
      'Cookie statement',
      'Accessibility statement',
      'Website of Gemeente Zuiderhaven',
    ]) {
      expect(en).toContain(label);
    }
    for (const dutch of ['Privacyverklaring', 'Cookieverklaring', 'Toegankelijkheidsverklaring', 'Bel ']) expect(en).not.toContain(dutch);
  });

  it('contact: every channel with its opening hours, in Dutch and in English', async () => {
    const nl = await get('/contact', 'nl');
    expect(nl).toContain('href="mailto:info@zuiderhaven.example"');
    expect(nl).toContain('href="https://www.zuiderhaven.example/contactformulier"');
    const nlText = text(nl);
    expect(nlText).toContain('Maandag tot en met donderdag: 09.00 tot 17.00 uur');
    expect(nlText).toContain('Vrijdag: 09.00 tot 12.30 uur');
    expect(nlText).toContain('Havenplein 1, 9999 ZZ Zuiderhaven');
    expect(nlText).toContain('Woensdag: 13.00 tot 20.00 uur');
    const en = text(await get('/contact', 'en'));
    expect(en).toContain('Please contact Gemeente Zuiderhaven.');
    expect(en).toContain('Monday to Thursday: 09:00 to 17:00');
    expect(en).toContain('Friday: 09:00 to 12:30');
    expect(en).toContain('Send an e-mail to info@zuiderhaven.example.');
  });

  it('privacy: the data protection officer and the full statement', async () => {
    const nl = await get('/privacy', 'nl');
    expect(nl).toContain('href="mailto:fg@zuiderhaven.example"');
    expect(nl).toContain('href="https://www.zuiderhaven.example/privacy"');
    expect(text(nl)).toContain('Gemeente Zuiderhaven is verantwoordelijk voor uw gegevens in Mijn Omgeving.');
    const en = text(await get('/privacy', 'en'));
    expect(en).toContain('Gemeente Zuiderhaven is responsible for your data in Mijn Omgeving.');
    expect(en).toContain('Read the full privacy statement of Gemeente Zuiderhaven');
  });

  it('cookies: the session cookie by its https name', async () => {
    expect(text(await get('/cookies', 'nl'))).toContain('__Host-voordeur_session');
  });

  it('toegankelijkheidsverklaring: organisation, website, status, date, report and register link, in Dutch and in English', async () => {
    const nl = await get('/toegankelijkheid', 'nl');
    const nlText = text(nl);
    expect(nlText).toContain('OrganisatieGemeente Zuiderhaven');
    expect(nlText).toContain('WebsiteMijn Omgeving (https://mijn.zuiderhaven.example/)');
    expect(nlText).toContain('StatusVoldoet gedeeltelijk');
    expect(nl).toContain('<time dateTime="2026-11-02">2 november 2026</time>'.replace('dateTime', 'datetime'));
    expect(nl).toContain('href="https://www.zuiderhaven.example/rapport.pdf"');
    expect(nl).toContain('href="https://www.toegankelijkheidsverklaring.nl/register/12345"');
    expect(nl).toContain('href="mailto:info@zuiderhaven.example"'); // feedback
    const en = text(await get('/toegankelijkheid', 'en'));
    expect(en).toContain('StatusPartially compliant');
    expect(en).toContain('Date of this statement2 November 2026');
  });
});

describe('help settings that are not right', () => {
  const load = (env: Record<string, string>) => () => loadConfig({ ...baseEnvironment, ...env });
  it('refuses opening hours it cannot read, and says how to write them', () => {
    expect(load({ CONTACT_PHONE_HOURS: 'ma-vr 8-17' })).toThrow(ConfigError);
    expect(load({ CONTACT_PHONE_HOURS: 'ma-vr 8-17' })).toThrow(/CONTACT_PHONE_HOURS: "ma-vr 8-17" is not like mo-fr 08:30-17:00/);
    expect(load({ CONTACT_ADDRESS_HOURS: 'mo 08:30-17:00; zo 10:00-12:00' })).toThrow(/CONTACT_ADDRESS_HOURS/);
  });
  it('refuses an unknown accessibility status, a date that is not YYYY-MM-DD and a phone number with letters', () => {
    expect(load({ ACCESSIBILITY_STATUS: 'F' })).toThrow(/ACCESSIBILITY_STATUS: must be A, B, C, D or E/);
    expect(load({ ACCESSIBILITY_STATEMENT_DATE: '2-11-2026' })).toThrow(/ACCESSIBILITY_STATEMENT_DATE: must be a date as YYYY-MM-DD/);
    expect(load({ CONTACT_PHONE: 'bel ons' })).toThrow(/CONTACT_PHONE/);
  });
  it('leaves the website link out outside demo mode when it is not set', () => {
    const config = loadConfig({
      ...baseEnvironment,
      DEMO_MODE: 'false',
      PUBLIC_URL: 'https://mijn.example.nl',
      OIDC_ISSUER: 'https://login.example.nl/oidc',
      SESSION_SECRET: 'k3J9x!pQ2m#Lr8vT5wZ1yB7nC4dF6hG0',
      IDENTITY_KEY_SECRET: 'Zq8#Wm2vR5tY1pL7kN4xC9bH3jF6dS0a',
    });
    expect(config.help.websiteUrl).toBeUndefined();
  });
});

describe('the example theme in docs/themes', () => {
  it('is configuration Voordeur accepts, with its own name, logo, colours and contact details', () => {
    const file = readFileSync(new URL('../../docs/themes/zuiderhaven/zuiderhaven.env', import.meta.url), 'utf8');
    const env = Object.fromEntries([...file.matchAll(/^([A-Z_]+)='(.*)'$/gm)].map((m) => [m[1]!, m[2]!]));
    const config = loadConfig({ ...baseEnvironment, ...env });
    expect(config.theme.organisationName).toBe('Gemeente Zuiderhaven');
    expect(config.theme.logoFile).toBe('docs/themes/zuiderhaven/logo.svg');
    expect(readFileSync(config.theme.logoFile!, 'utf8')).toContain('<svg');
    expect(config.theme.tokens['--utrecht-color-blue-35']).toBe('hsl(150 55% 26%)');
    expect(config.help.contact.phoneHours).toEqual([
      { from: 'mo', to: 'th', opens: '08:30', closes: '17:00' },
      { from: 'fr', to: undefined, opens: '08:30', closes: '12:30' },
    ]);
  });
});
