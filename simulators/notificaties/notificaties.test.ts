/**
 * Contract and behaviour tests of the Notificaties API simulator. Every kind of answer is checked
 * against the spec (specs/notificaties-api.yaml); deliveries go to a real callback server (a
 * second Fastify), which sees what Voordeur's callback endpoint would see. The last test chains
 * the ZGW simulator to it, as the demo does.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { zgwDemo } from '../data/zgw-demo.ts';
import { Contract } from '../shared/contract.ts';
import { registerZgwSimulator } from '../zgw/index.ts';
import { connect, registerNotificatiesSimulator } from './index.ts';
import type { Notificatie, NotificatiesSimulator, NotificatiesSimulatorOptions } from './index.ts';

const client = { clientId: 'voordeur-test', secret: 'voordeur-test-nrc-secret' };
const otherClient = { clientId: 'open-zaak', secret: 'open-zaak-nrc-secret' };
const contract = new Contract(['notificaties']);
const callbackAuth = 'Bearer voordeur-callback-token';

const token = (c = client, claims: Record<string, unknown> = { client_id: c.clientId }) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().sign(new TextEncoder().encode(c.secret));

interface Running {
  app: FastifyInstance;
  nrc: NotificatiesSimulator;
  /** A request to the API with a valid token (of `as`); `headers` replace or (undefined) remove defaults. */
  call(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string | undefined>; as?: typeof client }): Promise<Response>;
}

