import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('start page', () => {
  it('explains the portal in Dutch and offers DigiD and eHerkenning', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="nl"');
    expect(res.body).toContain('Inloggen met DigiD');
    expect(res.body).toContain('Inloggen met eHerkenning');
    expect(res.body).toContain('href="/inloggen/digid"');
    expect(res.body).toContain('Demo-omgeving');
  });

  it('is in English after the language switch, which returns to the same page', async () => {
    const res = await t.app.inject({ url: '/taal/en?terug=%2F%3Fx%3D1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/?x=1');
    const cookie = res.cookies.find((c) => c.name === 'voordeur_lang');
    expect(cookie?.value).toBe('en');
    const page = await t.app.inject({ url: '/', cookies: { voordeur_lang: 'en' } });
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Log in with DigiD');
  });

  it('never sends the language switch to another site', async () => {
    for (const terug of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const res = await t.app.inject({ url: `/taal/nl?terug=${encodeURIComponent(terug)}` });
      expect(res.headers.location).toBe('/');
    }
  });
});

describe('security headers', () => {
  it('sends a nonce-based CSP without unsafe-inline, and forbids framing', async () => {
    const res = await t.app.inject({ url: '/' });
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const again = await t.app.inject({ url: '/' });
    expect(again.headers['content-security-policy']).not.toBe(csp);
  });

  it('sends HSTS and secure cookies only over https', async () => {
    expect((await t.app.inject({ url: '/' })).headers['strict-transport-security']).toBeUndefined();
    const https = await testAppWith({ PUBLIC_URL: 'https://mijn.example.nl' });
    try {
      const res = await https.app.inject({ url: '/taal/en' });
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(String(res.headers['set-cookie'])).toContain('Secure');
    } finally {
      await https.close();
    }
  });
});

async function testAppWith(environment: Record<string, string>) {
  const { testApp } = await import('../support/app.ts');
  return testApp(environment);
}

describe('error pages', () => {
  it('answers an unknown page with a Dutch 404 in the page shell', async () => {
    const res = await t.app.inject({ url: '/bestaat-niet' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Pagina niet gevonden');
    expect(res.body).toContain('Ga direct naar de inhoud');
  });

  it('answers an unknown login method with 404', async () => {
    expect((await t.app.inject({ url: '/inloggen/facebook' })).statusCode).toBe(404);
  });

  it('refuses a POST without a CSRF token with a clear 403 page', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/sessie/verlengen', payload: {} });
    // No session at all: the person is sent to log in; with no token it is refused.
    expect([303, 403]).toContain(res.statusCode);
  });
});

describe('pages that need a login', () => {
  it('send a person without a session to the start page, remembering where they were going', async () => {
    const res = await t.app.inject({ url: '/overzicht' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/?terug=%2Foverzicht');
    const start = await t.app.inject({ url: res.headers.location as string });
    expect(start.body).toContain('href="/inloggen/digid?terug=%2Foverzicht"');
  });

  it('send a person whose session cookie is unknown to the "U bent uitgelogd" page', async () => {
    const res = await t.app.inject({ url: '/overzicht', cookies: { voordeur_session: 'made-up' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/uitgelogd');
  });
});

describe('health and metrics', () => {
  it('reports live and ready (database checked)', async () => {
    expect((await t.app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.database).toBe('ok');
  });

  it('exposes Prometheus metrics with request durations per route', async () => {
    await t.app.inject({ url: '/' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.body).toMatch(/voordeur_http_request_duration_seconds_count\{method="GET",route="\/",status_code="200"\} \d+/);
  });
});

describe('login provider unreachable', () => {
  it('shows "Inloggen kan nu niet" with 503, not a crash', async () => {
    const res = await t.app.inject({ url: '/inloggen/digid' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Inloggen kan nu niet');
  });
});

describe('server errors', () => {
  it('show a plain Dutch 500 page in the shell with a reference, never the stack or the message', async () => {
    const fresh = await testAppWith({});
    try {
      fresh.app.get('/kapot', async () => {
        throw new Error('database password rejected for user voordeur at /srv/app/secret.ts:12');
      });
      const res = await fresh.app.inject({ url: '/kapot' });
      expect(res.statusCode).toBe(500);
      expect(res.body).toContain('Er is iets misgegaan');
      expect(res.body).toContain('Ga direct naar de inhoud');
      expect(res.body).not.toContain('password');
      expect(res.body).not.toContain('secret.ts');
      const reference = /Noem dan deze code: ([^.<]+)\./.exec(res.body)?.[1];
      expect(reference).toBeTruthy();
      // The same code is in the log line, so support can find what happened.
      expect(fresh.logs.some((line) => line.includes(`"reqId":"${reference}"`) && line.includes('request failed'))).toBe(true);
      const json = await fresh.app.inject({ url: '/kapot', headers: { accept: 'application/json' } });
      expect(json.json()).toEqual({ error: 'server_error', message: 'Internal error' });
    } finally {
      await fresh.close();
    }
  });
});
