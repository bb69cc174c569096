/**
 * The leveranciersportaal over HTTP: staff of a connected organisation log in with their own
 * organisation's login (an organisation claim), and see and change only their own organisation's
 * connection: result codes per day of what they pushed through the API, berichten not yet opened,
 * failed webhook deliveries (with a retry), keys and the JWKS URL (each change in the audit log),
 * and the API's documentation.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssertion, type OrganisatieKey, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { findTestLeverancier } from '../../simulators/data/test-leveranciers.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { OrganisatieBewaartermijnen } from '../../src/sources/voordeur/organisatie-bewaartermijnen.ts';
import { HttpBrowser, leverancierLoginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const jan = findTestLeverancier('jdekker')!; // bsgw-voorbeeldregio
const fatima = findTestLeverancier('fmulder')!; // sociale-dienst-voorbeeldregio
const kees = findTestLeverancier('kvos')!; // an organisation that is not connected
const suzanne = '999993653';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const dayMs = 24 * 60 * 60 * 1000;

let stack: Stack;
let api: string;
const keys: Record<string, OrganisatieKey> = {};

/** Connects an organisation as the operator would, and returns a function that calls the API as it. */
async function connect(id: string, naam: string) {
  keys[id] = await organisatieKey(`${id}-k1`);
  await new Organisaties(stack.voordeur.database.db).save({ id, naam, jwks: keys[id].jwks });
}

async function push(id: string, berichten: unknown[]) {
  const token = await requestToken(api, await clientAssertion(keys[id]!, id, `${api}/token`));
  expect(token.status).toBe(200);
  const response = await fetch(`${api}/berichten`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.body.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ berichten }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { resultaten: { resultaat: string }[] };
}

const login = (leverancier: { id: string; naam: string }) => leverancierLoginOverHttp(stack.url, leverancier);

