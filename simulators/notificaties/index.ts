/**
 * The Notificaties API simulator: Notificaties API 1.0.0 (specs/notificaties-api.yaml), behaving
 * as Open Notificaties does, checked against the spec in notificaties.test.ts. Sources publish
 * notificaties on a kanaal; consumers (Voordeur) take an abonnement with a callback URL and
 * filters, and get every matching notificatie POSTed to it, with retries.
 *
 * The API is at `${baseUrl}/notificaties/api/v1`, in its own Fastify scope so its hooks (ZGW JWT,
 * faults, request counts) and error shapes stay out of the other simulators on the same
 * instance. The kanalen `zaken`, `documenten` and `objecten` exist from the start, with the
 * filters Open Zaak and the Objecten API register. `connect()` chains the ZGW simulator to it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createAuthenticator } from '../zgw/auth.ts';
import type { Notificatie } from '../zgw/index.ts';
import { Deliveries } from './delivery.ts';
import type { Delivery } from './delivery.ts';
import { BaseUrl } from '../shared/base-url.ts';
import { ApiError } from '../shared/errors.ts';
import { Faults } from '../shared/faults.ts';
import type { FaultControls } from '../shared/faults.ts';
import type { Fout } from '../shared/problem.ts';
import { queryOf } from '../shared/query.ts';
import { forbidden, invalid, notFound, setUpScope } from './http.ts';
import { checkAbonnement, checkKanaal, checkKanalen, checkMessage, groupMatches, isObject, notAnObject, seedKanalen } from './resources.ts';
import type { AbonnementRecord, KanaalRecord } from './resources.ts';

export type { Delivery } from './delivery.ts';
export type { Fault as NotificatiesFault } from '../shared/faults.ts';
export type { Notificatie } from '../zgw/index.ts';

export interface NotificatiesSimulatorOptions {
  /** Public base URL where `app` listens; the API is at `${baseUrl}/notificaties/api/v1`.
   *  With port 0 (tests) the port is the one the app listens on. */
  baseUrl: string;
  /** ZGW JWT clients: HS256 tokens signed with `secret`, claim `client_id` names the client. */
  clients: { clientId: string; secret: string }[];
  /** Retries after a failed delivery (default 5) and the wait before the first one, doubled for
   *  every next (default 1000 ms); how long one attempt may take (default 10000 ms). */
  delivery?: { retries?: number; delayMs?: number; timeoutMs?: number };
  /** Check a callback URL when an abonnement is created or changed, as Open Notificaties does
   *  (default true): without Authorization it must answer 401 or 403, with the abonnement's
   *  auth it must answer 204 to a test notificatie on kanaal "test". */
  checkCallbacks?: boolean;
}

/** The faults of shared/faults.ts, for the API's answers ('down' = 503 with a Fout body);
 *  deliveries to abonnementen go on regardless. */
export interface NotificatiesSimulator extends FaultControls {
  /** `${base}/notificaties/api/v1` (a getter: with port 0 complete once listening). */
  readonly url: string;
  /** Publishes a notificatie as if a source POSTed it (checked the same way; rejects when it is
   *  invalid, e.g. an unknown kanaal). Resolves once its deliveries are scheduled; faults and
   *  request counts leave it alone. */
  publish(notificatie: Notificatie): Promise<void>;
  /** Every delivery attempt so far, oldest first. */
  deliveries(): Delivery[];
  /** The abonnementen, as the API gives them (without `auth`, as Open Notificaties). */
  abonnementen(): unknown[];
  /** The `auth` an abonnement delivers with (what the API does not show). */
  authOf(abonnementUrl: string): string | undefined;
  /** Resolves when no deliveries are pending (delivered, or given up after the last retry). */
  idle(): Promise<void>;
}

const apiPath = '/notificaties/api/v1';

/** Lets the ZGW simulator's notifications go through the Notificaties simulator, as Open Zaak's go to Open Notificaties. */
export function connect(zgw: { onNotification(listener: (n: Notificatie) => void): void }, notificaties: NotificatiesSimulator): void {
  zgw.onNotification((notificatie) => {
    notificaties.publish(notificatie).catch((error: unknown) => {
      // Open Zaak logs a notificatie it could not publish and goes on; so does the chain.
      console.warn(`Notificaties simulator: could not publish a notificatie from the ZGW simulator: ${String(error)}`);
    });
  });
}

