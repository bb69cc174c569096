/**
 * Return addresses taken from a parameter (`?terug=` on the start page, the login and the
 * language switch): only a path on this site, and a bad value never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeReturnPath } from '../../src/platform/auth/return-path.ts';
import { type TestApp, testApp } from '../support/app.ts';
import { formAction, HttpBrowser } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const accepted = [
  '/',
  '/overzicht',
  '/zaken?zoek=bouw&pagina=2',
  '/zaken/demo/a0000000-0000-4000-8000-000000000101',
  '/berichten?zoek=caf%C3%A9',
  '/zaken#lijst',
  '/x?a=100%25',
];

const refused = [
  '',
  'overzicht',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/a\nb',
  '/a\r\nSet-Cookie: x=y',
  '/a b',
  '/a\u0000',
  '/a\u007f',
  '/é',
  '/€',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%252F/evil.example',
  '/%0A',
  '/%0d%0aSet-Cookie:%20x=y',
  '/%09/evil.example',
  '/%E0%A4%A',
  'http://evil.example/',
  'https:evil.example',
  'javascript:alert(1)',
  '/'.padEnd(600, 'a'),
];

describe('safeReturnPath', () => {
  it.each(accepted)('accepts the same-site path %j', (value) => {
    expect(safeReturnPath(value)).toBe(value);
  });

  it.each(refused)('refuses %j', (value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });

  it('refuses what is not one string', () => {
    for (const value of [undefined, null, 1, ['/a', '/b'], { toString: () => '/a' }]) expect(safeReturnPath(value)).toBeUndefined();
  });
});

describe('return addresses over HTTP', () => {
  let voordeur: TestApp;
  beforeAll(async () => {
    voordeur = await testApp();
  });
  afterAll(() => voordeur.close());

  const bad = [
    '/a%0Ab',
    '/a%0D%0ASet-Cookie:%20x=y',
    '/%C3%A9',
    '/%E2%82%AC',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%2F%2Fevil.example',
    '/%09/evil.example',
    '%FF',
    '%2F%2Fevil.example&terug=/b',
  ];

  it.each(bad)('the language switch with terug=%s goes to the start page, never elsewhere and never a 500', async (terug) => {
    const response = await voordeur.app.inject({ url: `/taal/en?terug=${terug}` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('the language switch goes back to a same-site page, the first of two', async () => {
    const response = await voordeur.app.inject({ url: `/taal/en?terug=${encodeURIComponent('/zaken?zoek=a')}&terug=/b` });
    expect(response.headers.location).toBe('/zaken?zoek=a');
  });

  it.each(bad)('the start page with terug=%s shows the login links without it', async (terug) => {
    const response = await voordeur.app.inject({ url: `/?terug=${terug}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('href="/inloggen/digid"');
  });

  it('a login link keeps a good return address', async () => {
    const response = await voordeur.app.inject({ url: `/?terug=${encodeURIComponent('/zaken?zoek=a')}` });
    expect(response.body).toContain(`href="/inloggen/digid?terug=${encodeURIComponent('/zaken?zoek=a').replace(/&/g, '&amp;')}"`);
  });
});

describe('the return address through a whole login', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(() => stack?.close());

  async function loginWith(terug: string): Promise<string | undefined> {
    const browser = new HttpBrowser();
    const page = await browser.follow(`${stack.url}/inloggen/digid?terug=${terug}`);
    // Fatima: no machtigingen, so she is not asked for whom she acts first (test/security/machtigingen-switch.test.ts).
    let hop = await browser.request(formAction(page.body, 'Inloggen', page.url), { form: { bsn: '999991772' } });
    while (hop.location && !hop.location.startsWith(`${stack.url}/auth/callback`)) hop = await browser.request(hop.location);
    const done = await browser.request(hop.location!);
    expect(done.status).toBe(303);
    return done.location;
  }

  it('ends on the page asked for when it is a path on this site', async () => {
    expect(await loginWith(encodeURIComponent('/zaken?zoek=a'))).toBe(`${stack.url}/zaken?zoek=a`);
  });

  it.each(['%2F%2Fevil.example', '%2F%5Cevil.example', '%2F%252F%252Fevil.example', '%2Fa%0D%0ASet-Cookie%3A%20x%3Dy', 'https%3A%2F%2Fevil.example'])(
    'ends on the overzicht when terug=%s',
    async (terug) => {
      expect(await loginWith(terug)).toBe(`${stack.url}/overzicht`);
    },
  );
});
