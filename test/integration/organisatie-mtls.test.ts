/**
 * Mutual TLS for the organisation API (RFC 8705) as an organisation meets it behind the proxy
 * that asks for client certificates and passes them in a header: its staff register a certificate
 * in the leveranciersportaal; from then on the organisation gets a token only over that
 * certificate, the token is bound to it, and a token used without it is refused. An organisation
 * without certificates goes on as before.
 */
import { readFileSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssertion, type OrganisatieKey, organisatieKey, requestToken, tokenForm } from '../../simulators/organisatie/client.ts';
import { findTestLeverancier } from '../../simulators/data/test-leveranciers.ts';
import { OrganisatieAuth } from '../../src/features/organisaties/auth.ts';
import { PublicAddresses } from '../../src/platform/http/public-address.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { type HttpBrowser, leverancierLoginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/certificaten/${name}`, import.meta.url), 'utf8');
const certificaatA = fixture('organisatie-a.pem');
const certificaatB = fixture('organisatie-b.pem');
/** openssl's SHA-256 over certificaat A's DER, base64url (see src/features/organisaties/certificaat.test.ts). */
const thumbprintA = 'b9IntgWdj4tyoH6Mn6U0DvrMVuCvlGJORhaZH0Q6SJc';
/** As nginx passes a verified client certificate: `proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert;`. */
const overTls = (pem: string) => ({ 'x-ssl-client-cert': encodeURIComponent(pem) });

const jan = findTestLeverancier('jdekker')!; // bsgw-voorbeeldregio
const fatima = findTestLeverancier('fmulder')!; // sociale-dienst-voorbeeldregio
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

let stack: Stack;
let api: string;
let organisaties: Organisaties;
const keys: Record<string, OrganisatieKey> = {};

beforeAll(async () => {
  stack = await startStack({ TRUST_PROXY: 'true', ORGANISATIE_API_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert' });
  api = `${stack.url}/api/v1`;
  organisaties = new Organisaties(stack.voordeur.database.db);
  for (const [id, naam] of [
    ['bsgw-voorbeeldregio', 'Belastingsamenwerking Voorbeeldregio'],
    ['sociale-dienst-voorbeeldregio', 'Sociale Dienst Voorbeeldregio'],
  ] as const) {
    keys[id] = await organisatieKey(`${id}-k1`);
    await organisaties.save({ id, naam, jwks: keys[id].jwks });
  }
});
afterAll(() => stack?.close());

/** POST /token for organisation `id`, over TLS with `certificate` when given. */
async function token(id: string, certificate?: string) {
  return requestToken(api, await clientAssertion(keys[id]!, id, `${api}/token`), certificate ? overTls(certificate) : {});
}

/** One bericht sent with an access token, over TLS with `certificate` when given. */
async function send(accessToken: string, berichtId: string, certificate?: string) {
  const response = await fetch(`${api}/berichten`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...(certificate ? overTls(certificate) : {}) },
    body: JSON.stringify({ berichten: [{ berichtId, ontvanger: { bsn: '999993653' }, onderwerp: 'Aanslag 2027', tekst: 'Uw aanslag.' }] }),
  });
  const body = (await response.json()) as { resultaten?: { resultaat: string }[]; detail?: string };
  return { status: response.status, authenticate: response.headers.get('www-authenticate'), resultaat: body.resultaten?.[0]?.resultaat, detail: body.detail };
}

async function portal(leverancier: { id: string; naam: string }) {
  const { browser, hop } = await leverancierLoginOverHttp(stack.url, leverancier);
  expect(hop.url).toBe(`${stack.url}/leveranciers`);
  return browser;
}

const post = async (browser: HttpBrowser, path: string, fields: Record<string, string>) => {
  const page = await browser.request(`${stack.url}/leveranciers/sleutels`);
  return browser.request(`${stack.url}${path}`, { form: { _csrf: csrfOf(page.body), ...fields } });
};