export async function registerNotificatiesSimulator(app: FastifyInstance, options: NotificatiesSimulatorOptions): Promise<NotificatiesSimulator> {
  const base = BaseUrl.of(app, options.baseUrl);
  const apiUrl = () => `${base.href}${apiPath}`;
  const checkCallbacks = options.checkCallbacks ?? true;
  const faults = new Faults();
  const deliveries = new Deliveries({
    retries: options.delivery?.retries ?? 5,
    delayMs: options.delivery?.delayMs ?? 1000,
    timeoutMs: options.delivery?.timeoutMs ?? 10_000,
  });
  const kanalen: KanaalRecord[] = seedKanalen.map((k) => ({ uuid: randomUUID(), ...k, filters: [...k.filters] }));
  const abonnementen = new Map<string, AbonnementRecord>();
  const clients = new WeakMap<object, string>();

  const kanaalUrl = (uuid: string) => `${apiUrl()}/kanaal/${uuid}`;
  const abonnementUrl = (uuid: string) => `${apiUrl()}/abonnement/${uuid}`;
  const kanaalJson = (k: KanaalRecord) => ({ url: kanaalUrl(k.uuid), naam: k.naam, documentatieLink: k.documentatieLink, filters: [...k.filters] });
  // Open Notificaties never answers with `auth` (write-only in its serializer and its own
  // openapi.yaml), although the VNG spec 1.0.0 lists it as required: a client cannot read back the
  // secret it gave, nor see whether it changed.
  const abonnementJson = (a: AbonnementRecord) => ({
    url: abonnementUrl(a.uuid),
    callbackUrl: a.callbackUrl,
    kanalen: a.kanalen.map((g) => ({ naam: g.naam, filters: { ...g.filters } })),
  });

  /** Checks and routes a notificatie; its deliveries start after the current request. */
  function route(body: unknown): Notificatie {
    const { value, errors } = checkMessage(body, kanalen);
    if (!value) throw invalid(errors);
    for (const abonnement of abonnementen.values()) {
      if (!abonnement.kanalen.some((group) => groupMatches(group, value))) continue;
      const uuid = abonnement.uuid;
      deliveries.deliver(() => {
        const current = abonnementen.get(uuid);
        return current && { url: abonnementUrl(uuid), callbackUrl: current.callbackUrl, auth: current.auth };
      }, value);
    }
    return value;
  }

  // Requests held by the 'hang' fault, and deliveries waiting for a retry, would keep app.close() waiting.
  app.addHook('preClose', async () => {
    faults.close();
    deliveries.close();
  });

  await app.register(
    async (scope) => {
      setUpScope(scope, {
        faults,
        authenticate: createAuthenticator(options.clients),
        origin: () => base.origin,
        setClient: (request, clientId) => clients.set(request, clientId),
      });

      /** vng-api-common's CheckQueryParamsMixin: unknown query parameters are a 400. */
      const onlyParams = (request: FastifyRequest, known: string[]) => {
        const unknown = [...new Set(queryOf(request).keys())].filter((k) => !known.includes(k));
        if (unknown.length > 0)
          throw invalid([{ name: 'nonFieldErrors', code: 'unknown-parameters', reason: `Onbekende query parameters: ${unknown.join(', ')}` }]);
      };
      const bodyObject = (body: unknown): Record<string, unknown> => {
        if (!isObject(body)) throw invalid(notAnObject(body));
        return body;
      };

      // --- kanaal ---------------------------------------------------------------------------

      scope.get('/kanaal', async (request) => {
        onlyParams(request, ['naam']);
        const naam = queryOf(request).get('naam');
        return kanalen.filter((k) => naam === null || naam === '' || k.naam === naam).map(kanaalJson);
      });

      scope.get('/kanaal/:uuid', async (request) => {
        const kanaal = kanalen.find((k) => k.uuid === (request.params as { uuid: string }).uuid.toLowerCase());
        if (!kanaal) throw notFound();
        return kanaalJson(kanaal);
      });

      scope.post('/kanaal', async (request, reply) => {
        const { value, errors } = checkKanaal(bodyObject(request.body), kanalen);
        if (!value) throw invalid(errors);
        const kanaal: KanaalRecord = { uuid: randomUUID(), ...value };
        kanalen.push(kanaal);
        return reply.code(201).header('location', kanaalUrl(kanaal.uuid)).send(kanaalJson(kanaal));
      });

      // --- abonnement -----------------------------------------------------------------------

      const findAbonnement = (request: FastifyRequest) => {
        const abonnement = abonnementen.get((request.params as { uuid: string }).uuid.toLowerCase());
        if (!abonnement) throw notFound();
        return abonnement;
      };
      /** Only the client that created an abonnement may change or delete it (ClientIdRequired). */
      const ownAbonnement = (request: FastifyRequest) => {
        const abonnement = findAbonnement(request);
        if (abonnement.clientId !== clients.get(request)) throw forbidden('Dit abonnement is van een andere client.');
        return abonnement;
      };

      /**
       * The checks Open Notificaties makes of an abonnement, in its order; the new state, or a 400.
       * As in Open Notificaties, also for a PATCH: the callback is checked with the `auth` of the
       * request (CallbackURLValidator reads it from the request only, so a PATCH without `auth`
       * sends the test notificatie without Authorization and fails), and the kanalen are replaced
       * by those of the request (AbonnementSerializer.update deletes every kanaal and creates the
       * ones given: a PATCH without `kanalen` leaves none).
       */
      async function validAbonnement(body: unknown, existing?: AbonnementRecord, partial = false): Promise<Omit<AbonnementRecord, 'uuid' | 'clientId'>> {
        const { value, errors } = checkAbonnement(bodyObject(body), partial);
        if (!value) throw invalid(errors);
        const next = {
          callbackUrl: value.callbackUrl ?? existing!.callbackUrl,
          auth: value.auth ?? existing!.auth,
          kanalen: value.kanalen ?? [],
        };
        if (checkCallbacks) {
          const problem = await deliveries.checkCallback(next.callbackUrl, value.auth, value.callbackUrl !== undefined);
          if (problem === 'no-auth') {
            throw invalid([{ name: 'callbackUrl', code: 'no-auth-on-callback-url', reason: 'De opgegeven callback URL is niet beveiligd met autorisatie.' }]);
          }
          if (problem === 'unreachable') {
            throw invalid([{ name: 'nonFieldErrors', code: 'invalid-callback-url', reason: 'De opgegeven callback URL kan geen notificaties ontvangen.' }]);
          }
        }
        const kanaalErrors = checkKanalen(next.kanalen, kanalen);
        if (kanaalErrors.length > 0) throw invalid(kanaalErrors);
        return next;
      }

      scope.get('/abonnement', async (request) => {
        onlyParams(request, []);
        return [...abonnementen.values()].map(abonnementJson);
      });

      scope.get('/abonnement/:uuid', async (request) => abonnementJson(findAbonnement(request)));

      scope.post('/abonnement', async (request, reply) => {
        const fields = await validAbonnement(request.body);
        const abonnement: AbonnementRecord = { uuid: randomUUID(), ...fields, clientId: clients.get(request)! };
        abonnementen.set(abonnement.uuid, abonnement);
        return reply.code(201).header('location', abonnementUrl(abonnement.uuid)).send(abonnementJson(abonnement));
      });

      for (const method of ['put', 'patch'] as const) {
        scope[method]('/abonnement/:uuid', async (request) => {
          const abonnement = ownAbonnement(request);
          Object.assign(abonnement, await validAbonnement(request.body, abonnement, method === 'patch'));
          return abonnementJson(abonnement);
        });
      }

      scope.delete('/abonnement/:uuid', async (request, reply) => {
        abonnementen.delete(ownAbonnement(request).uuid);
        return reply.code(204).send();
      });

      // --- notificaties ---------------------------------------------------------------------

      // Open Notificaties answers 201 with the notificatie (NotificatieAPIView); the spec only lists 200.
      scope.post('/notificaties', async (request, reply) => reply.code(201).send(route(request.body)));
    },
    { prefix: base.path + apiPath },
  );

  return {
    get url() {
      return apiUrl();
    },
    async publish(notificatie) {
      try {
        route(notificatie);
      } catch (error) {
        if (error instanceof ApiError)
          throw new Error(`Notificaties simulator: ${((error as ApiError<Fout>).body.invalidParams ?? []).map((p) => `${p.name}: ${p.reason}`).join('; ')}`);
        throw error;
      }
    },
    deliveries: () => deliveries.log.map((d) => ({ ...d })),
    abonnementen: () => [...abonnementen.values()].map(abonnementJson),
    authOf: (url) => [...abonnementen.values()].find((a) => abonnementUrl(a.uuid) === url)?.auth,
    ...faults.controls(),
    idle: () => deliveries.idle(),
  };
}