async function start(options: Partial<NotificatiesSimulatorOptions> = {}): Promise<Running> {
  const app = Fastify({ logger: false });
  // Another simulator on the same instance, as in the demo: must not see this one's hooks.
  app.get('/oidc/ping', async () => ({ pong: true }));
  const nrc = await registerNotificatiesSimulator(app, {
    baseUrl: 'http://127.0.0.1:0',
    clients: [client, otherClient],
    delivery: { retries: 3, delayMs: 20, timeoutMs: 1000 },
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    nrc,
    async call(path, init = {}) {
      const headers: Record<string, string> = {};
      const all: Record<string, string | undefined> = { authorization: `Bearer ${await token(init.as)}`, ...init.headers };
      for (const [name, value] of Object.entries(all)) if (value !== undefined) headers[name] = value;
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      return fetch(path.startsWith('http') ? path : `${nrc.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      });
    },
  };
}

/** The body of `response`, after checking its status, content type and body against the spec. */
async function conforming<T = any>(response: Response, method: string, specPath: string, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, `${method} ${response.url}: ${text.slice(0, 500)}`).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(status >= 400 ? /^application\/problem\+json/ : /^application\/json/);
  expect(response.headers.get('api-version')).toBe('1.0.0');
  const body = JSON.parse(text) as T;
  expect(contract.checkResponse('notificaties', method, specPath, status, withWriteOnlyAuth(specPath, status, body))).toEqual([]);
  return body;
}

/**
 * Open Notificaties never answers with an abonnement's `auth` (write-only), where the VNG spec
 * 1.0.0 lists it as required: it is filled in before the check, after making sure it is absent.
 */
function withWriteOnlyAuth(specPath: string, status: number, body: unknown): unknown {
  if (!specPath.startsWith('/abonnement') || status >= 300) return body;
  const fill = (a: unknown) => {
    expect(a).not.toHaveProperty('auth');
    return { ...(a as object), auth: '(write-only)' };
  };
  return Array.isArray(body) ? body.map(fill) : fill(body);
}

/** A 400 of an operation for which the spec declares none: still a ValidatieFout. */
async function validatieFout(response: Response): Promise<{ invalidParams: { name: string; code: string; reason: string }[] }> {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await response.json();
  expect(contract.checkComponent('notificaties', 'ValidatieFout', body)).toEqual([]);
  return body;
}

interface Received {
  authorization: string | undefined;
  body: any;
  status: number;
}

/**
 * A consumer's callback endpoint, as Open Notificaties expects one: 403 without the right
 * Authorization, 204 for the test notificatie; for real ones the next status of `script` (204
 * when empty). `requireAuth: false` and `testStatus` make it a callback that fails the checks.
 */
async function callbackServer(options: { requireAuth?: boolean; testStatus?: number } = {}) {
  const app = Fastify({ logger: false });
  const received: Received[] = [];
  const script: number[] = [];
  /** The Authorization it accepts (changed for a secret rotation). */
  let accepted = callbackAuth;
  app.post('/callback', async (request, reply) => {
    const authorization = request.headers.authorization;
    const body = request.body as { kanaal?: string };
    const status =
      (options.requireAuth ?? true) && authorization !== accepted ? 403 : body.kanaal === 'test' ? (options.testStatus ?? 204) : (script.shift() ?? 204);
    received.push({ authorization, body, status });
    return reply.code(status).send();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${address.port}/callback`,
    script,
    accept: (authorization: string) => {
      accepted = authorization;
    },
    /** What arrived with the right Authorization, apart from the test notificaties. */
    notificaties: () => received.filter((r) => r.authorization === accepted && r.body.kanaal !== 'test'),
    received,
    close: () => (closing ??= app.close()),
  };
}

const zaaktype = 'http://127.0.0.1:8000/catalogi/api/v1/zaaktypen/0b5c1ac4-0000-4000-8000-000000000001';
const notificatie = (overrides: Partial<Notificatie> = {}): Notificatie => ({
  kanaal: 'zaken',
  hoofdObject: 'http://127.0.0.1:8000/zaken/api/v1/zaken/3f1e0000-0000-4000-8000-000000000001',
  resource: 'status',
  resourceUrl: 'http://127.0.0.1:8000/zaken/api/v1/statussen/3f1e0000-0000-4000-8000-000000000002',
  actie: 'create',
  aanmaakdatum: '2025-03-01T09:30:00Z',
  kenmerken: { bronorganisatie: '002220647', zaaktype, vertrouwelijkheidaanduiding: 'zaakvertrouwelijk' },
  ...overrides,
});

describe('Notificaties simulator', () => {
  let sim: Running;
  let callback: Awaited<ReturnType<typeof callbackServer>>;
  const abonnement = (kanalen: unknown, callbackUrl = callback.url) => ({ callbackUrl, auth: callbackAuth, kanalen });
  const subscribe = async (kanalen: unknown) => conforming(await sim.call('/abonnement', { body: abonnement(kanalen) }), 'POST', '/abonnement', 201);
  const publish = async (n: Notificatie) => {
    const response = await sim.call('/notificaties', { body: n });
    expect(response.status, await response.clone().text()).toBe(201);
    const body = await response.json();
    expect(contract.checkComponent('notificaties', 'Message', body)).toEqual([]);
    return body;
  };

  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim.app.close());
  beforeEach(async () => {
    callback = await callbackServer();
  });
  afterEach(async () => {
    sim.nrc.setFault('none');
    sim.nrc.setLatency(0);
    await sim.nrc.idle();
    for (const a of sim.nrc.abonnementen() as { url: string }[]) await sim.call(a.url, { method: 'DELETE' });
    await callback.close();
  });

  describe('kanalen', () => {
    it('has zaken, documenten and objecten with the filters their sources register; finds one by naam', async () => {
      const all = await conforming<any[]>(await sim.call('/kanaal'), 'GET', '/kanaal', 200);
      expect(Object.fromEntries(all.map((k) => [k.naam, k.filters]))).toMatchObject({
        zaken: ['bronorganisatie', 'zaaktype', 'vertrouwelijkheidaanduiding'],
        documenten: ['bronorganisatie', 'informatieobjecttype', 'vertrouwelijkheidaanduiding'],
        objecten: ['object_type'],
      });
      const zaken = await conforming<any[]>(await sim.call('/kanaal?naam=zaken'), 'GET', '/kanaal', 200);
      expect(zaken.map((k) => k.naam)).toEqual(['zaken']);
      expect(await conforming(await sim.call(zaken[0].url), 'GET', '/kanaal/{uuid}', 200)).toEqual(zaken[0]);
      expect(await conforming(await sim.call('/kanaal?naam=bestaat-niet'), 'GET', '/kanaal', 200)).toEqual([]);

      const fout = await conforming(await sim.call('/kanaal/00000000-0000-4000-8000-000000000000'), 'GET', '/kanaal/{uuid}', 404);
      expect(fout).toMatchObject({ status: 404, code: 'not_found' });
      const unknown = await conforming(await sim.call('/kanaal?naaam=zaken'), 'GET', '/kanaal', 400);
      expect(unknown.invalidParams).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'unknown-parameters' })]);
    });

    it('creates a kanaal, and refuses a duplicate naam or invalid fields', async () => {
      const created = await conforming(
        await sim.call('/kanaal', { body: { naam: 'meldingen', documentatieLink: 'https://example.nl/meldingen', filters: ['categorie'] } }),
        'POST',
        '/kanaal',
        201,
      );
      expect(created).toMatchObject({ naam: 'meldingen', documentatieLink: 'https://example.nl/meldingen', filters: ['categorie'] });
      expect(created.url).toMatch(new RegExp(`^${sim.nrc.url}/kanaal/[0-9a-f-]{36}$`));
      expect(await conforming(await sim.call(created.url), 'GET', '/kanaal/{uuid}', 200)).toEqual(created);

      const duplicate = await conforming(await sim.call('/kanaal', { body: { naam: 'zaken' } }), 'POST', '/kanaal', 400);
      expect(duplicate.invalidParams).toEqual([expect.objectContaining({ name: 'naam', code: 'unique' })]);
      const bad = await conforming(await sim.call('/kanaal', { body: { documentatieLink: 'geen url', filters: 'x' } }), 'POST', '/kanaal', 400);
      expect(bad.invalidParams.map((p: any) => [p.name, p.code])).toEqual([
        ['naam', 'required'],
        ['documentatieLink', 'invalid'],
        ['filters', 'not_a_list'],
      ]);
      await conforming(await sim.call('/kanaal', { body: 'naam=x', headers: { 'content-type': 'text/plain' } }), 'POST', '/kanaal', 415);
    });
  });

  describe('abonnementen', () => {
    it('creates, reads, lists, replaces, patches and deletes an abonnement', async () => {
      const created = await subscribe([{ naam: 'zaken', filters: { zaaktype } }]);
      // Without `auth`: Open Notificaties never shows it.
      expect(created).toEqual({
        url: expect.stringMatching(/\/abonnement\/[0-9a-f-]{36}$/),
        callbackUrl: callback.url,
        kanalen: [{ naam: 'zaken', filters: { zaaktype } }],
      });
      expect(sim.nrc.authOf(created.url)).toBe(callbackAuth);
      // Open Notificaties first checks the callback: refused without, accepted with Authorization.
      expect(callback.received.map((r) => [r.authorization, r.body.kanaal, r.status])).toEqual([
        [undefined, 'test', 403],
        [callbackAuth, 'test', 204],
      ]);

      expect(await conforming(await sim.call(created.url), 'GET', '/abonnement/{uuid}', 200)).toEqual(created);
      expect(await conforming(await sim.call('/abonnement'), 'GET', '/abonnement', 200)).toEqual([created]);
      expect(sim.nrc.abonnementen()).toEqual([created]);

      const replaced = await conforming(
        await sim.call(created.url, {
          method: 'PUT',
          body: abonnement([{ naam: 'documenten' }, { naam: 'zaken', filters: { vertrouwelijkheidaanduiding: '*' } }]),
        }),
        'PUT',
        '/abonnement/{uuid}',
        200,
      );
      expect(replaced.kanalen).toEqual([
        { naam: 'documenten', filters: {} },
        { naam: 'zaken', filters: { vertrouwelijkheidaanduiding: '*' } },
      ]);
      const patched = await conforming(
        await sim.call(created.url, { method: 'PATCH', body: { auth: callbackAuth, kanalen: [{ naam: 'objecten' }] } }),
        'PATCH',
        '/abonnement/{uuid}',
        200,
      );
      expect(patched).toEqual({ url: created.url, callbackUrl: callback.url, kanalen: [{ naam: 'objecten', filters: {} }] });

      // Only the client that made it may change or delete it.
      await conforming(await sim.call(created.url, { method: 'DELETE', as: otherClient }), 'DELETE', '/abonnement/{uuid}', 403);
      await conforming(await sim.call(created.url, { method: 'PATCH', body: { kanalen: [] }, as: otherClient }), 'PATCH', '/abonnement/{uuid}', 403);
      expect(await conforming(await sim.call(created.url, { as: otherClient }), 'GET', '/abonnement/{uuid}', 200)).toEqual(patched);

      const deleted = await sim.call(created.url, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(deleted.headers.get('api-version')).toBe('1.0.0');
      await conforming(await sim.call(created.url), 'GET', '/abonnement/{uuid}', 404);
      await conforming(await sim.call(created.url, { method: 'DELETE' }), 'DELETE', '/abonnement/{uuid}', 404);
      expect(await conforming(await sim.call('/abonnement'), 'GET', '/abonnement', 200)).toEqual([]);
    });

    it('checks the callback with the auth of a PATCH, and replaces the kanalen with those of the PATCH (none when absent), as Open Notificaties', async () => {
      const created = await subscribe([{ naam: 'zaken' }, { naam: 'objecten' }]);
      // Without `auth` the test notificatie goes without Authorization: refused.
      const withoutAuth = await conforming(
        await sim.call(created.url, { method: 'PATCH', body: { kanalen: [{ naam: 'zaken' }] } }),
        'PATCH',
        '/abonnement/{uuid}',
        400,
      );
      expect(withoutAuth.invalidParams).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'invalid-callback-url' })]);
      // A PATCH of the auth alone leaves no kanalen.
      const authOnly = await conforming(await sim.call(created.url, { method: 'PATCH', body: { auth: callbackAuth } }), 'PATCH', '/abonnement/{uuid}', 200);
      expect(authOnly.kanalen).toEqual([]);
    });

    it('delivers with the new auth once an abonnement is patched with it (secret rotation), and refuses a new auth the callback does not accept', async () => {
      const created = await subscribe([{ naam: 'zaken' }]);
      const rotated = 'Bearer voordeur-callback-token-2';
      const refused = await conforming(
        await sim.call(created.url, { method: 'PATCH', body: { auth: rotated, kanalen: [{ naam: 'zaken' }] } }),
        'PATCH',
        '/abonnement/{uuid}',
        400,
      );
      expect(refused.invalidParams).toEqual([expect.objectContaining({ code: 'invalid-callback-url' })]);
      expect(sim.nrc.authOf(created.url)).toBe(callbackAuth);

      callback.accept(rotated);
      await conforming(
        await sim.call(created.url, { method: 'PATCH', body: { auth: rotated, kanalen: [{ naam: 'zaken' }] } }),
        'PATCH',
        '/abonnement/{uuid}',
        200,
      );
      expect(sim.nrc.authOf(created.url)).toBe(rotated);
      const sent = await publish(notificatie());
      await sim.nrc.idle();
      expect(callback.received.filter((r) => r.body.kanaal !== 'test').map((r) => [r.authorization, r.status])).toEqual([[rotated, 204]]);
      expect(callback.notificaties().map((r) => r.body)).toEqual([sent]);
    });

    it('refuses missing fields, an unknown kanaal and filters that do not fit the kanaal', async () => {
      const empty = await conforming(await sim.call('/abonnement', { body: {} }), 'POST', '/abonnement', 400);
      expect(empty.invalidParams.map((p: any) => [p.name, p.code])).toEqual([
        ['callbackUrl', 'required'],
        ['auth', 'required'],
        ['kanalen', 'required'],
      ]);
      const nested = await conforming(await sim.call('/abonnement', { body: abonnement([{ filters: { zaaktype: 3 } }, 'zaken']) }), 'POST', '/abonnement', 400);
      expect(nested.invalidParams.map((p: any) => [p.name, p.code])).toEqual([
        ['kanalen.0.naam', 'required'],
        ['kanalen.1', 'invalid'],
      ]);
      const unknown = await conforming(await sim.call('/abonnement', { body: abonnement([{ naam: 'meldingen-bestaat-niet' }]) }), 'POST', '/abonnement', 400);
      expect(unknown.invalidParams).toEqual([{ name: 'naam', code: 'kanaal_naam', reason: 'Kanaal met deze naam bestaat niet.' }]);
      const inconsistent = await conforming(
        await sim.call('/abonnement', { body: abonnement([{ naam: 'objecten', filters: { kleur: 'rood' } }]) }),
        'POST',
        '/abonnement',
        400,
      );
      expect(inconsistent.invalidParams).toEqual([expect.objectContaining({ name: 'filters', code: 'inconsistent-abonnement-filters' })]);
      expect(sim.nrc.abonnementen()).toEqual([]);
    });

    it('refuses a callback URL that does not check Authorization, or cannot receive notificaties', async () => {
      const open = await callbackServer({ requireAuth: false });
      const failing = await callbackServer({ testStatus: 500 });
      const closed = await callbackServer();
      await closed.close();
      try {
        const noAuth = await conforming(await sim.call('/abonnement', { body: abonnement([{ naam: 'zaken' }], open.url) }), 'POST', '/abonnement', 400);
        expect(noAuth.invalidParams).toEqual([expect.objectContaining({ name: 'callbackUrl', code: 'no-auth-on-callback-url' })]);
        for (const url of [failing.url, closed.url]) {
          const unreachable = await conforming(await sim.call('/abonnement', { body: abonnement([{ naam: 'zaken' }], url) }), 'POST', '/abonnement', 400);
          expect(unreachable.invalidParams).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'invalid-callback-url' })]);
        }
        expect(sim.nrc.abonnementen()).toEqual([]);
      } finally {
        await open.close();
        await failing.close();
      }
      // Without the checks (checkCallbacks: false) such a callback is accepted.
      const lenient = await start({ checkCallbacks: false });
      try {
        const response = await lenient.call('/abonnement', { body: abonnement([{ naam: 'zaken' }], 'http://127.0.0.1:9/nergens') });
        expect(response.status).toBe(201);
      } finally {
        await lenient.app.close();
      }
    });
  });

  describe('notificaties and delivery', () => {
    it('answers 201 with the notificatie and delivers it to the callback with the abonnement’s Authorization', async () => {
      const created = await subscribe([{ naam: 'zaken', filters: { zaaktype, bronorganisatie: '*' } }]);
      const sent = notificatie();
      expect(await publish(sent)).toEqual(sent);
      await sim.nrc.idle();
      expect(callback.notificaties()).toEqual([{ authorization: callbackAuth, body: sent, status: 204 }]);
      expect(sim.nrc.deliveries().slice(-1)).toEqual([
        { abonnement: created.url, callbackUrl: callback.url, status: 204, attempt: 1, notificatie: sent, at: expect.any(Date) },
      ]);
    });

    it('delivers only what matches the filters: other values, other kanalen and other abonnementen get nothing', async () => {
      const other = await callbackServer();
      try {
        await subscribe([{ naam: 'zaken', filters: { zaaktype } }]);
        await conforming(await sim.call('/abonnement', { body: abonnement([{ naam: 'documenten' }], other.url) }), 'POST', '/abonnement', 201);

        await publish(notificatie({ kenmerken: { bronorganisatie: '002220647', zaaktype: `${zaaktype}-ander`, vertrouwelijkheidaanduiding: 'openbaar' } }));
        const matching = await publish(notificatie());
        // A filter on a kenmerk the notificatie does not have does not stand in the way.
        const withoutZaaktype = await publish(notificatie({ kenmerken: { bronorganisatie: '002220647' } }));
        await sim.nrc.idle();
        expect(callback.notificaties().map((r) => r.body)).toEqual([matching, withoutZaaktype]);
        expect(other.notificaties()).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it('delivers once per abonnement, and forwards the kenmerken in camelCase as Open Notificaties does', async () => {
      await subscribe([
        { naam: 'objecten', filters: { object_type: 'https://objecttypen.example/api/v2/objecttypes/1' } },
        { naam: 'objecten', filters: { object_type: '*' } },
      ]);
      const sent = await publish({
        kanaal: 'objecten',
        hoofdObject: 'https://objecten.example/api/v2/objects/1',
        resource: 'object',
        resourceUrl: 'https://objecten.example/api/v2/objects/1',
        actie: 'update',
        aanmaakdatum: '2025-03-01T09:30:00.123456+01:00',
        kenmerken: { object_type: 'https://objecttypen.example/api/v2/objecttypes/1' },
      });
      // Open Notificaties camelizes the kenmerken it forwards.
      expect(sent.kenmerken).toEqual({ objectType: 'https://objecttypen.example/api/v2/objecttypes/1' });
      await sim.nrc.idle();
      expect(callback.notificaties().map((r) => r.body)).toEqual([sent]);
    });

    it('retries with backoff when the callback fails, until it accepts', async () => {
      await subscribe([{ naam: 'zaken' }]);
      callback.script.push(500, 503);
      const sent = await publish(notificatie());
      await sim.nrc.idle();
      expect(callback.notificaties().map((r) => r.status)).toEqual([500, 503, 204]);
      const attempts = sim.nrc.deliveries().slice(-3);
      expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
        [1, 500],
        [2, 503],
        [3, 204],
      ]);
      expect(attempts.every((d) => d.notificatie !== undefined && JSON.stringify(d.notificatie) === JSON.stringify(sent))).toBe(true);
      // Backoff: the wait before the second retry (2 × 20 ms) is longer than before the first (20 ms).
      const [first, second, third] = attempts.map((d) => d.at.getTime());
      expect(second! - first!).toBeGreaterThanOrEqual(18);
      expect(third! - second!).toBeGreaterThanOrEqual(38);
    });

    it('gives up after the last retry, and logs an unreachable callback as error', async () => {
      await subscribe([{ naam: 'zaken' }]);
      callback.script.push(500, 500, 500, 500, 500);
      await publish(notificatie());
      await sim.nrc.idle();
      expect(callback.notificaties().map((r) => r.status)).toEqual([500, 500, 500, 500]);
      expect(
        sim.nrc
          .deliveries()
          .slice(-4)
          .map((d) => d.attempt),
      ).toEqual([1, 2, 3, 4]);

      await callback.close();
      const before = sim.nrc.deliveries().length;
      await publish(notificatie());
      await sim.nrc.idle();
      expect(
        sim.nrc
          .deliveries()
          .slice(before)
          .map((d) => [d.attempt, d.status]),
      ).toEqual([
        [1, 'error'],
        [2, 'error'],
        [3, 'error'],
        [4, 'error'],
      ]);
    });

    it('refuses a notificatie for an unknown kanaal, with kenmerken that do not fit, or without required fields; nothing is delivered', async () => {
      await subscribe([{ naam: 'zaken' }]);
      const unknown = await validatieFout(await sim.call('/notificaties', { body: notificatie({ kanaal: 'bestaat-niet' }) }));
      expect(unknown.invalidParams).toEqual([{ name: 'kanaal', code: 'message_kanaal', reason: 'Kanaal met deze naam bestaat niet.' }]);
      const inconsistent = await validatieFout(await sim.call('/notificaties', { body: notificatie({ kenmerken: { zaaktype, kleur: 'rood' } }) }));
      expect(inconsistent.invalidParams).toEqual([expect.objectContaining({ name: 'kenmerken', code: 'kenmerken_inconsistent' })]);
      const empty = await validatieFout(await sim.call('/notificaties', { body: { hoofdObject: 'geen url', aanmaakdatum: 'gisteren' } }));
      expect(empty.invalidParams.map((p) => [p.name, p.code])).toEqual([
        ['kanaal', 'required'],
        ['hoofdObject', 'invalid'],
        ['resource', 'required'],
        ['resourceUrl', 'required'],
        ['actie', 'required'],
        ['aanmaakdatum', 'invalid'],
      ]);
      await validatieFout(await sim.call('/notificaties', { body: [notificatie()] }));
      await expect(sim.nrc.publish(notificatie({ kanaal: 'bestaat-niet' }))).rejects.toThrow(/Kanaal met deze naam bestaat niet/);
      await sim.nrc.idle();
      expect(callback.notificaties()).toEqual([]);
    });

    it('publish() delivers as a POST would, without counting as a request', async () => {
      await subscribe([{ naam: 'zaken' }]);
      sim.nrc.resetCounts();
      sim.nrc.setFault('down');
      await sim.nrc.publish(notificatie());
      await sim.nrc.idle();
      expect(callback.notificaties().map((r) => r.body)).toEqual([notificatie()]);
      expect(sim.nrc.requestCount()).toBe(0);
    });
  });

  describe('authorisation and faults', () => {
    it('answers 401 without a token and 403 for a token that is not a known client’s', async () => {
      await conforming(await sim.call('/kanaal', { headers: { authorization: undefined } }), 'GET', '/kanaal', 401);
      const fout = await conforming(
        await sim.call('/abonnement', { headers: { authorization: `Bearer ${await token({ clientId: client.clientId, secret: 'ander geheim' })}` } }),
        'GET',
        '/abonnement',
        403,
      );
      expect(fout).toMatchObject({ code: 'permission_denied' });
      const unknownClient = await sim.call('/notificaties', {
        body: notificatie(),
        headers: { authorization: `Bearer ${await token({ clientId: 'onbekend', secret: client.secret })}` },
      });
      expect(unknownClient.status).toBe(403);
    });

    it('down, garbage and hang answer as the ZGW simulator’s do; latency and counts', async () => {
      sim.nrc.setFault('down');
      const down = await sim.call('/abonnement');
      expect(down.status).toBe(503);
      expect(contract.checkComponent('notificaties', 'Fout', await down.json())).toEqual([]);

      sim.nrc.setFault('garbage');
      expect(await (await sim.call('/kanaal')).json()).toEqual({ unexpected: true });
      const html = await sim.call('/kanaal');
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);

      sim.nrc.setFault('hang');
      let settled = false;
      const held = sim.call('/kanaal').finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settled).toBe(false);
      sim.nrc.setFault('none');
      await conforming(await held, 'GET', '/kanaal', 200);

      sim.nrc.resetCounts();
      sim.nrc.setLatency(100);
      const started = performance.now();
      await sim.call('/kanaal');
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      await sim.call('/abonnement');
      expect(sim.nrc.requestCount()).toBe(2);
    });

    it('leaves other simulators on the same Fastify instance alone', async () => {
      sim.nrc.setFault('down');
      const response = await fetch(new URL('/oidc/ping', sim.nrc.url));
      expect(await response.json()).toEqual({ pong: true });
      const elsewhere = await fetch(new URL('/elders', sim.nrc.url));
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.headers.get('content-type')).not.toMatch(/problem/);
    });
  });

  describe('chained to the ZGW simulator', () => {
    it('a status added in the ZGW simulator reaches the callback as a zaken notificatie', async () => {
      const app = Fastify({ logger: false });
      const zgwClient = { clientId: 'voordeur-test', secret: 'voordeur-test-zgw-secret' };
      const zgw = await registerZgwSimulator(app, { baseUrl: 'http://127.0.0.1:0', clients: [zgwClient], largeDocumentBytes: 1024 });
      const nrc = await registerNotificatiesSimulator(app, { baseUrl: 'http://127.0.0.1:0', clients: [client], delivery: { retries: 1, delayMs: 10 } });
      connect(zgw, nrc);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const other = await callbackServer();
      try {
        const zaakUuid = zgwDemo.notable.search.zaak;
        const demoZaak = zgwDemo.zaken.find((z) => z.uuid === zaakUuid)!;
        const type = zgwDemo.zaaktypen.find((t) => t.key === demoZaak.zaaktype)!;
        const zaaktypeUrl = `${zgw.urls.catalogi}/zaaktypen/${type.uuid}`;
        const post = async (body: unknown) =>
          fetch(`${nrc.url}/abonnement`, {
            method: 'POST',
            headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
        expect((await post({ callbackUrl: callback.url, auth: callbackAuth, kanalen: [{ naam: 'zaken', filters: { zaaktype: zaaktypeUrl } }] })).status).toBe(
          201,
        );
        expect(
          (await post({ callbackUrl: other.url, auth: callbackAuth, kanalen: [{ naam: 'zaken', filters: { zaaktype: `${zaaktypeUrl}-ander` } }] })).status,
        ).toBe(201);

        const { url: statusUrl } = await zgw.addStatus(zaakUuid, type.statustypen[1]!.volgnummer, 'In behandeling genomen');
        await nrc.idle();
        expect(callback.notificaties()).toEqual([
          {
            authorization: callbackAuth,
            status: 204,
            body: {
              kanaal: 'zaken',
              hoofdObject: `${zgw.urls.zaken}/zaken/${zaakUuid}`,
              resource: 'status',
              resourceUrl: statusUrl,
              actie: 'create',
              aanmaakdatum: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
              kenmerken: { bronorganisatie: zgwDemo.organisatie.rsin, zaaktype: zaaktypeUrl, vertrouwelijkheidaanduiding: expect.any(String) },
            },
          },
        ]);
        expect(other.notificaties()).toEqual([]);
      } finally {
        await other.close();
        await app.close();
      }
    });
  });
});
