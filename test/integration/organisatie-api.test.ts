/**
 * The organisation API as an organisation uses it: a token for a signed client assertion, a batch
 * of berichten with a result per bericht (a bad one costs only itself, a resend stores nothing),
 * the berichten in the recipient's Mijn berichten with the organisation as sender and their PDF,
 * and what became of a bericht (first opened) for the organisation that sent it, and no other.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { signature } from '../../src/features/organisaties/webhook.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { OrganisatieAansluiting } from '../../src/sources/voordeur/organisatie-aansluiting.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { OrganisatieBewaartermijnen } from '../../src/sources/voordeur/organisatie-bewaartermijnen.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let api: string;
const suzanne = '999993653';
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n1 0 obj <<>> endobj\n% ${text}\ntrailer <<>>\n%%EOF\n`);

/** An organisation with a key pair, registered as an operator would. */
async function organisatie(id: string, naam: string) {
  const key = await organisatieKey();
  await new Organisaties(stack.voordeur.database.db).save({ id, naam, jwks: key.jwks });
  const assertion = (claims: { aud?: string; jti?: string } = {}) => clientAssertion(key, id, claims.aud ?? `${api}/token`, claims.jti);
  const token = async (signed?: string) => requestToken(api, signed ?? (await assertion()));
  const accessToken = (await token()).body.access_token!;
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { assertion, token, call, accessToken };
}

/** Until the notification worker has nothing due. */
async function settle() {
  await stack.voordeur.notificaties.worker.drain();
}

beforeAll(async () => {
  stack = await startStack({ ORGANISATIE_API: 'true', NOTIFICATION_BUNDLE_SECONDS: '0' });
  api = `${stack.url}/api/v1`;
});
afterAll(() => stack.close());

const bericht = (berichtId: string, extra: Record<string, unknown> = {}) => ({
  berichtId,
  ontvanger: { bsn: suzanne },
  onderwerp: 'Aanslag afvalstoffenheffing 2027',
  tekst: 'Beste mevrouw De Vries,\n\nU ontvangt de aanslag. Meer op https://belasting.example.nl/aanslag.\n\n<script>alert(1)</script>',
  ...extra,
});

