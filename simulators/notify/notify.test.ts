/**
 * Tests of the NotifyNL simulator, driven with the official notifications-node-client (and, for
 * the faults, Voordeur's own Notify source), so that what works here works against NotifyNL:
 * the API key's JWT, the answers and error bodies of the v2 API, templates and personalisation,
 * recipient checks, faults, waitFor and the mailbox page.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { NotifyClient } from 'notifications-node-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/platform/metrics.ts';
import { NotifyClient as NotifySource, NotifyError } from '../../src/sources/notify/notify.ts';
import { apiKey, registerNotifySimulator } from './index.ts';
import type { NotifySimulator, NotifySimulatorOptions } from './index.ts';

const service = { serviceId: '6a8e1c1e-3d0a-4c5e-9f1b-2b7c4d5e6f70', secret: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d' };
const otherService = { serviceId: '7b9f2d2f-4e1b-4d6f-8a2c-3c8d5e6f7081', secret: '1c2d3e4f-5061-4b7c-9d8e-af1b2c3d4e5f' };
const templates = {
  emailCode: {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    type: 'email' as const,
    name: 'Bevestigingscode e-mail',
    subject: 'Uw code: ((code))',
    body: 'Beste ((Naam)),\n\nUw code is ((code)).\nDe code is 15 minuten geldig.\n\n((toelichting??Dit bericht is verstuurd omdat u uw e-mailadres wijzigde.))',
  },
  smsCode: { id: 'a1b2c3d4-0000-4000-8000-000000000002', type: 'sms' as const, name: 'Code sms', body: 'Uw code voor Voordeur is ((code)).' },
  plainSms: { id: 'a1b2c3d4-0000-4000-8000-000000000003', type: 'sms' as const, name: 'Vaste sms', body: 'Uw verzoek is ontvangen.' },
};
const unknownUuid = '00000000-0000-4000-8000-000000000000';

interface Running {
  app: FastifyInstance;
  notify: NotifySimulator;
  client: NotifyClient;
}

async function start(options: Partial<NotifySimulatorOptions> = {}): Promise<Running> {
  const app = Fastify({ logger: false });
  // Another simulator on the same instance, as in the demo: must not see Notify's hooks.
  app.get('/oidc/ping', async () => ({ pong: true }));
  const notify = await registerNotifySimulator(app, {
    baseUrl: 'http://127.0.0.1:0',
    services: [service, otherService],
    templates: Object.values(templates),
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, notify, client: new NotifyClient(notify.url, apiKey(service)) };
}

/** What the client's promise fails with: the HTTP status and Notify's body. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: unknown } }).response;
    if (!response) throw error;
    return { status: response.status, data: response.data };
  }
  throw new Error('expected the call to fail');
}

const notifyError = (status: number, error: string, message: string | RegExp) => ({
  status,
  data: { status_code: status, errors: [{ error, message: typeof message === 'string' ? message : expect.stringMatching(message) }] },
});

const jwt = (claims: Record<string, unknown>, secret = service.secret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

const notifyTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('Notify simulator', () => {
  let sim: Running;

  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.app.close());
  beforeEach(() => sim.notify.clear());
  afterEach(() => {
    sim.notify.setFault('none');
    sim.notify.setLatency(0);
  });

  describe('sending with the official client', () => {
    it('sends an e-mail: fills in subject and body, answers like Notify, and keeps it', async () => {
      const response = await sim.client.sendEmail(templates.emailCode.id, 'suzanne@example.nl', {
        personalisation: { naam: 'Suzanne', code: '493027', toelichting: 'ja' },
        reference: 'wijziging-42',
      });
      expect(response.status).toBe(201);
      const sent = response.data;
      expect(sent).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        reference: 'wijziging-42',
        content: {
          subject: 'Uw code: 493027',
          body: 'Beste Suzanne,\n\nUw code is 493027.\nDe code is 15 minuten geldig.\n\n',
          from_email: expect.stringContaining('@'),
        },
        uri: `${sim.notify.url}/v2/notifications/${sent.id}`,
        template: { id: templates.emailCode.id, version: 1, uri: expect.stringContaining(templates.emailCode.id) },
        scheduled_for: null,
      });

      expect(sim.notify.sent()).toEqual([
        {
          id: sent.id,
          type: 'email',
          to: 'suzanne@example.nl',
          templateId: templates.emailCode.id,
          personalisation: { naam: 'Suzanne', code: '493027', toelichting: 'ja' },
          reference: 'wijziging-42',
          subject: 'Uw code: 493027',
          body: sent.content.body,
          createdAt: expect.any(Date),
          status: 'delivered',
        },
      ]);

      const read = (await sim.client.getNotificationById(sent.id)).data;
      expect(read).toMatchObject({
        id: sent.id,
        reference: 'wijziging-42',
        email_address: 'suzanne@example.nl',
        phone_number: null,
        type: 'email',
        status: 'delivered',
        template: { id: templates.emailCode.id, version: 1 },
        body: sent.content.body,
        subject: 'Uw code: 493027',
      });
      expect(read.created_at).toMatch(notifyTime);
    });

    it('shows conditional text only for yes-like values, and matches placeholder names loosely', async () => {
      const body = async (personalisation: Record<string, string>) =>
        (await sim.client.sendEmail(templates.emailCode.id, 'a@example.nl', { personalisation })).data.content.body;
      expect(await body({ NAAM: 'Jan', Code: '1', toelichting: 'yes' })).toContain('Beste Jan,');
      expect(await body({ naam: 'Jan', code: '1', toelichting: 'yes' })).toContain('omdat u uw e-mailadres wijzigde');
      expect(await body({ naam: 'Jan', code: '1', toelichting: 'nee' })).not.toContain('omdat u');
    });

    it('sends a text message to Dutch mobile numbers in either form, and to international numbers', async () => {
      const response = await sim.client.sendSms(templates.smsCode.id, '06 1234 5678', { personalisation: { code: '8812' } });
      expect(response.status).toBe(201);
      expect(response.data).toMatchObject({ reference: null, content: { body: 'Uw code voor Voordeur is 8812.', from_number: expect.any(String) } });

      for (const number of ['+31612345678', '0031 6 12345678', '+44 7700 900123', '+32470123456']) {
        expect((await sim.client.sendSms(templates.plainSms.id, number, { personalisation: {} })).status).toBe(201);
      }
      const read = (await sim.client.getNotificationById(response.data.id)).data;
      expect(read).toMatchObject({ type: 'sms', phone_number: '06 1234 5678', email_address: null, subject: null, body: 'Uw code voor Voordeur is 8812.' });
      expect(sim.notify.sent().map((m) => m.to)).toEqual(['06 1234 5678', '+31612345678', '0031 6 12345678', '+44 7700 900123', '+32470123456']);
    });

    it('lists the service’s own notifications newest first, with filters and older_than paging', async () => {
      const email = (
        await sim.client.sendEmail(templates.emailCode.id, 'a@example.nl', {
          personalisation: { naam: 'A', code: '1', toelichting: 'nee' },
          reference: 'ref-a',
        })
      ).data;
      const sms1 = (await sim.client.sendSms(templates.smsCode.id, '0612345678', { personalisation: { code: '2' }, reference: 'ref-b' })).data;
      const sms2 = (await sim.client.sendSms(templates.smsCode.id, '0612345679', { personalisation: { code: '3' }, reference: 'ref-b' })).data;
      const other = new NotifyClient(sim.notify.url, apiKey(otherService, 'ander'));
      await other.sendSms(templates.plainSms.id, '0687654321', { personalisation: {} });

      const all = (await sim.client.getNotifications()).data;
      expect(all.notifications.map((n) => n.id)).toEqual([sms2.id, sms1.id, email.id]);
      expect(all.links.current).toBe(`${sim.notify.url}/v2/notifications`);
      expect(all.links.next).toBe(`${sim.notify.url}/v2/notifications?older_than=${email.id}`);

      expect((await sim.client.getNotifications('sms')).data.notifications.map((n) => n.id)).toEqual([sms2.id, sms1.id]);
      expect((await sim.client.getNotifications(undefined, 'delivered', 'ref-b')).data.notifications.map((n) => n.id)).toEqual([sms2.id, sms1.id]);
      expect((await sim.client.getNotifications(undefined, 'failed')).data.notifications).toEqual([]);
      expect((await sim.client.getNotifications('email', undefined, 'ref-b')).data.notifications).toEqual([]);
      const older = (await sim.client.getNotifications(undefined, undefined, undefined, sms2.id)).data;
      expect(older.notifications.map((n) => n.id)).toEqual([sms1.id, email.id]);
      const last = (await sim.client.getNotifications(undefined, undefined, undefined, email.id)).data;
      expect(last.notifications).toEqual([]);
      expect(last.links.next).toBeUndefined();

      // The other service sees only its own message, and not one of this service by id.
      expect((await other.getNotifications()).data.notifications).toHaveLength(1);
      expect(await failure(other.getNotificationById(email.id))).toEqual(notifyError(404, 'NoResultFound', 'No result found'));

      expect(await failure(sim.client.getNotifications(undefined, 'bezorgd'))).toEqual(
        notifyError(400, 'ValidationError', /^status bezorgd is not one of \[cancelled, created/),
      );
      expect(await failure(sim.client.getNotifications('brief' as 'sms'))).toEqual(
        notifyError(400, 'ValidationError', 'template_type brief is not one of [sms, email, letter]'),
      );
      expect(await failure(sim.client.getNotificationById('123'))).toEqual(notifyError(400, 'ValidationError', 'notification_id is not a valid UUID'));
      expect(await failure(sim.client.getNotificationById(unknownUuid))).toEqual(notifyError(404, 'NoResultFound', 'No result found'));
    });

    it('gives a template by id', async () => {
      const template = (await sim.client.getTemplateById(templates.emailCode.id)).data;
      expect(template).toMatchObject({
        id: templates.emailCode.id,
        name: 'Bevestigingscode e-mail',
        type: 'email',
        version: 1,
        body: templates.emailCode.body,
        subject: 'Uw code: ((code))',
      });
      expect((await sim.client.getTemplateById(templates.smsCode.id)).data).toMatchObject({ type: 'sms', subject: null });
      expect(await failure(sim.client.getTemplateById(unknownUuid))).toEqual(notifyError(404, 'NoResultFound', 'No Result Found'));
      expect(await failure(sim.client.getTemplateById('geen-uuid'))).toEqual(notifyError(400, 'ValidationError', 'template_id is not a valid UUID'));
    });
  });

  describe('refusals, as Notify gives them', () => {
    it('refuses a key with the wrong secret, an unknown service, no token and a token with a bad clock', async () => {
      const wrongSecret = new NotifyClient(sim.notify.url, apiKey({ ...service, secret: otherService.secret }));
      expect(await failure(wrongSecret.sendSms(templates.plainSms.id, '0612345678', {}))).toEqual(
        notifyError(403, 'AuthError', 'Invalid token: API key not found'),
      );
      const unknownService = new NotifyClient(sim.notify.url, apiKey({ serviceId: unknownUuid, secret: service.secret }));
      expect(await failure(unknownService.getNotifications())).toEqual(notifyError(403, 'AuthError', 'Invalid token: service not found'));

      const call = (authorization?: string) =>
        fetch(`${sim.notify.url}/v2/notifications`, { headers: authorization === undefined ? {} : { authorization } }).then(async (r) => ({
          status: r.status,
          data: await r.json(),
        }));
      expect(await call()).toEqual(notifyError(401, 'AuthError', 'Unauthorized: authentication token must be provided'));
      expect(await call('Basic abc')).toEqual(notifyError(401, 'AuthError', 'Unauthorized: authentication bearer scheme must be used'));
      const now = Math.floor(Date.now() / 1000);
      const clock = 'Error: Your system clock must be accurate to within 30 seconds';
      expect(await call(`Bearer ${await jwt({ iss: service.serviceId, iat: now - 60 })}`)).toEqual(notifyError(403, 'AuthError', clock));
      expect(await call(`Bearer ${await jwt({ iss: service.serviceId, iat: now + 60 })}`)).toEqual(notifyError(403, 'AuthError', clock));
      expect((await call(`Bearer ${await jwt({ iss: service.serviceId, iat: now - 20 })}`)).status).toBe(200);
      expect(await call(`Bearer ${await jwt({ iss: service.serviceId })}`)).toEqual(notifyError(403, 'AuthError', 'Invalid token: API key not found'));
      expect(await call(`Bearer ${await jwt({ iat: now })}`)).toEqual(notifyError(403, 'AuthError', 'Invalid token: iss field not provided'));
      expect(await call(`Bearer ${await jwt({ iss: 'voordeur', iat: now })}`)).toEqual(
        notifyError(403, 'AuthError', 'Invalid token: service id is not the right data type'),
      );
      expect(await call('Bearer geen.jwt')).toEqual(notifyError(403, 'AuthError', /^Invalid token: make sure your API token/));
      expect(sim.notify.sent()).toEqual([]);
    });

    it('refuses an unknown template, a template of the other type and missing personalisation', async () => {
      expect(await failure(sim.client.sendEmail(unknownUuid, 'a@example.nl', {}))).toEqual(notifyError(400, 'BadRequestError', 'Template not found'));
      expect(await failure(sim.client.sendEmail(templates.smsCode.id, 'a@example.nl', { personalisation: { code: '1' } }))).toEqual(
        notifyError(400, 'BadRequestError', 'sms template is not suitable for email notification'),
      );
      expect(await failure(sim.client.sendSms(templates.smsCode.id, '0612345678', { personalisation: { naam: 'x' } }))).toEqual(
        notifyError(400, 'BadRequestError', 'Missing personalisation: code'),
      );
      expect(await failure(sim.client.sendEmail(templates.emailCode.id, 'a@example.nl', {}))).toEqual(
        notifyError(400, 'BadRequestError', 'Missing personalisation: code, Naam, toelichting'),
      );
      expect(await failure(sim.client.sendEmail('niet-een-uuid', 'a@example.nl', {}))).toEqual(
        notifyError(400, 'ValidationError', 'template_id is not a valid UUID'),
      );
      expect(sim.notify.sent()).toEqual([]);
    });

    it('refuses invalid e-mail addresses and phone numbers with Notify’s ValidationError', async () => {
      const personalisation = { naam: 'x', code: '1', toelichting: 'nee' };
      for (const address of ['geen-adres', 'a@b', 'a..b@example.nl', 'a@example..nl', 'a b@example.nl', 'a@-example.nl', 'a@example.n1']) {
        expect(await failure(sim.client.sendEmail(templates.emailCode.id, address, { personalisation })), address).toEqual(
          notifyError(400, 'ValidationError', 'email_address Not a valid email address'),
        );
      }
      const phone = async (number: string) => (await failure(sim.client.sendSms(templates.plainSms.id, number, {}))).data.errors[0].message;
      expect(await phone('06-1234567a')).toBe('phone_number Must not contain letters or symbols');
      expect(await phone('0612345')).toBe('phone_number Not enough digits');
      expect(await phone('061234567890')).toBe('phone_number Too many digits');
      expect(await phone('0201234567')).toBe('phone_number Not a dutch mobile number');
      expect(await phone('+31201234567')).toBe('phone_number Not a dutch mobile number');
      expect(await phone('+4412')).toBe('phone_number Not enough digits');
      expect(sim.notify.sent()).toEqual([]);
    });

    it('refuses a body that is not JSON or lacks required fields', async () => {
      const token = await jwt({ iss: service.serviceId, iat: Math.floor(Date.now() / 1000) });
      const post = (body: string, contentType = 'application/json') =>
        fetch(`${sim.notify.url}/v2/notifications/email`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
          body,
        }).then(async (r) => ({
          status: r.status,
          data: await r.json(),
        }));
      expect(await post('{niet json')).toEqual(notifyError(400, 'BadRequestError', /^Error decoding arguments/));
      expect(await post('email_address=a', 'text/plain')).toEqual(notifyError(400, 'BadRequestError', /^Error decoding arguments/));
      const missing = await post(JSON.stringify({ personalisation: [], colour: 'red' }));
      expect(missing.status).toBe(400);
      expect(missing.data.errors.map((e: { message: string }) => e.message)).toEqual([
        'email_address is a required property',
        'template_id is a required property',
        'Additional properties are not allowed (colour was unexpected)',
        'personalisation [] is not of type object',
      ]);
      expect(missing.data.errors.every((e: { error: string }) => e.error === 'ValidationError')).toBe(true);
      const unknownPath = await fetch(`${sim.notify.url}/v2/notificaties`, { headers: { authorization: `Bearer ${token}` } });
      expect(unknownPath.status).toBe(404);
      expect(await unknownPath.json()).toMatchObject({ result: 'error' });
    });
  });

  describe('faults', () => {
    const sms = () => sim.client.sendSms(templates.plainSms.id, '0612345678', {});

    it('down, error500, reject and ratelimit answer as Notify (or its gateway) would', async () => {
      sim.notify.setFault('down');
      const down = await failure(sms());
      expect(down.status).toBe(503);
      expect((await failure(sim.client.getNotifications())).status).toBe(503);

      sim.notify.setFault('error500');
      expect(await failure(sms())).toEqual(notifyError(500, 'Exception', 'Internal server error'));

      sim.notify.setFault('reject');
      expect(await failure(sms())).toEqual(notifyError(400, 'BadRequestError', /trial mode/));
      // Reject is about sends: reading still works.
      expect((await sim.client.getNotifications()).status).toBe(200);

      sim.notify.setFault('ratelimit');
      expect(await failure(sms())).toEqual(notifyError(429, 'RateLimitError', /^Exceeded rate limit/));

      sim.notify.setFault('none');
      expect((await sms()).status).toBe(201);
      expect(sim.notify.sent()).toHaveLength(1);
    });

    it('with times, fails only the next n sends; reads in between pass and do not use them up', async () => {
      sim.notify.setFault('error500', { times: 2 });
      expect((await failure(sms())).status).toBe(500);
      expect((await sim.client.getNotifications()).status).toBe(200);
      expect((await failure(sms())).status).toBe(500);
      expect((await sms()).status).toBe(201);
      expect((await sms()).status).toBe(201);
      expect(() => sim.notify.setFault('down', { times: 0 })).toThrow();
    });

    it('hang holds a send until the fault is lifted; Voordeur’s Notify source gives up at its deadline', async () => {
      sim.notify.setFault('hang');
      let settled = false;
      const held = sms().finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(settled).toBe(false);
      sim.notify.setFault('none');
      expect((await held).status).toBe(201);

      const source = new NotifySource({ baseUrl: sim.notify.url, apiKey: apiKey(service) }, { timeoutMs: 200, metrics: new Metrics() });
      sim.notify.setFault('hang', { times: 1 });
      const timedOut = await source.sendSms(templates.plainSms.id, '0612345678', {}).catch((e: unknown) => e);
      expect(timedOut).toBeInstanceOf(NotifyError);
      expect(timedOut).toMatchObject({ retryable: true, status: undefined });
      // The hang was used up by that send: the next one goes through.
      expect(await source.sendSms(templates.plainSms.id, '0612345678', {})).toEqual({ id: expect.any(String) });
    });

    it('Voordeur’s Notify source tells retryable failures from refusals', async () => {
      const source = new NotifySource({ baseUrl: sim.notify.url, apiKey: apiKey(service) }, { timeoutMs: 2000, metrics: new Metrics() });
      sim.notify.setFault('ratelimit', { times: 1 });
      expect(await source.sendSms(templates.plainSms.id, '0612345678', {}).catch((e: unknown) => e)).toMatchObject({
        retryable: true,
        status: 429,
        code: 'RateLimitError',
      });
      sim.notify.setFault('reject', { times: 1 });
      expect(await source.sendSms(templates.plainSms.id, '0612345678', {}).catch((e: unknown) => e)).toMatchObject({
        retryable: false,
        status: 400,
        code: 'BadRequestError',
      });
      expect(await source.sendSms(templates.plainSms.id, 'geen nummer', {}).catch((e: unknown) => e)).toMatchObject({
        retryable: false,
        status: 400,
        code: 'ValidationError',
      });
    });

    it('adds latency and counts API requests (not the mailbox)', async () => {
      sim.notify.resetCounts();
      sim.notify.setLatency(150);
      const started = performance.now();
      await sms();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      sim.notify.setLatency(0);
      await sim.client.getNotifications();
      await fetch(`${sim.notify.url}/mailbox`);
      expect(sim.notify.requestCount()).toBe(2);
      sim.notify.resetCounts();
      expect(sim.notify.requestCount()).toBe(0);
    });

    it('releases a hanging request when the app closes', async () => {
      const own = await start();
      own.notify.setFault('hang');
      const held = failure(own.client.sendSms(templates.plainSms.id, '0612345678', {}));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await own.app.close();
      expect((await held).status).toBe(503);
    });
  });

  describe('waitFor', () => {
    it('resolves with the next message to a number, however it is written', async () => {
      const waiting = sim.notify.waitFor('+31 6 12345678');
      await sim.client.sendSms(templates.smsCode.id, '0687654321', { personalisation: { code: '1111' } });
      await sim.client.sendSms(templates.smsCode.id, '06-12345678', { personalisation: { code: '2222' } });
      const message = await waiting;
      expect(message).toMatchObject({ type: 'sms', to: '06-12345678', body: 'Uw code voor Voordeur is 2222.' });
    });

    it('with since, gives the latest message already sent since then; otherwise it times out', async () => {
      const since = new Date();
      await sim.client.sendEmail(templates.emailCode.id, 'Suzanne@Example.nl', { personalisation: { naam: 'S', code: '1', toelichting: 'nee' } });
      await sim.client.sendEmail(templates.emailCode.id, 'suzanne@example.nl', { personalisation: { naam: 'S', code: '2', toelichting: 'nee' } });
      expect((await sim.notify.waitFor('suzanne@example.nl', { since })).subject).toBe('Uw code: 2');
      await expect(sim.notify.waitFor('suzanne@example.nl', { timeoutMs: 50 })).rejects.toThrow(/nothing was sent to suzanne@example.nl/);
      await expect(sim.notify.waitFor('iemand@example.nl', { since, timeoutMs: 50 })).rejects.toThrow();
    });
  });

  describe('mailbox', () => {
    it('shows every message in full, newest first, with HTML escaped, and says it is only for the demo', async () => {
      const empty = await fetch(`${sim.notify.url}/mailbox`);
      expect(empty.status).toBe(200);
      expect(empty.headers.get('content-type')).toMatch(/^text\/html/);
      const emptyHtml = await empty.text();
      expect(emptyHtml).toContain('Er zijn nog geen berichten verstuurd.');
      expect(emptyHtml).toContain('Alleen voor de demo');
      expect(emptyHtml).toContain('<html lang="nl"');
      expect(emptyHtml).toMatch(/<h1[^>]*>Postvak/);

      await sim.client.sendSms(templates.smsCode.id, '0612345678', { personalisation: { code: '<script>alert(1)</script>' } });
      await sim.client.sendEmail(templates.emailCode.id, 'suzanne@example.nl', { personalisation: { naam: 'Suzanne', code: '493027', toelichting: 'yes' } });
      const html = await (await fetch(`${sim.notify.url}/mailbox`)).text();
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('Uw code voor Voordeur is &lt;script>alert(1)&lt;/script>.');
      expect(html).toContain('Uw code: 493027');
      expect(html).toContain('Beste Suzanne,');
      expect(html).toContain('Dit bericht is verstuurd omdat u uw e-mailadres wijzigde.');
      expect(html).toContain('suzanne@example.nl');
      expect(html).toContain('Er staan 2 berichten in het postvak.');
      expect(html.indexOf('Uw code: 493027')).toBeLessThan(html.indexOf('Uw code voor Voordeur is'));
      expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T/);

      const css = await fetch(new URL(html.match(/href="([^"]+simulator\.css)"/)![1]!, sim.notify.url));
      expect(css.status).toBe(200);

      const json = await (await fetch(`${sim.notify.url}/mailbox.json`)).json();
      expect(json.messages.map((m: { type: string; to: string }) => [m.type, m.to])).toEqual([
        ['email', 'suzanne@example.nl'],
        ['sms', '0612345678'],
      ]);
      expect(json.messages[1].body).toBe('Uw code voor Voordeur is <script>alert(1)</script>.');

      sim.notify.clear();
      expect(await (await fetch(`${sim.notify.url}/mailbox`)).text()).toContain('Er zijn nog geen berichten verstuurd.');
    });

    it('works while the API is down, and leaves other simulators on the same instance alone', async () => {
      sim.notify.setFault('down');
      expect((await fetch(`${sim.notify.url}/mailbox`)).status).toBe(200);
      const other = await fetch(new URL('/oidc/ping', sim.notify.url));
      expect(await other.json()).toEqual({ pong: true });
      const elsewhere = await fetch(new URL('/elders', sim.notify.url));
      expect(elsewhere.status).toBe(404);
      expect(await elsewhere.json()).not.toHaveProperty('result');
    });
  });

  describe('options', () => {
    it('uses the given clock for created_at, and refuses keys the official client could not use', async () => {
      const fixed = new Date('2025-03-01T09:30:00.000Z');
      const own = await start({ now: () => fixed });
      try {
        const sent = (await own.client.sendSms(templates.plainSms.id, '0612345678', {})).data;
        expect((await own.client.getNotificationById(sent.id)).data.created_at).toBe('2025-03-01T09:30:00.000000Z');
        expect(own.notify.sent()[0]!.createdAt).toEqual(fixed);
      } finally {
        await own.app.close();
      }
      const app = Fastify();
      await expect(
        registerNotifySimulator(app, { baseUrl: 'http://127.0.0.1:0', services: [{ serviceId: service.serviceId, secret: 'kort' }], templates: [] }),
      ).rejects.toThrow(/36 characters/);
      await expect(
        registerNotifySimulator(app, { baseUrl: 'http://127.0.0.1:0', services: [{ serviceId: 'voordeur', secret: service.secret }], templates: [] }),
      ).rejects.toThrow(/not a UUID/);
      await app.close();
    });
  });
});
