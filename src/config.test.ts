import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const production = {
  OIDC_ISSUER: 'https://login.example.nl',
  OIDC_CLIENT_ID: 'voordeur',
  OIDC_CLIENT_SECRET: 's3cret',
  PUBLIC_URL: 'https://mijn.example.nl',
  SESSION_SECRET: 'x'.repeat(40),
  IDENTITY_KEY_SECRET: 'y'.repeat(40),
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
    expect(config.zaken.documentAllowList).toEqual(['openbaar', 'beperkt_openbaar']);
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