describe('the organisation API', () => {
  it('gives a token only for a fresh assertion signed with the registered key, for this token URL', async () => {
    const org = await organisatie('bsgw-a', 'Belastingsamenwerking A');
    const reused = await org.assertion({ jti: 'once' });
    expect((await org.token(reused)).status).toBe(200);
    expect((await org.token(reused)).body.error).toBe('invalid_client');
    expect((await org.token(await org.assertion({ aud: 'https://elders.example.nl/token' }))).body.error).toBe('invalid_client');
    const stranger = await organisatie('vreemd', 'Vreemd');
    // Signed by another organisation's key, in the name of the first: refused.
    const forged = (await stranger.assertion()).split('.');
    const claimed = (await org.assertion()).split('.');
    expect((await org.token([claimed[0], claimed[1], forged[2]].join('.'))).body.error).toBe('invalid_client');
    expect((await fetch(`${api}/berichten/x`)).status).toBe(401);
    expect((await fetch(`${api}/berichten/x`, { headers: { authorization: 'Bearer nep' } })).status).toBe(401);
  });

  it('stores the good berichten of a batch and says per bericht what was wrong with the others', async () => {
    const org = await organisatie('bsgw-b', 'Belastingsamenwerking B');
    const id = (n: number) => `b-${n}-${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 9 }, (_, n) => id(n));
    const sent = await org.call('/berichten', {
      berichten: [
        bericht(ids[0]!, { bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud: pdf('aanslag').toString('base64') }] }),
        bericht(ids[1]!, { ontvanger: { bsn: '123456789' } }),
        bericht(ids[2]!, { onderwerp: 'x'.repeat(51) }),
        bericht(ids[3]!, { bijlagen: [{ bestandsnaam: 'nep.pdf', inhoud: Buffer.from('<html>geen pdf</html>').toString('base64') }] }),
        bericht(ids[4]!, { bijlagen: [{ bestandsnaam: 'groot.pdf', inhoud: Buffer.concat([pdf('groot'), Buffer.alloc(600 * 1024)]).toString('base64') }] }),
        bericht(ids[5]!, { publicatiedatum: '2030-01-01T00:00:00Z' }),
        bericht(ids[0]!),
        { ontvanger: { bsn: suzanne } },
        bericht(ids[8]!, { ontvanger: { kvkNummer: '69599084' }, publicatiedatum: new Date(Date.now() + 86_400_000).toISOString() }),
      ],
    });
    expect(sent.status).toBe(200);
    expect((sent.body.resultaten as { resultaat: string; veld?: string }[]).map((r) => [r.resultaat, r.veld])).toEqual([
      ['verwerkt', undefined],
      ['ontvangerOnbekend', '/ontvanger'],
      ['ongeldig', '/onderwerp'],
      ['bijlageOngeldig', '/bijlagen/0/inhoud'],
      ['bijlageTeGroot', '/bijlagen/0/inhoud'],
      ['ongeldig', '/publicatiedatum'],
      ['bestaatAl', undefined],
      ['ongeldig', '/berichtId'],
      ['verwerkt', undefined],
    ]);
    // Sent again: nothing new is stored, and it says so.
    const again = await org.call('/berichten', { berichten: [bericht(ids[0]!)] });
    expect((again.body.resultaten as { resultaat: string }[])[0]!.resultaat).toBe('bestaatAl');
    const rows = await stack.voordeur.database.db.selectFrom('organisatie_berichten').select('bericht_id').where('organisatie_id', '=', 'bsgw-b').execute();
    expect(rows.map((r) => r.bericht_id).sort()).toEqual([ids[0], ids[8]].sort());
    expect(JSON.stringify(await stack.voordeur.database.db.selectFrom('organisatie_berichten').selectAll().execute())).not.toContain(suzanne);
    expect((await org.call('/berichten', { berichten: [] })).status).toBe(400);
  });

  it('reads a batch with a PDF and accented text as the organisation sent it, and refuses an attachment that is not plain base64', async () => {
    const org = await organisatie('bsgw-t', 'Belastingsamenwerking T');
    const ids = Array.from({ length: 4 }, (_, n) => `t-${n}-${randomUUID().slice(0, 8)}`);
    const inhoud = Buffer.concat([pdf('accent'), Buffer.from([0xfb, 0xff, 0xfe])]).toString('base64');
    const sent = await org.call('/berichten', {
      berichten: [
        bericht(ids[0]!, { onderwerp: 'Aanslag financiële zaken – één', bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud }] }),
        bericht(ids[1]!, { bijlagen: [{ bestandsnaam: 'a.pdf', inhoud: `${inhoud.slice(0, 40)}\n${inhoud.slice(40)}` }] }),
        bericht(ids[2]!, { bijlagen: [{ bestandsnaam: 'a.pdf', inhoud: inhoud.replaceAll('+', '-').replaceAll('/', '_') }] }),
        bericht(ids[3]!, { bijlagen: [{ bestandsnaam: 'a.pdf', inhoud: `${inhoud}====` }] }),
      ],
    });
    expect((sent.body.resultaten as { resultaat: string; melding?: string }[]).map((r) => [r.resultaat, r.melding])).toEqual([
      ['verwerkt', undefined],
      ['bijlageOngeldig', 'inhoud must be base64'],
      ['bijlageOngeldig', 'inhoud must be base64'],
      ['bijlageOngeldig', 'inhoud must be base64'],
    ]);
    const db = stack.voordeur.database.db;
    const stored = await db.selectFrom('organisatie_berichten').select(['id', 'onderwerp']).where('bericht_id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(stored.onderwerp).toBe('Aanslag financiële zaken – één');
    const browser = await loginOverHttp(stack.url, { bsn: suzanne });
    const file = await fetch(`${stack.url}/berichten/${stored.id}/bijlagen/0`, {
      headers: { cookie: `voordeur_session=${browser.cookie(stack.url, 'voordeur_session')}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).toString('base64')).toBe(inhoud);
  });

  it('shows the bericht in Mijn berichten with its sender and PDF, as text, and tells the organisation when it was opened', async () => {
    const org = await organisatie('bsgw-c', 'Belastingsamenwerking C');
    const berichtId = `c-${randomUUID()}`;
    await org.call('/berichten', {
      berichten: [bericht(berichtId, { referentie: 'AANSLAG-2027-1', bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud: pdf('c').toString('base64') }] })],
    });
    expect((await org.call(`/berichten/${berichtId}`)).body.geopend).toBeNull();

    const browser = await loginOverHttp(stack.url, { bsn: suzanne });
    const inbox = await browser.request(`${stack.url}/berichten`);
    expect(inbox.body).toContain('Van Belastingsamenwerking C');
    const href =
      /href="(\/berichten\/[0-9a-f-]{36})">(?:<span lang="nl">)?Aanslag afvalstoffenheffing 2027(?:<\/span>)?<\/a>(?:(?!<\/td>).)*Van Belastingsamenwerking C/.exec(
        inbox.body,
      )?.[1];
    expect(href).toBeDefined();
    const page = await browser.request(`${stack.url}${href}`);
    expect(page.body).toContain('Belastingsamenwerking C');
    expect(page.body).toContain('AANSLAG-2027-1');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('href="https://belasting.example.nl/aanslag"');
    const bijlage = /href="(\/berichten\/[^"]+\/bijlagen\/0)"/.exec(page.body)?.[1];
    const file = await fetch(`${stack.url}${bijlage}`, { headers: { cookie: `voordeur_session=${browser.cookie(stack.url, 'voordeur_session')}` } });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf('c'));

    const status = await org.call(`/berichten/${berichtId}`);
    expect(status.body.geopend).toEqual(expect.any(String));
    // The inbox can show only what one sender sent: the organisation itself names none of its berichten.
    const fromC = await browser.request(`${stack.url}/berichten?van=${encodeURIComponent('Belastingsamenwerking C')}`);
    expect(fromC.body).toContain('<option value="Belastingsamenwerking C" selected>');
    expect(fromC.body).toContain('Aanslag afvalstoffenheffing 2027');
    expect(fromC.body).not.toContain('Van Belastingsamenwerking B');
    const fromGemeente = await browser.request(`${stack.url}/berichten?van=${encodeURIComponent('Gemeente Voorbeeldstad')}`);
    expect(fromGemeente.body).not.toContain('Van Belastingsamenwerking');
    expect(fromGemeente.body).toContain('Uitnodiging voor een gesprek');
    // Another organisation cannot see it; nor can anyone but Suzanne.
    expect((await (await organisatie('bsgw-d', 'D')).call(`/berichten/${berichtId}`)).status).toBe(404);
    const other = await loginOverHttp(stack.url, { bsn: '999992570' });
    expect((await other.request(`${stack.url}${href}`)).status).toBe(404);
  });

  it("shows a company's berichten as its zaken: company-wide ones at each vestiging, a vestiging's own at that vestiging and the company, never at another vestiging", async () => {
    const org = await organisatie('bsgw-v', 'Belastingsamenwerking V');
    const kvkNummer = '69599084';
    const [hoofd, neven] = ['000038509504', '000038509520'];
    const sent = { bedrijf: `v-${randomUUID()}`, hoofd: `v-${randomUUID()}`, neven: `v-${randomUUID()}` };
    const onderwerp = { bedrijf: 'Aanslag voor het bedrijf', hoofd: 'Aanslag voor de hoofdvestiging', neven: 'Aanslag voor de nevenvestiging' };
    const result = await org.call('/berichten', {
      berichten: [
        bericht(sent.bedrijf, { ontvanger: { kvkNummer }, onderwerp: onderwerp.bedrijf }),
        bericht(sent.hoofd, { ontvanger: { kvkNummer, vestigingsnummer: hoofd }, onderwerp: onderwerp.hoofd }),
        bericht(sent.neven, { ontvanger: { kvkNummer, vestigingsnummer: neven }, onderwerp: onderwerp.neven }),
      ],
    });
    expect((result.body.resultaten as { resultaat: string }[]).map((r) => r.resultaat)).toEqual(['verwerkt', 'verwerkt', 'verwerkt']);
    const seen = async (browser: Awaited<ReturnType<typeof loginOverHttp>>) => {
      const inbox = (await browser.request(`${stack.url}/berichten`)).body;
      return Object.values(onderwerp).filter((o) => inbox.includes(o));
    };
    const company = await loginOverHttp(stack.url, { kvk: kvkNummer });
    expect(await seen(company)).toEqual([onderwerp.bedrijf, onderwerp.hoofd, onderwerp.neven]);
    const bijHoofd = await loginOverHttp(stack.url, { kvk: kvkNummer, vestiging: hoofd });
    expect(await seen(bijHoofd)).toEqual([onderwerp.bedrijf, onderwerp.hoofd]);
    // Every bericht in its list opens; the other vestiging's does not, whatever the URL.
    const inbox = (await bijHoofd.request(`${stack.url}/berichten`)).body;
    const hrefOf = (page: string, text: string) => new RegExp(`href="(/berichten/[0-9a-f-]{36})">(?:<span lang="nl">)?${text}(?:</span>)?</a>`).exec(page)?.[1];
    for (const text of [onderwerp.bedrijf, onderwerp.hoofd]) expect((await bijHoofd.request(`${stack.url}${hrefOf(inbox, text)}`)).status).toBe(200);
    const nevenHref = hrefOf((await company.request(`${stack.url}/berichten`)).body, onderwerp.neven);
    expect(nevenHref).toBeDefined();
    expect((await bijHoofd.request(`${stack.url}${nevenHref}`)).status).toBe(404);
  });

  it('tells the recipient once, by their channel, without what the bericht says; a resend tells nobody again, a later one not yet', async () => {
    const org = await organisatie('bsgw-e', 'Belastingsamenwerking E');
    const to = 'suzanne.devries@example.nl';
    const mails = () => stack.notify.sent().filter((m) => m.to === to && m.templateId === notifyTemplates.emailChange.id);
    await settle();
    const before = mails().length;
    const berichtId = `e-${randomUUID()}`;
    // One published next week is not told about now.
    await org.call('/berichten', { berichten: [bericht(`${berichtId}-later`, { publicatiedatum: new Date(Date.now() + 7 * 86_400_000).toISOString() })] });
    await settle();
    expect(mails()).toHaveLength(before);
    await org.call('/berichten', { berichten: [bericht(berichtId)] });
    await settle();
    expect(mails()).toHaveLength(before + 1);
    // The organisation can see that the person was told, and by which channel.
    expect((await org.call(`/berichten/${berichtId}`)).body.meldingen).toEqual([
      { kanaal: 'email', verstuurd: expect.any(String), status: expect.stringMatching(/sent|delivered/) },
    ]);
    expect((await org.call(`/berichten/${berichtId}-later`)).body.meldingen).toEqual([]);
    const mail = mails().at(-1)!;
    expect(mail.body).toContain('bericht');
    for (const personal of ['Aanslag', 'Belastingsamenwerking', suzanne, 'https://']) expect(mail.body + mail.subject).not.toContain(personal);
    await org.call('/berichten', { berichten: [bericht(berichtId)] });
    await settle();
    expect(mails()).toHaveLength(before + 1);
  });

  it('shows a pushed lopende zaak in Mijn zaken with its steps as a timeline, moves it on, and tells the person', async () => {
    const org = await organisatie('ggd-f', 'GGD Voorbeeld');
    const zaakId = `Z-${randomUUID().slice(0, 8)}`;
    const put = (body: unknown) =>
      fetch(`${api}/zaken/${zaakId}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${org.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const zaak = {
      ontvanger: { bsn: suzanne },
      titel: 'Aanvraag reiskostenvergoeding',
      soort: 'Reiskosten',
      stappen: ['Ontvangen', 'In behandeling', 'Besluit'],
      startdatum: '2026-11-20',
    };
    expect((await put({ ...zaak, stappen: [] })).status).toBe(400);
    expect((await put({ ...zaak, ontvanger: { bsn: '123456789' } })).status).toBe(400);
    expect((await put(zaak)).status).toBe(201);
    expect((await put({ ...zaak, einddatumGepland: '2027-01-15' })).status).toBe(200);
    expect((await org.call(`/zaken/${zaakId}/statussen`, { stap: 'Bestaat niet' })).status).toBe(400);
    expect((await org.call('/zaken/onbekend/statussen', { stap: 'Ontvangen' })).status).toBe(404);
    await settle();
    const to = 'suzanne.devries@example.nl';
    const before = stack.notify.sent().filter((m) => m.to === to && m.templateId === notifyTemplates.emailChange.id).length;
    expect((await org.call(`/zaken/${zaakId}/statussen`, { stap: 'Ontvangen', datum: '2026-11-20T09:00:00Z' })).status).toBe(201);
    expect((await org.call(`/zaken/${zaakId}/statussen`, { stap: 'In behandeling', toelichting: 'We bekijken uw aanvraag.' })).status).toBe(201);
    await settle();
    const mails = stack.notify.sent().filter((m) => m.to === to && m.templateId === notifyTemplates.emailChange.id);
    expect(mails.length).toBeGreaterThan(before);
    expect(mails.at(-1)!.body).toContain('zaken');
    expect(mails.at(-1)!.body).not.toContain('reiskosten');

    const browser = await loginOverHttp(stack.url, { bsn: suzanne });
    const list = await browser.request(`${stack.url}/zaken`);
    expect(list.body).toContain('Aanvraag reiskostenvergoeding');
    expect(list.body).toContain('Van GGD Voorbeeld');
    const href = /href="(\/zaken\/organisaties\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
    const page = await browser.request(`${stack.url}${href}`);
    expect(page.status).toBe(200);
    for (const text of ['GGD Voorbeeld', zaakId, 'Ontvangen', 'In behandeling', 'Besluit', 'We bekijken uw aanvraag.']) expect(page.body).toContain(text);
    // Nobody else sees it, and the organisation's other API calls cannot reach another's zaak.
    const other = await loginOverHttp(stack.url, { bsn: '999992570' });
    expect((await other.request(`${stack.url}${href}`)).status).toBe(404);
    expect((await (await organisatie('ggd-g', 'G')).call(`/zaken/${zaakId}/statussen`, { stap: 'Besluit' })).status).toBe(404);
  });

  it("tells the organisation's webhook that a bericht was delivered, that the person was notified and when it was first opened: signed, retried until it answers, each once", async () => {
    const org = await organisatie('bsgw-w', 'Belastingsamenwerking W');
    const calls: { body: string; signature: string; status: number }[] = [];
    const receiver = Fastify();
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    receiver.post('/hook', async (request, reply) => {
      // Down for the first two calls: the events must still arrive.
      const status = calls.length < 2 ? 500 : 204;
      calls.push({ body: request.body as string, signature: String(request.headers['x-voordeur-signature']), status });
      return reply.code(status).send();
    });
    const hook = `${await receiver.listen({ port: 0, host: '127.0.0.1' })}/hook`;
    const delivered = () => calls.filter((c) => c.status === 204).map((c) => JSON.parse(c.body) as { type: string });
    const waitFor = async (count: number) => {
      for (let i = 0; i < 100 && delivered().length < count; i++) {
        await settle();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      const secret = 'whsec-test-0123456789abcdef';
      await new Organisaties(stack.voordeur.database.db, new IdentityKeys(stack.voordeur.config.identityKeySecret)).setWebhook('bsgw-w', { url: hook, secret });
      const berichtId = `w-${randomUUID()}`;
      await org.call('/berichten', { berichten: [bericht(berichtId, { onderwerp: 'Webhookbericht' })] });
      await waitFor(2);
      expect(delivered()).toEqual(
        expect.arrayContaining([
          { type: 'bericht.afgeleverd', berichtId, tijdstip: expect.any(String) },
          { type: 'bericht.gemeld', berichtId, tijdstip: expect.any(String), kanaal: 'email' },
        ]),
      );
      const browser = await loginOverHttp(stack.url, { bsn: suzanne });
      const href = /href="(\/berichten\/[0-9a-f-]{36})">(?:<span lang="nl">)?Webhookbericht</.exec((await browser.request(`${stack.url}/berichten`)).body)![1]!;
      await browser.request(`${stack.url}${href}`);
      await browser.request(`${stack.url}${href}`);
      await waitFor(3);
      expect(calls.slice(0, 2).map((c) => c.status)).toEqual([500, 500]);
      expect(
        delivered()
          .map((event) => event.type)
          .sort(),
      ).toEqual(['bericht.afgeleverd', 'bericht.gemeld', 'bericht.geopend']);
      const last = calls.at(-1)!;
      expect(JSON.parse(last.body)).toEqual({ type: 'bericht.geopend', berichtId, tijdstip: expect.any(String) });
      for (const call of calls) expect(call.body).not.toContain(suzanne);
      const t = Number(/t=(\d+)/.exec(last.signature)![1]);
      expect(last.signature).toBe(signature(secret, last.body, t));
      // Opened again: nothing more to tell.
      await settle();
      expect(delivered()).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it('keeps a bericht with a later publicatiedatum out of sight until then; then it is in Mijn berichten and the person is told', async () => {
    const org = await organisatie('bsgw-p', 'Belastingsamenwerking P');
    const to = 'suzanne.devries@example.nl';
    const mails = () => stack.notify.sent().filter((m) => m.to === to && m.templateId === notifyTemplates.emailChange.id);
    await settle();
    const before = mails().length;
    const berichtId = `p-${randomUUID()}`;
    const at = new Date(Date.now() + 2_000);
    await org.call('/berichten', { berichten: [bericht(berichtId, { onderwerp: 'Later gepubliceerd', publicatiedatum: at.toISOString() })] });
    await settle();
    const browser = await loginOverHttp(stack.url, { bsn: suzanne });
    expect((await browser.request(`${stack.url}/berichten`)).body).not.toContain('Later gepubliceerd');
    expect(mails()).toHaveLength(before);

    await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 200));
    for (let i = 0; i < 50 && mails().length === before; i++) {
      await settle();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(mails()).toHaveLength(before + 1);
    expect((await browser.request(`${stack.url}/berichten`)).body).toContain('Later gepubliceerd');
    expect((await org.call(`/berichten/${berichtId}`)).body.meldingen).toEqual([
      { kanaal: 'email', verstuurd: expect.any(String), status: expect.stringMatching(/sent|delivered/) },
    ]);
  });

  it("writes each bericht, zaak and status an organisation pushes in the person's processing log, under the organisation's name", async () => {
    const org = await organisatie('ggd-log', 'GGD Logboek');
    const fatima = '999991772';
    const berichtId = `log-${randomUUID()}`;
    const zaakId = `Z-${randomUUID().slice(0, 8)}`;
    expect((await org.call('/berichten', { berichten: [bericht(berichtId, { ontvanger: { bsn: fatima } })] })).status).toBe(200);
    // A resend stores nothing, and is no new line.
    expect((await org.call('/berichten', { berichten: [bericht(berichtId, { ontvanger: { bsn: fatima } })] })).status).toBe(200);
    const put = await fetch(`${api}/zaken/${zaakId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${org.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ontvanger: { bsn: fatima }, titel: 'Vaccinatie', stappen: ['Ontvangen', 'Afgerond'], startdatum: '2026-11-20' }),
    });
    expect(put.status).toBe(201);
    expect((await org.call(`/zaken/${zaakId}/statussen`, { stap: 'Ontvangen' })).status).toBe(201);

    const rows = await stack.voordeur.database.db
      .selectFrom('processing_log')
      .select(['actor', 'actor_key', 'actor_naam', 'action', 'category', 'purpose', 'subject_key'])
      .where('actor', '=', 'organisatie')
      .where('actor_key', '=', 'ggd-log')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.category, r.actor_naam, r.purpose])).toEqual([
      ['toevoegen', 'berichten', 'GGD Logboek', 'informeren'],
      ['toevoegen', 'zaken', 'GGD Logboek', 'informeren'],
      ['wijzigen', 'zaken', 'GGD Logboek', 'informeren'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(fatima);
    const page = await (await loginOverHttp(stack.url, { bsn: fatima })).request(`${stack.url}/gegevens/verwerkingen`);
    const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('GGD Logboek');
    expect(text).toContain('een bericht voor u in Mijn berichten');
    expect(text).toContain('uw zaak bij deze organisatie, in Mijn zaken');
    expect(text).toContain('Om u iets te laten weten');
  });

  /** Makes inserts into `table` that match `when` fail until the returned function is called. */
  async function failing(table: string, when: string) {
    const db = stack.voordeur.database.db;
    await sql
      .raw(`create or replace function test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`)
      .execute(db);
    await sql.raw(`create trigger test_refuse before insert on ${table} for each row when (${when}) execute function test_refuse()`).execute(db);
    return () => sql.raw(`drop trigger test_refuse on ${table}`).execute(db);
  }

  it('stores a batch only with its lines in the processing log: when the log cannot be written, nothing is stored and a resend is new', async () => {
    const org = await organisatie('ggd-tx', 'GGD Transactie');
    const berichtId = `tx-${randomUUID()}`;
    const restore = await failing('processing_log', "new.actor = 'organisatie'");
    try {
      expect((await org.call('/berichten', { berichten: [bericht(berichtId)] })).status).toBe(500);
    } finally {
      await restore();
    }
    const db = stack.voordeur.database.db;
    expect(await db.selectFrom('organisatie_berichten').select('id').where('organisatie_id', '=', 'ggd-tx').execute()).toEqual([]);
    const again = await org.call('/berichten', { berichten: [bericht(berichtId)] });
    expect((again.body.resultaten as { resultaat: string }[])[0]!.resultaat).toBe('verwerkt');
  });

  it("counts a batch's refusals in the transaction that stores it: when they cannot be counted nothing is stored, and the resend is counted once", async () => {
    const org = await organisatie('ggd-count', 'GGD Tellen');
    const good = `count-${randomUUID()}`;
    const batch = { berichten: [bericht(good), bericht(`count-${randomUUID()}`, { onderwerp: 'x'.repeat(51) })] };
    const restore = await failing('organisatie_resultaten', "new.resultaat = 'ongeldig'");
    try {
      expect((await org.call('/berichten', batch)).status).toBe(500);
    } finally {
      await restore();
    }
    const db = stack.voordeur.database.db;
    // As the leveranciersportaal shows them: today's counts, added up over the day's parts (migration 0033).
    const counts = async () => {
      const [vandaag] = await new OrganisatieAansluiting(db).perDag('ggd-count', 1);
      return Object.fromEntries(Object.entries(vandaag!.aantallen).filter(([, aantal]) => aantal > 0));
    };
    expect(await counts()).toEqual({});
    expect(await db.selectFrom('organisatie_berichten').select('id').where('organisatie_id', '=', 'ggd-count').execute()).toEqual([]);
    const sent = await org.call('/berichten', batch);
    expect((sent.body.resultaten as { resultaat: string }[]).map((r) => r.resultaat)).toEqual(['verwerkt', 'ongeldig']);
    await org.call('/berichten', { berichten: [bericht(good)] });
    expect(await counts()).toEqual({ verwerkt: 1, ongeldig: 1, bestaatAl: 1 });
  });

  it('deletes berichten past their retention (per organisation and bericht type) with their PDFs, every hour, and keeps the others', async () => {
    const db = stack.voordeur.database.db;
    const org = await organisatie('bsgw-bewaar', 'Belastingsamenwerking Bewaren');
    const other = await organisatie('ggd-bewaar', 'GGD Bewaren');
    const termijnen = new OrganisatieBewaartermijnen(db);
    await termijnen.set('bsgw-bewaar', '', 30);
    await termijnen.set('bsgw-bewaar', 'aanslag', 400);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
    const ids = { oud: id('oud'), recent: id('recent'), aanslag: id('aanslag'), oudeAanslag: id('oude-aanslag'), ander: id('ander') };
    const pdfBijlage = [{ bestandsnaam: 'aanslag.pdf', inhoud: pdf('bewaar').toString('base64') }];
    await org.call('/berichten', {
      berichten: [
        bericht(ids.oud, { publicatiedatum: daysAgo(40) }),
        bericht(ids.recent, { publicatiedatum: daysAgo(10) }),
        bericht(ids.aanslag, { berichtType: 'aanslag', publicatiedatum: daysAgo(100) }),
        bericht(ids.oudeAanslag, { berichtType: 'aanslag', publicatiedatum: daysAgo(500), bijlagen: pdfBijlage }),
      ],
    });
    await other.call('/berichten', { berichten: [bericht(ids.ander, { publicatiedatum: daysAgo(900) })] });
    expect((await org.call('/berichten', { berichten: [bericht(id('fout'), { berichtType: 'Geen Type!' })] })).body.resultaten).toMatchObject([
      { resultaat: 'ongeldig', veld: '/berichtType' },
    ]);
    const uuidOf = async (berichtId: string) =>
      (await db.selectFrom('organisatie_berichten').select('id').where('bericht_id', '=', berichtId).executeTakeFirst())?.id;
    const oudeAanslag = (await uuidOf(ids.oudeAanslag))!;
    const browser = await loginOverHttp(stack.url, { bsn: suzanne });
    expect((await browser.request(`${stack.url}/berichten/${oudeAanslag}/bijlagen/0`)).status).toBe(200);

    // The hourly job, now: it is planned when Voordeur starts, and plans its next run an hour on.
    const planned = () =>
      db.selectFrom('jobs').select(['run_at', 'state']).where('queue', '=', 'organisatie.bewaartermijn').where('state', '=', 'pending').execute();
    expect(await planned()).toHaveLength(1);
    await db.updateTable('jobs').set({ run_at: new Date() }).where('queue', '=', 'organisatie.bewaartermijn').where('state', '=', 'pending').execute();
    await settle();
    const next = await planned();
    expect(next).toHaveLength(1);
    expect(new Date(next[0]!.run_at).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    expect(await uuidOf(ids.oud)).toBeUndefined();
    expect(await uuidOf(ids.oudeAanslag)).toBeUndefined();
    for (const kept of [ids.recent, ids.aanslag, ids.ander]) expect(await uuidOf(kept), kept).toBeDefined();
    expect(await db.selectFrom('organisatie_bijlagen').select('index').where('bericht_uuid', '=', oudeAanslag).execute()).toEqual([]);
    const inbox = await browser.request(`${stack.url}/berichten`);
    expect(inbox.body).not.toContain(oudeAanslag);
    expect((await browser.request(`${stack.url}/berichten/${oudeAanslag}`)).status).toBe(404);
    expect((await browser.request(`${stack.url}/berichten/${oudeAanslag}/bijlagen/0`)).status).toBe(404);
    // The organisation is told it no longer exists, as for one it never sent.
    expect((await org.call(`/berichten/${ids.oudeAanslag}`)).status).toBe(404);
  });

  it('serves its OpenAPI 3.1 document', async () => {
    const document = (await (await fetch(`${api}/openapi.json`)).json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers[0]!.url).toBe(api);
    expect(Object.keys(document.paths)).toEqual([
      '/token',
      '/berichten',
      '/berichten/{berichtId}',
      '/zaken/{zaakId}',
      '/zaken/{zaakId}/statussen',
      '/openapi.json',
    ]);
  });
});
