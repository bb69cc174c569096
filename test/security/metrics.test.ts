/**
 * /metrics outside demo mode: not served to anyone on the public port. With METRICS_TOKEN only
 * to `Authorization: Bearer <token>`; with METRICS_PORT only on that port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app.ts';
import { freePort } from '../support/ports.ts';

/** A production configuration (not demo), on this machine. */
const production = {
  DEMO_MODE: 'false',
  PUBLIC_URL: 'http://127.0.0.1:3000',
  ALLOW_HTTP_PUBLIC_URL: 'true',
  OIDC_ALLOW_INSECURE_ISSUER: 'true',
  OIDC_CLIENT_SECRET: 'oidc-Client-9f3Kx1Lm7Qz',
  SESSION_SECRET: 'k3J9vQ2mXz7LpR4tW8yN1bC6dF0gH5sA',
  IDENTITY_KEY_SECRET: 'Z8xC3vB6nM1qW4eR7tY0uI2oP5aS9dFj',
};
const token = 'mT4kP9qLx2VzR8cW1nB5tY3bJ6dS0fAh';

let voordeur: TestApp | undefined;
afterEach(async () => {
  await voordeur?.close();
  voordeur = undefined;
});

describe('/metrics', () => {
  it('is not served without a token or a port of its own', async () => {
    voordeur = await testApp(production);
    expect((await voordeur.app.inject({ url: '/metrics' })).statusCode).toBe(404);
  });

  it('with METRICS_TOKEN answers only the bearer of that token', async () => {
    voordeur = await testApp({ ...production, METRICS_TOKEN: token });
    const get = (authorization?: string) => voordeur!.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
    const none = await get();
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(none.body).not.toContain('voordeur_');
    expect((await get(`Bearer ${token}x`)).statusCode).toBe(401);
    expect((await get(`Basic ${token}`)).statusCode).toBe(401);
    expect((await get('Bearer')).statusCode).toBe(401);
    const ok = await get(`Bearer ${token}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('voordeur_http_request_duration_seconds');
  });

  it('with METRICS_PORT is served there, and not on the public port', async () => {
    const port = await freePort();
    voordeur = await testApp({ ...production, METRICS_PORT: String(port), HOST: '127.0.0.1' });
    await voordeur.app.ready();
    expect((await voordeur.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('voordeur_');
  });

  it('with both, asks the token on the metrics port', async () => {
    const port = await freePort();
    voordeur = await testApp({ ...production, METRICS_PORT: String(port), METRICS_TOKEN: token, HOST: '127.0.0.1' });
    await voordeur.app.ready();
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('stays open in demo mode', async () => {
    voordeur = await testApp();
    expect((await voordeur.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });
});