async function loggedIn(leverancier: { id: string; naam: string }) {
  const { browser, hop } = await login(leverancier);
  expect(hop.url).toBe(`${stack.url}/leveranciers`);
  expect(hop.status).toBe(200);
  return browser;
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const bericht = (berichtId: string, extra: Record<string, unknown> = {}) => ({
  berichtId,
  ontvanger: { bsn: suzanne },
  onderwerp: `Onderwerp ${berichtId}`,
  tekst: 'Een bericht.',
  ...extra,
});

beforeAll(async () => {
  stack = await startStack();
  api = `${stack.url}/api/v1`;
  await connect('bsgw-voorbeeldregio', 'Belastingsamenwerking Voorbeeldregio');
  await connect('sociale-dienst-voorbeeldregio', 'Sociale Dienst Voorbeeldregio');
  // The belastingsamenwerking: 3 verwerkt, 1 bestaatAl (twice in the batch), 1 ontvangerOnbekend, 1 ongeldig.
  const answer = await push('bsgw-voorbeeldregio', [
    bericht('AANSLAG-1'),
    bericht('AANSLAG-2'),
    bericht('AANSLAG-2'),
    bericht('AANSLAG-OUD', { publicatiedatum: new Date(Date.now() - 10 * dayMs).toISOString() }),
    bericht('FOUT-BSN', { ontvanger: { bsn: '123456789' } }),
    bericht('FOUT-ONDERWERP', { onderwerp: 'x'.repeat(51) }),
  ]);
  expect(answer.resultaten.map((r) => r.resultaat)).toEqual(['verwerkt', 'verwerkt', 'bestaatAl', 'verwerkt', 'ontvangerOnbekend', 'ongeldig']);
  // Sent again: bestaatAl for the one already stored.
  await push('bsgw-voorbeeldregio', [bericht('AANSLAG-1')]);
  // The sociale dienst: one bericht, 20 days old, its own.
  await push('sociale-dienst-voorbeeldregio', [bericht('SD-GEHEIM-1', { publicatiedatum: new Date(Date.now() - 20 * dayMs).toISOString() })]);
}, 120_000);
afterAll(() => stack?.close());

describe('logging in', () => {
  it('with an organisation claim of a connected organisation opens the portal for that organisation', async () => {
    const browser = await loggedIn(jan);
    const page = await browser.request(`${stack.url}/leveranciers`);
    expect(page.body).toContain('Organisatie: Belastingsamenwerking Voorbeeldregio');
    expect(page.body).toContain('Jan Dekker');
    expect(page.body).toContain('action="/leveranciers/uitloggen');
  });

  it('with the claim of an organisation that is not connected is refused with a clear page, and gives no session', async () => {
    const { browser, hop } = await login(kees);
    expect(hop.status).toBe(403);
    expect(hop.body).toContain('Uw organisatie is niet aangesloten');
    const again = await browser.request(`${stack.url}/leveranciers/sleutels`);
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${stack.url}/leveranciers`);
  });

  it("never reads a resident's session, and every page needs the portal's own", async () => {
    const anonymous = new HttpBrowser();
    for (const path of [
      '/leveranciers/berichten',
      '/leveranciers/webhook',
      '/leveranciers/sleutels',
      '/leveranciers/bewaartermijn',
      '/leveranciers/documentatie',
    ]) {
      const page = await anonymous.request(`${stack.url}${path}`);
      expect(page.status).toBe(303);
    }
    const start = await anonymous.request(`${stack.url}/leveranciers`);
    expect(start.body).toContain('href="/leveranciers/inloggen"');
  });

  it('a POST without the session’s token is refused and changes nothing', async () => {
    const browser = await loggedIn(jan);
    const answer = await browser.request(`${stack.url}/leveranciers/webhook`, { form: { url: 'https://bsgw.example.nl/hook' } });
    expect(answer.status).toBe(403);
    expect(
      await new Organisaties(stack.voordeur.database.db, new IdentityKeys(stack.voordeur.config.identityKeySecret)).webhookOf('bsgw-voorbeeldregio'),
    ).toBeNull();
  });
});

describe('an organisation sees only its own', () => {
  it('volumes and result codes per day for the last 14 days', async () => {
    const browser = await loggedIn(jan);
    const page = await browser.request(`${stack.url}/leveranciers`);
    expect(page.body).toContain('Berichten per dag, de laatste 14 dagen');
    const rows = [...page.body.matchAll(/<tr class="utrecht-table__row"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).slice(1);
    expect(rows).toHaveLength(14 + 1);
    // Today's row (the first) and the total: verwerkt, bestaatAl, ontvangerOnbekend, bijlageTeGroot, bijlageOngeldig, ongeldig.
    const numbers = (row: string) => [...row.matchAll(/<td[^>]*>(?:<span[^>]*>[^<]*<\/span>)?(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(numbers(rows[0]!)).toEqual([3, 2, 1, 0, 0, 1, 0]);
    expect(numbers(rows.at(-1)!)).toEqual([3, 2, 1, 0, 0, 1, 0]);
    expect(numbers(rows[1]!)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // The other organisation's count is its own.
    const other = await (await loggedIn(fatima)).request(`${stack.url}/leveranciers`);
    const otherRows = [...other.body.matchAll(/<tr class="utrecht-table__row"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).slice(1);
    expect(numbers(otherRows[0]!)).toEqual([1, 0, 0, 0, 0, 0, 0]);
  });

  it('how long its berichten are kept, per bericht type, as the municipality set it', async () => {
    const termijnen = new OrganisatieBewaartermijnen(stack.voordeur.database.db);
    await termijnen.set('bsgw-voorbeeldregio', '', 400);
    await termijnen.set('bsgw-voorbeeldregio', 'aanslag', 2555);
    const page = text((await (await loggedIn(jan)).request(`${stack.url}/leveranciers`)).body);
    expect(page).toContain('Hoe lang wij uw berichten bewaren');
    expect(page).toContain('Alle andere berichten 400 dagen');
    expect(page).toContain('Berichten met berichtType aanslag 2555 dagen');
    const other = text((await (await loggedIn(fatima)).request(`${stack.url}/leveranciers`)).body);
    expect(other).toContain('Wij bewaren uw berichten zonder einddatum.');
    expect(other).not.toContain('2555');
  });

  it('berichten not opened after N days (a GET form, 7 by default), without the recipient', async () => {
    const browser = await loggedIn(jan);
    const standard = await browser.request(`${stack.url}/leveranciers/berichten`);
    expect(standard.status).toBe(200);
    expect(standard.body).toContain('value="7"');
    expect(standard.body).toContain('AANSLAG-OUD');
    expect(standard.body).toContain('Onderwerp AANSLAG-OUD');
    expect(standard.body).not.toContain('AANSLAG-1<');
    expect(standard.body).not.toContain('SD-GEHEIM-1');
    expect(standard.body).not.toContain(suzanne);
    const one = await browser.request(`${stack.url}/leveranciers/berichten?dagen=11`);
    expect(one.body).not.toContain('AANSLAG-OUD');
    expect(one.body).toContain('Alle berichten van 11 dagen of ouder zijn geopend.');
    const wrong = await browser.request(`${stack.url}/leveranciers/berichten?dagen=veel`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Vul een heel getal in van 1 tot en met 365.');
    expect(wrong.body).toContain('value="veel"');
    // The sociale dienst sees its own old bericht, not the belastingsamenwerking's.
    const other = await (await loggedIn(fatima)).request(`${stack.url}/leveranciers/berichten?dagen=7`);
    expect(other.body).toContain('SD-GEHEIM-1');
    expect(other.body).not.toContain('AANSLAG-OUD');
  });

  it('the documentation with curl examples for its own id, the endpoints and the fields from the OpenAPI document', async () => {
    const browser = await loggedIn(jan);
    const page = await browser.request(`${stack.url}/leveranciers/documentatie`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`curl -s ${api}/token`);
    expect(page.body).toContain(`curl -s ${api}/berichten`);
    expect(page.body).toContain('bsgw-voorbeeldregio');
    expect(page.body).toContain('POST /berichten');
    expect(page.body).toContain('GET /berichten/{berichtId}');
    expect(page.body).toContain('<code>einddatumHandelingstermijn</code>');
    // From docs/organisaties.md: the result codes and the webhook signature.
    expect(page.body).toContain('X-Voordeur-Signature');
    expect(page.body).toContain('lang="en"');
    // Mutual TLS is off here: its section is not shown.
    expect(page.body).not.toContain('Mutual TLS');
  });
});

describe('the webhook', () => {
  let server: Server;
  let calls = 0;
  beforeAll(async () => {
    // The organisation's receiver: refuses the first call about the test's event, takes the next (and any other event).
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const ours = body.includes('WEBHOOK-TEST-1');
        if (ours) calls++;
        response.statusCode = ours && calls === 1 ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is set with an https URL only, with a new secret shown once; removing it is in the audit log', async () => {
    const browser = await loggedIn(fatima);
    let page = await browser.request(`${stack.url}/leveranciers/webhook`);
    const wrong = await browser.request(`${stack.url}/leveranciers/webhook`, { form: { _csrf: csrfOf(page.body), url: 'http://sd.example.nl/hook' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Het moet beginnen met https://');
    expect(wrong.body).toContain('value="http://sd.example.nl/hook"');
    const set = await browser.request(`${stack.url}/leveranciers/webhook`, { form: { _csrf: csrfOf(page.body), url: 'https://sd.example.nl/hook' } });
    expect(set.status).toBe(200);
    const secret = /id="webhook-geheim">([^<]+)</.exec(set.body)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await new Organisaties(stack.voordeur.database.db, new IdentityKeys(stack.voordeur.config.identityKeySecret)).webhookOf(
      'sociale-dienst-voorbeeldregio',
    );
    expect(stored).toEqual({ url: 'https://sd.example.nl/hook', secret });
    page = await browser.request(`${stack.url}/leveranciers/webhook`);
    expect(page.body).toContain('https://sd.example.nl/hook');
    expect(page.body).not.toContain(secret);
    const removed = await browser.request(`${stack.url}/leveranciers/webhook/verwijderen`, { form: { _csrf: csrfOf(page.body) } });
    expect(removed.location).toBe(`${stack.url}/leveranciers/webhook?gedaan=verwijderd`);
    const keysPage = await browser.request(`${stack.url}/leveranciers/sleutels`);
    expect(keysPage.body).toContain('Webhook ingesteld');
    expect(keysPage.body).toContain('Webhook verwijderd');
    expect(keysPage.body).toContain('Fatima Mulder');
  });

  it('a delivery that failed for good is listed, for its own organisation only, and "Opnieuw proberen" delivers it', async () => {
    const organisaties = new Organisaties(stack.voordeur.database.db, new IdentityKeys(stack.voordeur.config.identityKeySecret));
    await organisaties.setWebhook('bsgw-voorbeeldregio', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, secret: 's'.repeat(43) });
    await stack.voordeur.notificaties.queue.add([
      {
        queue: 'organisatie.webhook',
        payload: { organisatieId: 'bsgw-voorbeeldregio', type: 'bericht.geopend', berichtId: 'WEBHOOK-TEST-1', tijdstip: new Date().toISOString() },
        maxAttempts: 1,
      },
    ]);
    const failed = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from jobs where queue = 'organisatie.webhook' and state = 'failed' and payload->>'berichtId' = 'WEBHOOK-TEST-1'`.execute(
          stack.voordeur.database.db,
        )
      ).rows[0]!.n;
    for (let i = 0; i < 100 && (await failed()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(1);
    const browser = await loggedIn(jan);
    const page = await browser.request(`${stack.url}/leveranciers/webhook`);
    expect(page.body).toContain('Mislukt na 1 pogingen');
    expect(page.body).toContain('webhook: HTTP 500');
    const job = /name="job" value="(\d+)"/.exec(page.body)![1]!;
    // Another organisation neither sees it nor can retry it.
    const fatimaBrowser = await loggedIn(fatima);
    const theirs = await fatimaBrowser.request(`${stack.url}/leveranciers/webhook`);
    expect(theirs.body).not.toContain('WEBHOOK-TEST-1');
    expect(theirs.body).toContain('Alle webhook-berichten zijn aangekomen.');
    const refused = await fatimaBrowser.request(`${stack.url}/leveranciers/webhook/opnieuw`, { form: { _csrf: csrfOf(theirs.body), job } });
    expect(refused.location).toBe(`${stack.url}/leveranciers/webhook?gedaan=nietOpnieuw`);
    expect(await failed()).toBe(1);
    // Its own organisation puts it back: the worker delivers it.
    const retried = await browser.request(`${stack.url}/leveranciers/webhook/opnieuw`, { form: { _csrf: csrfOf(page.body), job } });
    expect(retried.location).toBe(`${stack.url}/leveranciers/webhook?gedaan=opnieuw`);
    for (let i = 0; i < 100 && calls < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(2);
    for (let i = 0; i < 50 && (await browser.request(`${stack.url}/leveranciers/webhook`)).body.includes('webhook: HTTP 500'); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await browser.request(`${stack.url}/leveranciers/webhook`);
    expect(after.body).toContain('Alle webhook-berichten zijn aangekomen.');
    const log = await browser.request(`${stack.url}/leveranciers/sleutels`);
    expect(log.body).toContain('Webhook-bericht opnieuw gestuurd');
    expect(log.body).toContain('Jan Dekker');
  });
});

describe('how long berichten are kept', () => {
  const termijnen = () => new OrganisatieBewaartermijnen(stack.voordeur.database.db);
  const form = async (browser: HttpBrowser, path: string, fields: Record<string, string>) => {
    const page = await browser.request(`${stack.url}/leveranciers/bewaartermijn`);
    return browser.request(`${stack.url}${path}`, { form: { _csrf: csrfOf(page.body), ...fields } });
  };
  const stored = async (...berichtIds: string[]) =>
    (
      await stack.voordeur.database.db
        .selectFrom('organisatie_berichten')
        .select('bericht_id')
        .where('organisatie_id', '=', 'sociale-dienst-voorbeeldregio')
        .where('bericht_id', 'in', berichtIds)
        .orderBy('bericht_id')
        .execute()
    ).map((row) => row.bericht_id);

  it('an organisation sets a term for a bericht type itself; one that deletes berichten it already sent is asked to confirm first', async () => {
    const old = new Date(Date.now() - 30 * dayMs).toISOString();
    await push('sociale-dienst-voorbeeldregio', [
      bericht('SD-HERINNERING-1', { berichtType: 'herinnering', publicatiedatum: old }),
      bericht('SD-HERINNERING-2', { berichtType: 'herinnering', publicatiedatum: old }),
    ]);
    const browser = await loggedIn(fatima);
    // Nothing past it: saved at once.
    const saved = await form(browser, '/leveranciers/bewaartermijn', { berichtType: 'herinnering', dagen: '60' });
    expect(saved.location).toBe(`${stack.url}/leveranciers/bewaartermijn?gedaan=opgeslagen`);
    const page = text((await browser.request(saved.location!)).body);
    expect(page).toContain('De bewaartermijn is opgeslagen.');
    expect(page).toMatch(/Berichten met berichtType herinnering (Bewaren: )?60 dagen/);
    expect(await termijnen().of('sociale-dienst-voorbeeldregio')).toEqual([{ berichtType: 'herinnering', dagen: 60 }]);

    // Shorter than the two berichten are old: nothing changes until it is confirmed.
    const asked = await form(browser, '/leveranciers/bewaartermijn', { berichtType: 'herinnering', dagen: '14' });
    expect(asked.status).toBe(409);
    expect(text(asked.body)).toContain('Met deze wijziging zijn 2 berichten die u al stuurde ouder dan hun bewaartermijn.');
    expect(asked.body).toContain('name="bevestigd" value="2"');
    expect(await termijnen().of('sociale-dienst-voorbeeldregio')).toEqual([{ berichtType: 'herinnering', dagen: 60 }]);
    // A confirmation of fewer than it would delete (the page was old) asks again.
    const stale = await form(browser, '/leveranciers/bewaartermijn', { berichtType: 'herinnering', dagen: '14', bevestigd: '1' });
    expect(stale.status).toBe(409);
    const confirmed = await form(browser, '/leveranciers/bewaartermijn', { berichtType: 'herinnering', dagen: '14', bevestigd: '2' });
    expect(confirmed.location).toBe(`${stack.url}/leveranciers/bewaartermijn?gedaan=opgeslagen`);
    expect(await termijnen().of('sociale-dienst-voorbeeldregio')).toEqual([{ berichtType: 'herinnering', dagen: 14 }]);

    // The clean-up deletes those two; the bericht without a type has no term and is kept.
    await termijnen().deleteExpired(new Date());
    expect(await stored('SD-HERINNERING-1', 'SD-HERINNERING-2', 'SD-GEHEIM-1')).toEqual(['SD-GEHEIM-1']);

    // Removed again; each change in the audit log with who made it.
    const removed = await form(browser, '/leveranciers/bewaartermijn/verwijderen', { berichtType: 'herinnering' });
    expect(removed.location).toBe(`${stack.url}/leveranciers/bewaartermijn?gedaan=verwijderd`);
    expect(await termijnen().of('sociale-dienst-voorbeeldregio')).toEqual([]);
    const log = text((await browser.request(`${stack.url}/leveranciers/sleutels`)).body);
    expect(log).toContain('Bewaartermijn ingesteld: berichtType=herinnering dagen=60');
    expect(log).toContain('Bewaartermijn ingesteld: berichtType=herinnering dagen=14');
    expect(log).toContain('Bewaartermijn verwijderd: berichtType=herinnering');
  });

  it('removing a type’s term that makes its berichten fall under the term for every type is confirmed too', async () => {
    await push('sociale-dienst-voorbeeldregio', [
      bericht('SD-BESCHIKKING-1', { berichtType: 'beschikking', publicatiedatum: new Date(Date.now() - 50 * dayMs).toISOString() }),
    ]);
    await termijnen().set('sociale-dienst-voorbeeldregio', '', 40);
    await termijnen().set('sociale-dienst-voorbeeldregio', 'beschikking', 3650);
    const browser = await loggedIn(fatima);
    const asked = await form(browser, '/leveranciers/bewaartermijn/verwijderen', { berichtType: 'beschikking' });
    expect(asked.status).toBe(409);
    expect(text(asked.body)).toContain('Met deze wijziging is 1 bericht dat u al stuurde ouder dan zijn bewaartermijn.');
    // SD-GEHEIM-1 (20 days, no type) is within the 40 days: only the beschikking counts.
    expect(asked.body).toContain('action="/leveranciers/bewaartermijn/verwijderen#');
    expect(await termijnen().of('sociale-dienst-voorbeeldregio')).toEqual([
      { berichtType: '', dagen: 40 },
      { berichtType: 'beschikking', dagen: 3650 },
    ]);
    await termijnen().set('sociale-dienst-voorbeeldregio', '', null);
    await termijnen().set('sociale-dienst-voorbeeldregio', 'beschikking', null);
  });

  it('refuses a bad bericht type or number of days with Dutch form errors, keeping what was typed and changing nothing', async () => {
    const browser = await loggedIn(fatima);
    const answer = await form(browser, '/leveranciers/bewaartermijn', { berichtType: 'Herinnering!', dagen: '0' });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Gebruik alleen kleine letters, cijfers en streepjes');
    expect(answer.body).toContain('Vul een aantal dagen in, van 1 tot en met 36.500.');
    expect(answer.body).toContain('value="Herinnering!"');
    expect(answer.body).toContain('value="0"');
    expect(await termijnen().of('sociale-dienst-voorbeeldregio')).toEqual([]);
  });

  it('an organisation cannot remove or see another organisation’s term', async () => {
    await termijnen().set('sociale-dienst-voorbeeldregio', 'uitkering', 700);
    const browser = await loggedIn(jan);
    const page = text((await browser.request(`${stack.url}/leveranciers/bewaartermijn`)).body);
    expect(page).not.toContain('uitkering');
    const answer = await form(browser, '/leveranciers/bewaartermijn/verwijderen', { berichtType: 'uitkering' });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Deze termijn bestaat niet meer.');
    expect(await termijnen().of('sociale-dienst-voorbeeldregio')).toEqual([{ berichtType: 'uitkering', dagen: 700 }]);
    await termijnen().set('sociale-dienst-voorbeeldregio', 'uitkering', null);
  });
});

describe('keys', () => {
  const form = async (browser: HttpBrowser, path: string, fields: Record<string, string>) => {
    const page = await browser.request(`${stack.url}/leveranciers/sleutels`);
    return browser.request(`${stack.url}${path}`, { form: { _csrf: csrfOf(page.body), ...fields } });
  };
  const storedKids = async (id: string) => ((await new Organisaties(stack.voordeur.database.db).get(id))!.jwks.keys as { kid: string }[]).map((k) => k.kid);

  it('lists the registered keys; the last one cannot be removed', async () => {
    const browser = await loggedIn(fatima);
    const page = await browser.request(`${stack.url}/leveranciers/sleutels`);
    expect(page.body).toContain('sociale-dienst-voorbeeldregio-k1');
    expect(page.body).toContain('ES256');
    expect(page.body).not.toContain('bsgw-voorbeeldregio-k1');
    expect(page.body).toContain('Dit is uw enige sleutel.');
    // Without mutual TLS in front (no ORGANISATIE_API_CLIENT_CERT_HEADER) there are no certificates to register.
    expect(page.body).not.toContain('Certificaten voor mTLS');
    expect((await form(browser, '/leveranciers/sleutels/certificaat', { certificaat: 'x' })).status).toBe(404);
    const answer = await form(browser, '/leveranciers/sleutels/verwijderen', { kid: 'sociale-dienst-voorbeeldregio-k1' });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('U kunt uw laatste sleutel niet verwijderen.');
    expect(await storedKids('sociale-dienst-voorbeeldregio')).toEqual(['sociale-dienst-voorbeeldregio-k1']);
  });

  it('refuses a private key (and does not show it again), garbage, and a key of another kind', async () => {
    const browser = await loggedIn(fatima);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const privateJwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'geheim' });
    for (const sleutel of [privatePem, privateJwk]) {
      const answer = await form(browser, '/leveranciers/sleutels', { sleutel });
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('Dit is een privésleutel.');
      expect(answer.body).not.toContain('PRIVATE KEY');
      expect(answer.body).not.toContain((privateKey.export({ format: 'jwk' }) as { d: string }).d);
    }
    const garbage = await form(browser, '/leveranciers/sleutels', { sleutel: 'dit is geen sleutel' });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toContain('Dit is geen sleutel die we kunnen lezen.');
    expect(garbage.body).toContain('dit is geen sleutel</textarea>');
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const unsupported = await form(browser, '/leveranciers/sleutels', { sleutel: small });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toContain('Dit soort sleutel kunnen we niet gebruiken.');
    const empty = await form(browser, '/leveranciers/sleutels', { sleutel: '  ' });
    expect(empty.body).toContain('Plak een publieke sleutel.');
    expect(await storedKids('sociale-dienst-voorbeeldregio')).toEqual(['sociale-dienst-voorbeeldregio-k1']);
  });

  it('adds a public key (PEM or JWK), with which the organisation then gets a token; then the old one can be removed', async () => {
    const browser = await loggedIn(fatima);
    const next = await organisatieKey('sd-k2');
    const added = await form(browser, '/leveranciers/sleutels', { sleutel: JSON.stringify(next.jwks.keys[0]) });
    expect(added.location).toBe(`${stack.url}/leveranciers/sleutels?gedaan=toegevoegd`);
    const twice = await form(browser, '/leveranciers/sleutels', { sleutel: JSON.stringify(next.jwks.keys[0]) });
    expect(twice.body).toContain('U heeft al een sleutel met dit sleutel-id (kid).');
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect((await form(browser, '/leveranciers/sleutels', { sleutel: pem })).location).toBe(`${stack.url}/leveranciers/sleutels?gedaan=toegevoegd`);
    expect(await storedKids('sociale-dienst-voorbeeldregio')).toHaveLength(3);
    const token = await requestToken(api, await clientAssertion(next, 'sociale-dienst-voorbeeldregio', `${api}/token`));
    expect(token.status).toBe(200);
    const removed = await form(browser, '/leveranciers/sleutels/verwijderen', { kid: 'sociale-dienst-voorbeeldregio-k1' });
    expect(removed.location).toBe(`${stack.url}/leveranciers/sleutels?gedaan=verwijderd`);
    const refused = await requestToken(api, await clientAssertion(keys['sociale-dienst-voorbeeldregio']!, 'sociale-dienst-voorbeeldregio', `${api}/token`));
    expect(refused.status).toBe(401);
    const page = await browser.request(`${stack.url}/leveranciers/sleutels`);
    expect(page.body).toContain('Sleutel toegevoegd');
    expect(page.body).toContain('Sleutel verwijderd');
    // Not the other organisation's keys or log.
    const theirs = await (await loggedIn(jan)).request(`${stack.url}/leveranciers/sleutels`);
    expect(theirs.body).not.toContain('sd-k2');
    expect(theirs.body).not.toContain('Fatima Mulder');
  });

  it('sets a JWKS URL (https only) and removes it', async () => {
    const browser = await loggedIn(jan);
    const wrong = await form(browser, '/leveranciers/sleutels/jwks-url', { jwksUrl: 'https://localhost/jwks.json' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Dit adres kunnen we niet gebruiken.');
    const set = await form(browser, '/leveranciers/sleutels/jwks-url', { jwksUrl: 'https://bsgw.example.nl/.well-known/jwks.json' });
    expect(set.location).toBe(`${stack.url}/leveranciers/sleutels?gedaan=jwksUrl`);
    expect((await new Organisaties(stack.voordeur.database.db).get('bsgw-voorbeeldregio'))!.jwksUrl).toBe('https://bsgw.example.nl/.well-known/jwks.json');
    // The registered key still works next to it.
    expect((await requestToken(api, await clientAssertion(keys['bsgw-voorbeeldregio']!, 'bsgw-voorbeeldregio', `${api}/token`))).status).toBe(200);
    await form(browser, '/leveranciers/sleutels/jwks-url/verwijderen', {});
    expect((await new Organisaties(stack.voordeur.database.db).get('bsgw-voorbeeldregio'))!.jwksUrl).toBeUndefined();
  });
});
