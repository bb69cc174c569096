import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const production = {
  OIDC_ISSUER: 'https://login.example.nl',
  OIDC_CLIENT_ID: 'voordeur',
  OIDC_CLIENT_SECRET: 'Pq7-vZ2kLm9xW4tR',
  PUBLIC_URL: 'https://mijn.example.nl',
  SESSION_SECRET: 'k3J9vQ2mXz7LpR4tW8yN1bC6dF0gH5sA',
  IDENTITY_KEY_SECRET: 'Z8xC3vB6nM1qW4eR7tY0uI2oP5aS9dFj',
};

function problems(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('accepts a complete production configuration', () => {
    const config = loadConfig(production);
    expect(config.demoMode).toBe(false);
    expect(config.session.secureCookies).toBe(true);
    expect(config.session.idleTimeoutSeconds).toBe(900);
    expect(config.session.maxAgeSeconds).toBe(43200);
    expect(config.oidc.authParams.digid).toEqual({ kc_idp_hint: 'digid' });
  });

  it('names each missing setting', () => {
    const found = problems({});
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'SESSION_SECRET', 'IDENTITY_KEY_SECRET']) {
      expect(
        found.some((p) => p.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    }
  });

  it('reads the zaaksystemen and says which part of the JSON is wrong', () => {
    const system = {
      naam: 'openzaak',
      zakenApi: 'https://oz.example.nl/zaken/api/v1',
      catalogiApi: 'https://oz.example.nl/catalogi/api/v1',
      documentenApi: 'https://oz.example.nl/documenten/api/v1',
      clientId: 'voordeur',
      secret: 's',
    };
    const config = loadConfig({ ...production, ZAAKSYSTEMEN: JSON.stringify([system]) });
    expect(config.zaken.systems).toEqual([system]);
    expect(config.zaken.documentAllowList).toEqual(['openbaar', 'beperkt_openbaar', 'zaakvertrouwelijk']);
    expect(config.zaken.ownRollen).toEqual(['initiator']);
    expect(config.zaken.maxZaakVertrouwelijkheid).toBe('vertrouwelijk');
    expect(loadConfig(production).zaken.systems).toEqual([]);
    expect(problems({ ...production, ZAAKSYSTEMEN: '[{naam:' })[0]).toMatch(/^ZAAKSYSTEMEN: must be JSON, e\.g\. \[\{"naam"/);
    expect(problems({ ...production, ZAAKSYSTEMEN: JSON.stringify([{ ...system, zakenApi: 'ftp://x' }]) })[0]).toMatch(
      /^ZAAKSYSTEMEN: 0\.zakenApi: must be an http\(s\) URL/,
    );
    expect(problems({ ...production, ZAAKSYSTEMEN: JSON.stringify([{ ...system, naam: 'Open Zaak' }]) })[0]).toMatch(
      /^ZAAKSYSTEMEN: 0\.naam: naam: lower-case/,
    );
    expect(problems({ ...production, ZAAKSYSTEMEN: JSON.stringify([system, system]) })[0]).toMatch(/^ZAAKSYSTEMEN: .*own naam/);
    expect(problems({ ...production, DOCUMENT_VERTROUWELIJKHEID_ALLOWED: 'openbaar,geheimpje' })[0]).toMatch(/^DOCUMENT_VERTROUWELIJKHEID_ALLOWED/);
  });

  it('names a wrong value and says what is expected', () => {
    expect(problems({ ...production, PORT: 'abc' })[0]).toMatch(/^PORT:/);
    expect(problems({ ...production, OIDC_ISSUER: 'http://login.example.nl' })[0]).toMatch(/^OIDC_ISSUER: must use https/);
    expect(problems({ ...production, SESSION_SECRET: 'short' })[0]).toMatch(/^SESSION_SECRET: must be at least 32/);
    expect(problems({ ...production, SESSION_IDLE_WARNING_SECONDS: '900' })[0]).toMatch(/^SESSION_IDLE_WARNING_SECONDS/);
    expect(problems({ ...production, THEME_TOKENS: '{"color": "red"}' })[0]).toMatch(/^THEME_TOKENS/);
    expect(problems({ ...production, THEME_LOGO_FILE: '/does/not/exist.svg' })[0]).toMatch(/^THEME_LOGO_FILE: file/);
    expect(problems({ ...production, OIDC_DIGID_AUTH_PARAMS: 'kc idp=x' })[0]).toMatch(/^OIDC_DIGID_AUTH_PARAMS/);
  });

  it('stops the production start with a message naming the setting, and exit code 1', () => {
    const result = spawnSync(process.execPath, ['scripts/run.mjs', 'src/server.ts'], {
      env: { PATH: process.env.PATH, PGLITE_DIR: ':memory:' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('OIDC_ISSUER: is required');
    expect(result.stderr).toContain('docs/configuration.md');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('a production configuration refuses what would make it unsafe', () => {
  const first = (environment: Record<string, string>) => problems({ ...production, ...environment });

  it('an http PUBLIC_URL, unless ALLOW_HTTP_PUBLIC_URL=true says it is meant', () => {
    expect(first({ PUBLIC_URL: 'http://mijn.example.nl' })).toEqual([expect.stringMatching(/^PUBLIC_URL: must be https.*ALLOW_HTTP_PUBLIC_URL=true/)]);
    const allowed = loadConfig({ ...production, PUBLIC_URL: 'http://mijn.example.nl', ALLOW_HTTP_PUBLIC_URL: 'true' });
    expect(allowed.session.secureCookies).toBe(false);
  });

  it('the same value for two different secrets, naming both', () => {
    expect(first({ IDENTITY_KEY_SECRET: production.SESSION_SECRET })).toEqual([
      expect.stringMatching(/^IDENTITY_KEY_SECRET: has the same value as SESSION_SECRET/),
    ]);
    expect(first({ METRICS_TOKEN: production.OIDC_CLIENT_SECRET.repeat(2), OIDC_CLIENT_SECRET: production.OIDC_CLIENT_SECRET.repeat(2) })).toEqual([
      expect.stringMatching(/^OIDC_CLIENT_SECRET: has the same value as METRICS_TOKEN/),
    ]);
    const account = { pspid: 'gemeente', shaIn: 'Ogone-pass-9f3Kx1', shaOut: 'Ogone-pass-9f3Kx1' };
    expect(first({ OGONE_URL: 'https://ogone.example.nl', OGONE_ACCOUNTS: JSON.stringify([account]) })).toEqual([
      expect.stringMatching(/^OGONE_ACCOUNTS: has the same value as OGONE_ACCOUNTS\[0\]\.shaIn/),
    ]);
  });

  it('but one ZGW client in ZAAKSYSTEMEN and NOTIFICATIES_SECRET is one credential', () => {
    const secret = 'zgw-client-secret-4d9Xq';
    const system = {
      naam: 'openzaak',
      zakenApi: 'https://oz.example.nl/zaken/api/v1',
      catalogiApi: 'https://oz.example.nl/catalogi/api/v1',
      documentenApi: 'https://oz.example.nl/documenten/api/v1',
      clientId: 'voordeur',
      secret,
    };
    expect(
      first({
        ZAAKSYSTEMEN: JSON.stringify([system]),
        NOTIFICATIES_API_URL: 'https://on.example.nl/api/v1',
        NOTIFICATIES_CLIENT_ID: 'voordeur',
        NOTIFICATIES_SECRET: secret,
        NOTIFICATIES_CALLBACK_SECRET: 'Token 7Gh2kP9qLx4VmZ8cW1nR5tY3bJ6dS0fA',
      }),
    ).toEqual([]);
  });

  it('secrets that are short or repetitive', () => {
    expect(first({ SESSION_SECRET: 'a'.repeat(40) })).toEqual([expect.stringMatching(/^SESSION_SECRET: is too easy to guess/)]);
    expect(first({ IDENTITY_KEY_SECRET: 'abcd'.repeat(10) })).toEqual([expect.stringMatching(/^IDENTITY_KEY_SECRET: is too easy to guess/)]);
    expect(first({ METRICS_TOKEN: 'metrics' })).toEqual([expect.stringMatching(/^METRICS_TOKEN: is too easy to guess/)]);
    expect(first({ NOTIFICATIES_CALLBACK_SECRET: 'Token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).toEqual([
      expect.stringMatching(/^NOTIFICATIES_CALLBACK_SECRET: is too easy to guess/),
    ]);
    expect(first({ OIDC_CLIENT_SECRET: 's3cret' })).toEqual([expect.stringMatching(/^OIDC_CLIENT_SECRET: is too easy to guess/)]);
  });

  it('DEMO_MODE=true with a real identity provider', () => {
    const demo = { OIDC_ISSUER: 'https://login.example.nl', OIDC_CLIENT_ID: 'voordeur', OIDC_CLIENT_SECRET: 'x', DEMO_MODE: 'true' };
    expect(problems(demo)).toEqual([
      expect.stringMatching(/^DEMO_MODE: must not be true with a real identity provider \(OIDC_ISSUER https:\/\/login\.example\.nl\)/),
    ]);
    expect(problems({ ...demo, OIDC_ISSUER: 'http://127.0.0.1:3001/oidc' })).toEqual([]);
    expect(problems({ ...demo, OIDC_ISSUER: 'http://localhost:3001/oidc' })).toEqual([]);
    // A demo installation on its own host, with the simulator beside it.
    expect(problems({ ...demo, OIDC_ISSUER: 'https://demo.example.nl:3001/oidc', PUBLIC_URL: 'https://demo.example.nl' })).toEqual([]);
  });

  it('limits login starts per client to 60 a minute, configurable, and not in demo mode unless set', () => {
    expect(loadConfig(production).loginRateLimitPerMinute).toBe(60);
    expect(loadConfig({ ...production, LOGIN_RATE_LIMIT_PER_MINUTE: '10' }).loginRateLimitPerMinute).toBe(10);
    const demo = { OIDC_ISSUER: 'http://127.0.0.1:3001/oidc', OIDC_CLIENT_ID: 'voordeur', OIDC_CLIENT_SECRET: 'x', DEMO_MODE: 'true' };
    expect(loadConfig(demo).loginRateLimitPerMinute).toBe(0);
  });

  it('/metrics is open in demo mode only; a token or a port of its own protects it', () => {
    expect(loadConfig(production).metrics).toEqual({ token: undefined, port: undefined, open: false });
    const token = 'mT4kP9qLx2VzR8cW1nB5tY3bJ6dS0fAh';
    expect(loadConfig({ ...production, METRICS_TOKEN: token, METRICS_PORT: '9464' }).metrics).toEqual({ token, port: 9464, open: false });
    const demo = { OIDC_ISSUER: 'http://127.0.0.1:3001/oidc', OIDC_CLIENT_ID: 'voordeur', OIDC_CLIENT_SECRET: 'x', DEMO_MODE: 'true' };
    expect(loadConfig(demo).metrics.open).toBe(true);
  });

  it('mutual TLS for the organisation API only behind a proxy that passes the certificate, with the API on', () => {
    const mtls = { ...production, ORGANISATIE_API: 'true', ORGANISATIE_API_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert' };
    expect(problems(mtls)).toEqual([expect.stringMatching(/^ORGANISATIE_API_CLIENT_CERT_HEADER: needs TRUST_PROXY=true/)]);
    expect(loadConfig({ ...mtls, TRUST_PROXY: 'true' }).organisatieApi?.clientCertHeader).toBe('x-ssl-client-cert');
    expect(problems({ ...mtls, TRUST_PROXY: 'true', ORGANISATIE_API: 'false' })).toEqual([expect.stringMatching(/needs ORGANISATIE_API=true/)]);
    expect(problems({ ...mtls, TRUST_PROXY: 'true', ORGANISATIE_API_CLIENT_CERT_HEADER: 'X SSL: cert' })).toEqual([
      expect.stringMatching(/^ORGANISATIE_API_CLIENT_CERT_HEADER: must be a header name/),
    ]);
    expect(loadConfig({ ...production, ORGANISATIE_API: 'true' }).organisatieApi?.clientCertHeader).toBeUndefined();
  });
});

describe('Mijn producten (Open Product)', () => {
  it('reads the root of Open Product with its token, and the notice period and the renewal address', () => {
    const config = loadConfig({
      ...production,
      OPEN_PRODUCT_URL: 'https://producten.example.nl/',
      OPEN_PRODUCT_TOKEN: 'b7Kq2x9LmV4pR8tZ',
      PRODUCTEN_VERLOOPT_BINNEN_DAGEN: '30',
      PRODUCTEN_VERLENGEN_URL: '/aanvragen/{producttype}?verlengen={product}',
    });
    expect(config.openProduct).toEqual({ url: 'https://producten.example.nl', token: 'b7Kq2x9LmV4pR8tZ' });
    expect(config.producten).toEqual({
      pageSize: 10,
      expiryNoticeDays: 30,
      renewUrl: '/aanvragen/{producttype}?verlengen={product}',
      noticeIntervalSeconds: 3600,
    });
    expect(loadConfig(production).producten.expiryNoticeDays).toBe(42);
    expect(loadConfig(production).openProduct).toBeUndefined();
  });

  it('refuses the URL without the token, and a renewal address that leads elsewhere unsafely or names no producttype', () => {
    expect(problems({ ...production, OPEN_PRODUCT_URL: 'https://producten.example.nl' })).toEqual([expect.stringMatching(/^OPEN_PRODUCT_TOKEN: is required/)]);
    for (const renew of [
      '//evil.example/{producttype}',
      'http://gemeente.example.nl/{producttype}',
      'javascript:alert(1)//{producttype}',
      '/aanvragen/parkeren',
    ]) {
      expect(problems({ ...production, PRODUCTEN_VERLENGEN_URL: renew }), renew).toEqual([expect.stringMatching(/^PRODUCTEN_VERLENGEN_URL: must/)]);
    }
  });
});
