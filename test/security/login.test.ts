/**
 * The login flow against the simulator over HTTP, and the ways it can be abused: a tampered,
 * foreign or replayed state, a stale session cookie, a POST without its CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formAction, HttpBrowser } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** Logs in as the test person with this BSN; returns the callback hop (before Voordeur handles it). */
async function upToCallback(browser: HttpBrowser, bsn = '999993653') {
  const loginPage = await browser.follow(`${stack.url}/inloggen/digid`);
  expect(loginPage.status).toBe(200);
  const action = formAction(loginPage.body, 'Inloggen', loginPage.url);
  const submitted = await browser.request(action, { form: { bsn } });
  let hop = submitted;
  while (hop.location && !hop.location.startsWith(`${stack.url}/auth/callback`)) hop = await browser.request(hop.location);
  if (!hop.location) throw new Error(`no callback: ${hop.status} ${hop.body.slice(0, 200)}`);
  return hop.location;
}

describe('login over HTTP', () => {
  it('ends on the overzicht with a fresh httpOnly, SameSite=Lax session cookie', async () => {
    const browser = new HttpBrowser();
    const callback = await upToCallback(browser, '999991772'); // Fatima: no machtigingen, so not asked for whom she acts
    const done = await browser.request(callback);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${stack.url}/overzicht`);
    const cookie = done.setCookies.find((c) => c.startsWith('voordeur_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const overzicht = await browser.request(`${stack.url}/overzicht`);
    expect(overzicht.status).toBe(200);
    expect(overzicht.body).toContain('Welkom, Fatima El Amrani');
  });

  it('refuses a replayed callback: the state works once', async () => {
    const browser = new HttpBrowser();
    const callback = await upToCallback(browser);
    const loginCookie = browser.cookie(stack.url, 'voordeur_login')!;
    expect((await browser.request(callback)).status).toBe(303);
    const replay = await new HttpBrowser().request(callback, { headers: { cookie: `voordeur_login=${loginCookie}` } });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('Inloggen is niet gelukt');
  });

  it('refuses a tampered state, and a callback in a browser that did not start the login', async () => {
    const browser = new HttpBrowser();
    const callback = new URL(await upToCallback(browser));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const res = await browser.request(tampered.href);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Inloggen is niet gelukt');
    expect(res.setCookies.some((c) => c.startsWith('voordeur_session='))).toBe(false);

    const other = await new HttpBrowser().request(callback.href);
    expect(other.status).toBe(400);
  });

  it('says the login was cancelled when the person cancels at the provider', async () => {
    const browser = new HttpBrowser();
    const loginPage = await browser.follow(`${stack.url}/inloggen/digid`);
    const cancel = formAction(loginPage.body, 'Annuleren en terug naar de website', loginPage.url);
    const hop = await browser.request(cancel, { form: {} });
    const end = await browser.follow(hop.location!);
    expect(end.status).toBe(400);
    expect(end.body).toContain('U heeft het inloggen afgebroken');
  });

  it('gives a new session token at every login; the old one stops working', async () => {
    const browser = new HttpBrowser();
    await browser.request(await upToCallback(browser));
    const first = browser.cookie(stack.url, 'voordeur_session')!;
    await browser.request(await upToCallback(browser, '999991772'));
    const second = browser.cookie(stack.url, 'voordeur_session')!;
    expect(second).not.toBe(first);
    const old = await new HttpBrowser().request(`${stack.url}/overzicht`, { headers: { cookie: `voordeur_session=${first}` } });
    expect(old.status).toBe(303);
    expect(old.location).toBe(`${stack.url}/uitgelogd`);
  });
});

describe('sessions and forms', () => {
  async function loggedIn() {
    const browser = new HttpBrowser();
    await browser.request(await upToCallback(browser));
    return browser;
  }

  it('an expired session leads to "U bent automatisch uitgelogd"', async () => {
    const browser = await loggedIn();
    await stack.voordeur.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 16 * 60 * 1000) })
      .execute();
    const res = await browser.request(`${stack.url}/overzicht`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${stack.url}/uitgelogd?reden=verlopen`);
    const page = await browser.request(res.location!);
    expect(page.body).toContain('U bent automatisch uitgelogd');
    expect(browser.cookie(stack.url, 'voordeur_session')).toBeUndefined();
  });

  it('a POST without the CSRF token is refused with a Dutch page, and does not log out', async () => {
    const browser = await loggedIn();
    const res = await browser.request(`${stack.url}/uitloggen`, { form: {} });
    expect(res.status).toBe(403);
    expect(res.body).toContain('Het formulier kon niet worden verwerkt');
    const wrong = await browser.request(`${stack.url}/uitloggen`, { form: { _csrf: 'not-the-token' } });
    expect(wrong.status).toBe(403);
    expect((await browser.request(`${stack.url}/overzicht`)).status).toBe(200);
  });

  it('Uitloggen with the token ends the session and goes to the provider to log out there', async () => {
    const browser = await loggedIn();
    const page = await browser.request(`${stack.url}/overzicht`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await browser.request(`${stack.url}/uitloggen`, { form: { _csrf: token } });
    expect(res.status).toBe(303);
    expect(res.location!.startsWith(stack.issuer)).toBe(true);
    expect(new URL(res.location!).searchParams.get('post_logout_redirect_uri')).toBe(`${stack.url}/uitgelogd`);
    expect((await browser.request(`${stack.url}/overzicht`)).location).toBe(`${stack.url}/?terug=%2Foverzicht`);
  });
});
