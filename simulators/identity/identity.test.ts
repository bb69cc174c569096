import { createServer } from 'node:net';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCompanies, testMachtigingen, testPersons } from '../data/test-identities.ts';
import { registerIdentitySimulator } from './index.ts';

const clientId = 'voordeur-test';
const clientSecret = 'voordeur-test-secret';
const redirectUri = 'http://localhost:3000/auth/callback';
const postLogoutRedirectUri = 'http://localhost:3000/uitgelogd';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Page {
  status: number;
  url: string;
  html: string;
  location?: string;
}

/** A browser without JavaScript: keeps cookies (by path), follows redirects until it would leave the simulator. */
class Browser {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  constructor(private readonly origin: string) {}

  private cookieHeader(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='))?.slice(8);
      const key = `${name};${path}`;
      if (value === '' || (expires && Date.parse(expires) < Date.now())) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  /** One request, no redirects followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const target = new URL(url, this.origin);
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.store(response);
    const location = response.headers.get('location') ?? undefined;
    return { status: response.status, url: target.href, html: await response.text(), ...(location ? { location: new URL(location, target).href } : {}) };
  }

  /** Requests and follows redirects while they stay on the simulator. */
  async go(url: string, init: { form?: Record<string, string> } = {}): Promise<Page> {
    let page = await this.request(url, init);
    while (page.location?.startsWith(this.origin)) page = await this.request(page.location);
    return page;
  }
}

/** The action of the form whose HTML contains `marker` (a button text or a hidden value). */
function formAction(html: string, marker: string): string {
  const forms = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(marker));
  const action = form?.match(/action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`no form with ${marker}`);
  return action.replace(/&amp;/g, '&');
}

