/**
 * Organisations' webhooks and JWKS URLs lead to the internet only (ORGANISATIE_API_PRIVATE_ADDRESSES
 * off, as in production; host names resolved by a stub): the leveranciersportaal refuses an address
 * whose name resolves to a private network or the metadata service, with a Dutch form error, and a
 * webhook that leads to this machine is not called.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestLeverancier } from '../../simulators/data/test-leveranciers.ts';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import type { Resolve } from '../../src/platform/http/public-address.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { formAction, HttpBrowser } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const dns: Record<string, string> = { 'bsgw.example.nl': '93.184.216.34', 'intern.example.nl': '10.1.2.3', 'metadata.example.nl': '169.254.169.254' };
const resolve: Resolve = async (hostname) => {
  const address = dns[hostname];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};
const jan = findTestLeverancier('jdekker')!; // bsgw-voorbeeldregio
const id = 'bsgw-voorbeeldregio';

let stack: Stack;
let receiver: Server;
let received = 0;
beforeAll(async () => {
  stack = await startStack({ ORGANISATIE_API_PRIVATE_ADDRESSES: 'false' }, {}, { resolve });
  receiver = createServer((_request, response) => {
    received++;
    response.end();
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
}, 120_000);
afterAll(async () => {
  await new Promise<void>((done) => receiver.close(() => done()));
  await stack?.close();
});

async function loggedIn() {
  const browser = new HttpBrowser();
  const page = await browser.follow(`${stack.url}/leveranciers/inloggen`);
  let hop = await browser.request(formAction(page.body, `Inloggen als ${jan.naam}`, page.url), { form: { leverancier: jan.id } });
  for (let i = 0; i < 20 && hop.location; i++) hop = await browser.request(hop.location);
  expect(hop.url).toBe(`${stack.url}/leveranciers`);
  return browser;
}

describe('webhook and JWKS addresses', () => {
  it('refuses in the leveranciersportaal a name that resolves to a private network or the metadata service, or not at all', async () => {
    const key = await organisatieKey();
    await new Organisaties(stack.voordeur.database.db).save({ id, naam: 'Belastingsamenwerking Voorbeeldregio', jwks: key.jwks });
    const browser = await loggedIn();
    const post = async (path: string, form: Record<string, string>) => {
      const page = await browser.request(`${stack.url}/leveranciers`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      return browser.request(`${stack.url}${path}`, { form: { _csrf: csrf, ...form } });
    };
    const intern = await post('/leveranciers/webhook', { url: 'https://intern.example.nl/hook' });
    expect(intern.status).toBe(400);
    expect(intern.body).toContain('Dit adres hoort bij een intern netwerk, niet bij internet.');
    expect(intern.body).toContain('value="https://intern.example.nl/hook"');
    const metadata = await post('/leveranciers/sleutels/jwks-url', { jwksUrl: 'https://metadata.example.nl/jwks.json' });
    expect(metadata.status).toBe(400);
    expect(metadata.body).toContain('Dit adres hoort bij een intern netwerk');
    const unknown = await post('/leveranciers/webhook', { url: 'https://bestaat-niet.example.nl/hook' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Wij kunnen dit adres niet vinden op internet.');
    const organisaties = new Organisaties(stack.voordeur.database.db, new IdentityKeys(stack.voordeur.config.identityKeySecret));
    expect(await organisaties.webhookOf(id)).toBeNull();
    expect((await organisaties.get(id))!.jwksUrl).toBeUndefined();
    // A name on the internet is taken.
    expect((await post('/leveranciers/webhook', { url: 'https://bsgw.example.nl/hook' })).status).toBe(200);
    expect((await organisaties.webhookOf(id))!.url).toBe('https://bsgw.example.nl/hook');

    // A webhook on this machine (stored another way) is not called: the job fails and is tried again later.
    await organisaties.setWebhook(id, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: 's'.repeat(43) });
    const api = `${stack.url}/api/v1`;
    const token = (await requestToken(api, await clientAssertion(key, id, `${api}/token`))).body.access_token;
    const sent = await fetch(`${api}/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ berichten: [{ berichtId: `adres-${randomUUID()}`, ontvanger: { bsn: '999993653' }, onderwerp: 'Aanslag', tekst: 'Tekst.' }] }),
    });
    expect(sent.status).toBe(200);
    await stack.voordeur.notificaties.worker.drain();
    const job = await stack.voordeur.database.db
      .selectFrom('jobs')
      .select(['state', 'last_error'])
      .where('queue', '=', 'organisatie.webhook')
      .executeTakeFirstOrThrow();
    expect(job.last_error).toBe('webhook: its host is not on the internet');
    expect(received).toBe(0);
  });
});
