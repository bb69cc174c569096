/**
 * The organisation API never answers a malformed request with a 5xx: every field of every
 * schema in its OpenAPI document gets values of every wrong kind (and the right kind at its
 * limits), and whole bodies that are not what the API expects. A bad bericht in a batch gets its
 * own result; a bad zaak or status a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { clientAssertion, type OrganisatieKey, organisatieKey, requestToken, tokenForm } from '../../simulators/organisatie/client.ts';
import { parseCertificaat } from '../../src/features/organisaties/certificaat.ts';
import { schemas } from '../../src/features/organisaties/openapi.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { type TestApp, testApp } from '../support/app.ts';

let voordeur: TestApp;
let api: string;
let token: string;
let mtlsKey: OrganisatieKey;

beforeAll(async () => {
  // With mutual TLS behind a proxy: the client certificate header is fuzzed too.
  voordeur = await testApp({
    ORGANISATIE_API: 'true',
    ORGANISATIE_API_REQUESTS_PER_MINUTE: '100000',
    TRUST_PROXY: 'true',
    ORGANISATIE_API_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert',
  });
  const address = await voordeur.app.listen({ host: '127.0.0.1', port: 0 });
  api = `${address}/api/v1`;
  const key = await organisatieKey('f');
  await new Organisaties(voordeur.database.db).save({ id: 'fuzz', naam: 'Fuzz', jwks: key.jwks });
  token = (await requestToken(api, await clientAssertion(key, 'fuzz', new URL('/api/v1/token', voordeur.config.publicUrl).href))).body.access_token!;
  mtlsKey = await organisatieKey('m');
  const organisaties = new Organisaties(voordeur.database.db);
  await organisaties.save({ id: 'fuzz-mtls', naam: 'Fuzz mTLS', jwks: mtlsKey.jwks });
  const registered = parseCertificaat(readFileSync(new URL('../fixtures/certificaten/organisatie-a.pem', import.meta.url), 'utf8'), new Date());
  if (!registered.ok) throw new Error('fixture certificate unreadable');
  await organisaties.addCertificaat('fuzz-mtls', registered.certificaat);
});
afterAll(() => voordeur.close());

/** Values of every kind, wrong for most fields. */
const wrong: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000\u0001\uFFFF',
  '💥'.repeat(1000),
  '<script>alert(1)</script>',
  '9999-99-99',
  '2026-02-30T25:61:00Z',
  '../../etc/passwd',
  [],
  [null],
  {},
  { bsn: null },
  { bsn: '999993653', kvkNummer: '69599084' },
  Array.from({ length: 50 }, () => ({ bestandsnaam: 'a.pdf', inhoud: '!!!' })),
  JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`),
];

const goodBericht = { berichtId: 'ok-1', ontvanger: { bsn: '999993653' }, onderwerp: 'Onderwerp', tekst: 'Tekst' };
const goodZaak = { ontvanger: { bsn: '999993653' }, titel: 'Titel', stappen: ['Een', 'Twee'], startdatum: '2026-11-01' };
const goodStatus = { stap: 'Een' };

/** The good object with one field replaced by each wrong value, and with each field left out. */
function variants(good: Record<string, unknown>, fields: string[]): unknown[] {
  return fields.flatMap((field) => [
    ...wrong.map((value) => ({ ...good, [field]: value })),
    Object.fromEntries(Object.entries(good).filter(([k]) => k !== field)),
  ]);
}

async function send(method: string, path: string, body: string | undefined, contentType = 'application/json', headers: Record<string, string> = {}) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }), ...headers },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('the organisation API under malformed requests', () => {
  it('answers no 5xx for any field of any schema given any kind of value, or for bodies that are not what it expects', async () => {
    const statuses: { request: string; status: number }[] = [];
    const record = async (request: string, status: Promise<number>) => statuses.push({ request, status: await status });

    const berichten = variants(goodBericht, Object.keys(schemas.BerichtIn.properties));
    for (let i = 0; i < berichten.length; i += 25) {
      const batch = berichten
        .slice(i, i + 25)
        .map((b, n) => (typeof b === 'object' && b && 'berichtId' in b && typeof b.berichtId === 'string' ? { ...b, berichtId: `f-${i}-${n}` } : b));
      await record(`berichten ${i}`, send('POST', '/berichten', JSON.stringify({ berichten: batch })));
    }
    for (const [n, zaak] of variants(goodZaak, Object.keys(schemas.ZaakIn.properties)).entries())
      await record(`zaak ${n}`, send('PUT', `/zaken/fuzz-${n}`, JSON.stringify(zaak)));
    await send('PUT', '/zaken/fuzz-zaak', JSON.stringify(goodZaak));
    for (const [n, status] of variants(goodStatus, Object.keys(schemas.StatusIn.properties)).entries())
      await record(`status ${n}`, send('POST', '/zaken/fuzz-zaak/statussen', JSON.stringify(status)));
    for (const body of [
      '',
      'null',
      '[]',
      '"x"',
      '{"berichten":{}}',
      '{"berichten":[]}',
      `{"berichten":[${'{},'.repeat(1000)}{}]}`,
      '{',
      '\u0000',
      '{"__proto__":{"x":1}}',
    ])
      for (const [method, path] of [
        ['POST', '/berichten'],
        ['PUT', '/zaken/fuzz-zaak'],
        ['POST', '/zaken/fuzz-zaak/statussen'],
      ] as const)
        await record(`${method} ${path} ${body.slice(0, 20)}`, send(method, path, body));
    await record('xml', send('POST', '/berichten', '<berichten/>', 'application/xml'));
    for (const id of ['%00', '..%2F..%2Fetc', 'x'.repeat(5000), '%F0%9F%92%A5', '%', "'%20or%201=1"]) {
      await record(`get ${id}`, send('GET', `/berichten/${id}`, undefined));
      await record(`put ${id}`, send('PUT', `/zaken/${id}`, JSON.stringify(goodZaak)));
    }
    for (const form of [
      '',
      'grant_type=client_credentials',
      'grant_type=client_credentials&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=a.b.c',
      'client_assertion=%00',
    ])
      await record(`token ${form.slice(0, 30)}`, send('POST', '/token', form, 'application/x-www-form-urlencoded'));

    expect(statuses.length).toBeGreaterThan(300);
    expect(
      statuses.filter((s) => s.status >= 500),
      voordeur.logs
        .filter((l) => l.includes('request failed'))
        .map((l) => JSON.parse(l).err?.message)
        .join('\n'),
    ).toEqual([]);
    // What was stored is well-formed: the wrong kinds of values were refused, not stored.
    const zaken = await voordeur.database.db.selectFrom('organisatie_zaken').select(['titel', 'stappen', 'startdatum']).execute();
    for (const zaak of zaken) {
      expect(typeof zaak.titel === 'string' && zaak.titel.length > 0 && zaak.titel.length <= 80).toBe(true);
      const stappen = typeof zaak.stappen === 'string' ? JSON.parse(zaak.stappen) : zaak.stappen;
      expect(Array.isArray(stappen) && stappen.every((stap: unknown) => typeof stap === 'string')).toBe(true);
      expect(zaak.startdatum).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const stored = await voordeur.database.db.selectFrom('organisatie_berichten').select(['onderwerp', 'tekst']).execute();
    expect(stored.length).toBeGreaterThan(0);
    for (const bericht of stored) expect(bericht.onderwerp.length > 0 && bericht.onderwerp.length <= 50 && bericht.tekst.length <= 4000).toBe(true);
  });

  it('answers no 5xx for a client certificate header of any shape, and gives a token for none of them', async () => {
    const certificates = [
      '',
      '%',
      '%ZZ',
      '(null)',
      '-----BEGIN CERTIFICATE-----',
      '-----BEGIN CERTIFICATE----- AAAA -----END CERTIFICATE-----',
      encodeURIComponent('-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----'),
      'A'.repeat(10_000),
      Buffer.from('geen certificaat').toString('base64'),
      'x'.repeat(100_000),
      '%E0%A4%A',
      '====',
    ];
    const statuses: number[] = [];
    const tokenUrl = new URL('/api/v1/token', voordeur.config.publicUrl).href;
    for (const certificate of certificates) {
      const headers = { 'x-ssl-client-cert': certificate };
      const form = tokenForm(await clientAssertion(mtlsKey, 'fuzz-mtls', tokenUrl)).toString();
      const tokenStatus = await send('POST', '/token', form, 'application/x-www-form-urlencoded', headers);
      // Not the registered certificate: no token (401), or a header too large for the server (431).
      expect([401, 431]).toContain(tokenStatus);
      statuses.push(tokenStatus, await send('GET', '/berichten/x', undefined, undefined, headers));
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});