describe('DigiD/eHerkenning simulator', () => {
  let app: FastifyInstance;
  let origin: string;
  let issuer: string;
  let config: client.Configuration;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    issuer = `${origin}/oidc`;
    app = Fastify({ logger: false });
    await registerIdentitySimulator(app, {
      issuer,
      clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], post_logout_redirect_uris: [postLogoutRedirectUri] }],
    });
    await app.listen({ host: '127.0.0.1', port });
    config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Starts an authorization request in `browser` and returns the login page and a way to redeem the code. */
  async function startLogin(browser: Browser, extra: Record<string, string> = {}) {
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    const page = await browser.go(url.href);
    const redeem = async (callback: string) => {
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      return { idToken: tokens.id_token!, claims: tokens.claims()! };
    };
    return { page, redeem, state };
  }

  it('publishes discovery with the issuer, code flow, PKCE S256 and the end-session endpoint', () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.end_session_endpoint).toBe(`${issuer}/session/end`);
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['sub', 'bsn', 'name', 'gemachtigde_bsn', 'kvk', 'vestiging']));
  });

  it('logs in a test person with DigiD: the ID token has the BSN, the name and an opaque sub', async () => {
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="nl">');
    expect(page.html).toMatch(/<h1 class="utrecht-heading-1">Inloggen met DigiD \(simulator\)<\/h1>/);
    expect(page.html).toContain('testomgeving');
    for (const person of testPersons) expect(page.html).toContain(person.bsn);

    const callback = await browser.go(formAction(page.html, 'value="999993653"'), { form: { bsn: '999993653' } });
    expect(callback.status).toBe(303);
    expect(callback.location).toMatch(new RegExp(`^${redirectUri}\\?code=`));
    const { claims } = await redeem(callback.location!);
    expect(claims.bsn).toBe('999993653');
    expect(claims.name).toBe('Suzanne de Vries');
    expect(claims.sub).toMatch(/^[\w-]{20,}$/);
    expect(claims.sub).not.toContain('999993653');
    expect(claims.gemachtigde_bsn).toBeUndefined();
    expect(claims.kvk).toBeUndefined();
  });

  it('gives the same login the same sub every time', async () => {
    const subs = [];
    for (let i = 0; i < 2; i++) {
      const browser = new Browser(origin);
      const { page, redeem } = await startLogin(browser);
      const callback = await browser.go(formAction(page.html, 'value="999991772"'), { form: { bsn: '999991772' } });
      subs.push((await redeem(callback.location!)).claims.sub);
    }
    expect(subs[0]).toBe(subs[1]);
  });

  it('accepts any typed BSN that passes the elfproef (no name when the person is unknown)', async () => {
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser, { kc_idp_hint: 'digid' });
    const callback = await browser.go(formAction(page.html, 'Burgerservicenummer (BSN)'), { form: { bsn: ' 9999 00006 ' } });
    const { claims } = await redeem(callback.location!);
    expect(claims.bsn).toBe('999900006');
    expect(claims.name).toBeUndefined();
  });

  it('shows the page again with the error and the typed value for an invalid BSN, and does not redirect', async () => {
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser);
    const action = formAction(page.html, 'Burgerservicenummer (BSN)');
    const error = await browser.go(action, { form: { bsn: '123456789' } });
    expect(error.status).toBe(400);
    expect(error.location).toBeUndefined();
    expect(error.html).toContain('role="alert"');
    expect(error.html).toContain('Er is iets misgegaan');
    expect(error.html).toContain('href="#bsn"');
    expect(error.html).toContain('Dit is geen geldig BSN. Een BSN heeft 9 cijfers en moet kloppen volgens de elfproef.');
    expect(error.html).toMatch(/<input[^>]*id="bsn"[^>]*value="123456789"[^>]*aria-invalid="true"[^>]*aria-describedby="bsn-description bsn-error"/);
    expect(error.html).toContain('<title>Fout: Inloggen met DigiD (simulator)');

    const empty = await browser.go(action, { form: { bsn: '' } });
    expect(empty.html).toContain('Vul een BSN in.');

    const escaped = await browser.go(action, { form: { bsn: '"><script>alert(1)</script>' } });
    expect(escaped.html).not.toContain('<script>alert(1)</script>');
    expect(escaped.html).toContain('&quot;>&lt;script>');

    // The same login attempt still works after the errors.
    const callback = await browser.go(action, { form: { bsn: '999992570' } });
    expect((await redeem(callback.location!)).claims.bsn).toBe('999992570');
  });

  it('logs in a gemachtigde (DigiD Machtigen): bsn is the person acted for, gemachtigde_bsn who logged in', async () => {
    const machtiging = testMachtigingen[0]!;
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser);
    expect(page.html).toContain('Inloggen als gemachtigde (DigiD Machtigen)');
    const callback = await browser.go(formAction(page.html, `name="vertegenwoordigde_bsn" value="${machtiging.vertegenwoordigde}"`), {
      form: { gemachtigde_bsn: machtiging.gemachtigde, vertegenwoordigde_bsn: machtiging.vertegenwoordigde },
    });
    const { claims } = await redeem(callback.location!);
    expect(claims).toMatchObject({ bsn: '999990019', name: 'Jan Jansen', gemachtigde_bsn: '999990482', gemachtigde_name: 'Lotte Jansen' });
  });

  it('validates typed BSNs of a machtiging: both must pass the elfproef and they must differ', async () => {
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser);
    const action = formAction(page.html, 'Uw eigen BSN');
    const invalid = await browser.go(action, { form: { gemachtigde_bsn: '999990481', vertegenwoordigde_bsn: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('href="#gemachtigde-bsn"');
    expect(invalid.html).toContain('href="#vertegenwoordigde-bsn"');
    expect(invalid.html).toMatch(/id="gemachtigde-bsn"[^>]*value="999990481"/);
    const same = await browser.go(action, { form: { gemachtigde_bsn: '999990482', vertegenwoordigde_bsn: '999990482' } });
    expect(same.status).toBe(400);
    expect(same.html).toContain('U kunt niet gemachtigd zijn voor uzelf.');
    const ok = await browser.go(action, { form: { gemachtigde_bsn: '999900018', vertegenwoordigde_bsn: '999993653' } });
    const { claims } = await redeem(ok.location!);
    expect(claims).toMatchObject({ bsn: '999993653', name: 'Suzanne de Vries', gemachtigde_bsn: '999900018' });
    expect(claims.gemachtigde_name).toBeUndefined();
  });

  it('logs in a company with eHerkenning, for a vestiging', async () => {
    const company = testCompanies.find((c) => c.vestigingen.length > 1)!;
    const vestiging = company.vestigingen[1]!;
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser, { kc_idp_hint: 'eherkenning' });
    expect(page.html).toMatch(/<h1 class="utrecht-heading-1">Inloggen met eHerkenning \(simulator\)<\/h1>/);
    const callback = await browser.go(formAction(page.html, `value="${vestiging.vestigingsnummer}"`), {
      form: { kvk: company.kvkNummer, vestiging: vestiging.vestigingsnummer },
    });
    const { claims } = await redeem(callback.location!);
    expect(claims).toMatchObject({ kvk: company.kvkNummer, vestiging: vestiging.vestigingsnummer, name: company.naam });
    expect(claims.bsn).toBeUndefined();
  });

  it('accepts a typed KvK number without vestiging, and refuses an invalid one in Dutch', async () => {
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser, { kc_idp_hint: 'eherkenning' });
    const action = formAction(page.html, 'Vestigingsnummer (niet verplicht)');
    const error = await browser.go(action, { form: { kvk: '1234', vestiging: '12' } });
    expect(error.status).toBe(400);
    expect(error.html).toContain('Dit is geen geldig KvK-nummer. Een KvK-nummer heeft 8 cijfers.');
    expect(error.html).toContain('Een vestigingsnummer heeft 12 cijfers.');
    expect(error.html).toMatch(/id="kvk"[^>]*value="1234"/);
    const callback = await browser.go(action, { form: { kvk: '12345678', vestiging: '' } });
    const { claims } = await redeem(callback.location!);
    expect(claims.kvk).toBe('12345678');
    expect(claims.vestiging).toBeUndefined();
    expect(claims.name).toBeUndefined();
  });

  it('asks again on the next login in the same browser, also for someone else (no single sign-on)', async () => {
    const browser = new Browser(origin);
    const first = await startLogin(browser);
    const firstCallback = await browser.go(formAction(first.page.html, 'value="999993653"'), { form: { bsn: '999993653' } });
    expect((await first.redeem(firstCallback.location!)).claims.bsn).toBe('999993653');

    const second = await startLogin(browser, { kc_idp_hint: 'eherkenning' });
    expect(second.page.status).toBe(200);
    expect(second.page.html).toContain('Inloggen met eHerkenning (simulator)');
    const secondCallback = await browser.go(formAction(second.page.html, 'value="68750110"'), { form: { kvk: '68750110' } });
    expect(secondCallback.location).toMatch(new RegExp(`^${redirectUri}\\?code=`));
    const { claims } = await second.redeem(secondCallback.location!);
    expect(claims.kvk).toBe('68750110');
    expect(claims.bsn).toBeUndefined();
  });

  it('sends access_denied back to the client when the person cancels', async () => {
    const browser = new Browser(origin);
    const { page, state } = await startLogin(browser);
    const callback = await browser.go(formAction(page.html, 'Annuleren'), { form: {} });
    const url = new URL(callback.location!);
    expect(url.origin + url.pathname).toBe(redirectUri);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe(state);
  });

  it('ends the session at the end-session endpoint and returns to the post-logout URI', async () => {
    const browser = new Browser(origin);
    const { page, redeem } = await startLogin(browser);
    const callback = await browser.go(formAction(page.html, 'value="999995571"'), { form: { bsn: '999995571' } });
    const { idToken } = await redeem(callback.location!);

    const endSession = client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri, state: 'terug' });
    const confirm = await browser.go(endSession.href);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('<html lang="nl">');
    expect(confirm.html).toContain('U wordt uitgelogd bij de simulator');
    expect(confirm.html).toMatch(/<button[^>]*name="logout"[^>]*value="yes"[^>]*form="op.logoutForm"[^>]*>Uitloggen<\/button>/);
    const xsrf = confirm.html.match(/name="xsrf" value="([^"]+)"/)?.[1];
    expect(xsrf).toBeTruthy();

    const done = await browser.go(formAction(confirm.html, 'name="xsrf"'), { form: { xsrf: xsrf!, logout: 'yes' } });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${postLogoutRedirectUri}?state=terug`);

    // The session is gone: the next login shows the login page.
    const again = await startLogin(browser);
    expect(again.page.html).toContain('Inloggen met DigiD (simulator)');
  });

  it('shows the provider errors as a Dutch page without technical internals', async () => {
    const browser = new Browser(origin);
    const url = new URL(config.serverMetadata().authorization_endpoint!);
    url.search = new URLSearchParams({ client_id: clientId, redirect_uri: 'http://evil.example/cb', response_type: 'code', scope: 'openid' }).toString();
    const page = await browser.go(url.href);
    expect(page.status).toBe(400);
    expect(page.html).toContain('<html lang="nl">');
    expect(page.html).toContain('Er is iets misgegaan');
    expect(page.html).not.toMatch(/at \w+ \(/);

    const expired = await browser.go(`${issuer}/interaction/onbekend`);
    expect(expired.status).toBe(400);
    expect(expired.html).toContain('Uw inlogpoging is verlopen');
  });

  it('requires PKCE', async () => {
    const url = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 'x' });
    const page = await new Browser(origin).request(url.href);
    expect(page.location).toContain('error=invalid_request');
  });

  it('serves the NL Design System CSS for its pages', async () => {
    for (const file of ['nlds/design-tokens.css', 'nlds/components.css', 'simulator.css']) {
      const response = await fetch(`${issuer}/static/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/css');
    }
    const tokens = await (await fetch(`${issuer}/static/nlds/design-tokens.css`)).text();
    expect(tokens).toContain('.utrecht-theme');
  });
});