describe('mutual TLS for the organisation API', () => {
  it('an organisation without certificates gets an unbound token and sends as before, with or without a certificate', async () => {
    const plain = await token('sociale-dienst-voorbeeldregio');
    expect(plain.status).toBe(200);
    expect(decodeJwt(plain.body.access_token!).cnf).toBeUndefined();
    expect((await send(plain.body.access_token!, 'SD-1')).resultaat).toBe('verwerkt');
    const withCertificate = await token('sociale-dienst-voorbeeldregio', certificaatB);
    expect(decodeJwt(withCertificate.body.access_token!).cnf).toBeUndefined();
    expect((await send(withCertificate.body.access_token!, 'SD-2')).resultaat).toBe('verwerkt');
  });

  it('once staff register a certificate, a token comes only over it and works only over it', async () => {
    const browser = await portal(jan);
    const before = await browser.request(`${stack.url}/leveranciers/sleutels`);
    expect(before.body).toContain('Certificaten voor mTLS');
    expect(before.body).toContain('U heeft geen certificaten toegevoegd.');
    const unbound = (await token('bsgw-voorbeeldregio')).body.access_token!;

    const added = await post(browser, '/leveranciers/sleutels/certificaat', { certificaat: certificaatA });
    expect(added.location).toBe(`${stack.url}/leveranciers/sleutels?gedaan=certificaatToegevoegd#certificaten`);
    const page = await browser.request(added.location!);
    expect(page.body).toContain('Het certificaat is toegevoegd.');
    expect(page.body).toContain('CN=api.bsgw-a.example.nl, O=Belastingsamenwerking A, C=NL');
    expect(page.body).toContain(thumbprintA);
    expect(page.body).toContain('1 januari 2126');
    expect(page.body).toMatch(/Certificaat toegevoegd.*Jan Dekker|Jan Dekker.*Certificaat toegevoegd/s);

    const without = await token('bsgw-voorbeeldregio');
    expect(without.status).toBe(401);
    expect(without.body).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('client certificate is required') });
    const other = await token('bsgw-voorbeeldregio', certificaatB);
    expect(other.status).toBe(401);
    expect(other.body.error_description).toContain('not registered');

    const bound = await token('bsgw-voorbeeldregio', certificaatA);
    expect(bound.status).toBe(200);
    expect(decodeJwt(bound.body.access_token!).cnf).toEqual({ 'x5t#S256': thumbprintA });
    expect((await send(bound.body.access_token!, 'BOUND-1', certificaatA)).resultaat).toBe('verwerkt');
    // The bound token taken elsewhere: without the certificate, or over another one.
    for (const certificate of [undefined, certificaatB]) {
      const refused = await send(bound.body.access_token!, 'BOUND-2', certificate);
      expect(refused.status).toBe(401);
      expect(refused.authenticate).toContain('error="invalid_token"');
      expect(refused.detail).toContain('bound to a client certificate');
    }
    // A token from before the certificate runs out within its 5 minutes, as the help text says.
    expect((await send(unbound, 'UNBOUND-1')).resultaat).toBe('verwerkt');
    const stored = await stack.voordeur.database.db
      .selectFrom('organisatie_berichten')
      .select('bericht_id')
      .where('organisatie_id', '=', 'bsgw-voorbeeldregio')
      .execute();
    expect(stored.map((row) => row.bericht_id).sort()).toEqual(['BOUND-1', 'UNBOUND-1']);

    // Another organisation sees none of it.
    const theirs = await (await portal(fatima)).request(`${stack.url}/leveranciers/sleutels`);
    expect(theirs.body).toContain('U heeft geen certificaten toegevoegd.');
    expect(theirs.body).not.toContain(thumbprintA);
  });

  it('refuses a private key (not shown again), an expired certificate, garbage and one already added, in Dutch', async () => {
    const browser = await portal(jan);
    const privateKey = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----';
    const refusals: [string, string][] = [
      [privateKey, 'Dit is een privésleutel.'],
      [fixture('verlopen.pem'), 'Dit certificaat is verlopen.'],
      ['geen certificaat', 'Dit is geen certificaat dat we kunnen lezen.'],
      [certificaatA, 'Dit certificaat heeft u al toegevoegd.'],
      ['', 'Plak een certificaat.'],
    ];
    for (const [certificaat, melding] of refusals) {
      const answer = await post(browser, '/leveranciers/sleutels/certificaat', { certificaat });
      expect(answer.status).toBe(400);
      expect(answer.body).toContain(melding);
      expect(answer.body).toContain('Er is iets niet goed ingevuld');
      expect(answer.body).not.toContain('PRIVATE KEY');
    }
    expect((await post(browser, '/leveranciers/sleutels/certificaat', { certificaat: 'geen certificaat' })).body).toContain('geen certificaat</textarea>');
    expect((await organisaties.certificaten('bsgw-voorbeeldregio')).map((c) => c.thumbprint)).toEqual([thumbprintA]);
    // Another organisation cannot remove it.
    const theirs = await post(await portal(fatima), '/leveranciers/sleutels/certificaat/verwijderen', { thumbprint: thumbprintA });
    expect(theirs.status).toBe(400);
    expect(theirs.body).toContain('Dit certificaat bestaat niet (meer).');
    expect(await organisaties.certificaten('bsgw-voorbeeldregio')).toHaveLength(1);
  });

  it('a registered certificate past its end date gives no token', async () => {
    await stack.voordeur.database.db
      .updateTable('organisatie_certificaten')
      .set({ geldig_tot: new Date(Date.now() - 60_000) })
      .where('thumbprint', '=', thumbprintA)
      .execute();
    const answer = await token('bsgw-voorbeeldregio', certificaatA);
    expect(answer.status).toBe(401);
    expect(answer.body.error_description).toContain('not valid now');
    const page = await (await portal(jan)).request(`${stack.url}/leveranciers/sleutels`);
    expect(page.body).toContain('(verlopen)');
  });

  it('a server that receives no certificates gives no token to an organisation that registered one', async () => {
    const auth = new OrganisatieAuth(organisaties, `${api}/token`, 'geheim', new PublicAddresses({ allowPrivate: true }), false);
    const assertion = await clientAssertion(keys['bsgw-voorbeeldregio']!, 'bsgw-voorbeeldregio', `${api}/token`);
    const outcome = await auth.token(Object.fromEntries(tokenForm(assertion)), null);
    expect(outcome).toMatchObject({ ok: false, error: 'invalid_client', description: expect.stringContaining('does not receive them') });
  });

  it('removing the last certificate ends the binding; the change is in the audit log', async () => {
    const browser = await portal(jan);
    const removed = await post(browser, '/leveranciers/sleutels/certificaat/verwijderen', { thumbprint: thumbprintA });
    expect(removed.location).toBe(`${stack.url}/leveranciers/sleutels?gedaan=certificaatVerwijderd#certificaten`);
    const page = await browser.request(removed.location!);
    expect(page.body).toContain('Het certificaat is verwijderd.');
    expect(page.body).toContain('Certificaat verwijderd');
    // The documentation tells the organisation how it works here.
    const docs = await browser.request(`${stack.url}/leveranciers/documentatie`);
    expect(docs.body).toContain('Mutual TLS (optional, per organisation)');
    expect(docs.body).toContain('error=&quot;invalid_token&quot;');
    const plain = await token('bsgw-voorbeeldregio');
    expect(plain.status).toBe(200);
    expect(decodeJwt(plain.body.access_token!).cnf).toBeUndefined();
  });
});
