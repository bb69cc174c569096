/** /inloggen/* is limited per client: a script cannot start thousands of logins (each a database row and a call to the provider). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app.ts';

let voordeur: TestApp;
beforeAll(async () => {
  voordeur = await testApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '30' });
});
afterAll(() => voordeur.close());

const start = (remoteAddress: string, lang?: string) =>
  voordeur.app.inject({ url: '/inloggen/digid', remoteAddress, headers: lang ? { 'accept-language': lang } : {} });

describe('starting logins', () => {
  it('is refused with a Dutch page and Retry-After after 30 starts a minute from one client; other clients go on', async () => {
    for (let i = 0; i < 30; i++) expect((await start('203.0.113.7')).statusCode).not.toBe(429);
    const refused = await start('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('Te vaak geprobeerd in te loggen');
    expect(refused.body).toContain('href="/"');
    expect((await start('203.0.113.7', 'en')).body).toContain('Too many login attempts');
    expect((await start('203.0.113.8')).statusCode).not.toBe(429);
    // Nothing was written for the refused starts (the provider is not reachable here, so nothing at all).
    expect(await voordeur.database.db.selectFrom('login_attempts').select('state_hash').execute()).toHaveLength(0);
  });
});
