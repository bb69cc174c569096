/**
 * The Klantinteracties simulator: Open Klant 2 as a portal sees it, built from the official spec
 * (specs/klantinteracties-api.yaml, Klantinteracties API 0.9.0) and checked against it in
 * klantinteracties.test.ts, with the demo data of simulators/data/klantinteracties-demo.ts.
 *
 * What it plays: partijen with their identificatoren and digitale adressen (read and write), and
 * klantcontacten with their betrokkenen and onderwerpobjecten (read and create, also all at once
 * with /maak-klantcontact; a klantcontact can be deleted), actoren (read) and interne taken
 * (read and create: a terugbelverzoek, internetaken.ts). The other resources of the spec (bijlagen,
 * rekeningnummers, vertegenwoordigingen, categorieën), changing klantcontacten, betrokkenen,
 * onderwerpobjecten, actoren and interne taken, and deleting them, answer 405.
 *
 * The API is its own Fastify scope under `${baseUrl}/klantinteracties/api/v1`, so that its hooks
 * (token authentication, faults, request counts) and error shapes do not leak into the other
 * simulators on the same Fastify instance. Besides the HTTP API, tests get handles to make the
 * simulator slow, down or nonsensical, to count round trips, and to see what is stored.
 */
import type { FastifyInstance } from 'fastify';
import type { Api, OpenKlantVersion } from './api.ts';
import { registerDigitaleAdressen } from './digitaleadressen.ts';
import { BaseUrl } from '../shared/base-url.ts';
import { Faults } from '../shared/faults.ts';
import type { FaultControls } from '../shared/faults.ts';
import { apiPath, Links, notSimulated, setUpScope } from './http.ts';
import { type InterneTaakRecord, registerInterneTaken } from './internetaken.ts';
import { registerKlantcontacten, registerKlantcontactWrites } from './klantcontacten.ts';
import { registerPartijen, registerPartijIdentificatoren } from './partijen.ts';
import { Resources } from './resources.ts';
import { Store } from './store.ts';

export interface KlantinteractiesSimulatorOptions {
  /** Public base URL where `app` listens, e.g. http://127.0.0.1:3001; the API lives at
   *  `${baseUrl}/klantinteracties/api/v1`. With port 0 (for tests) the port is the one the app
   *  listens on. */
  baseUrl: string;
  /** Accepted `Authorization: Token <token>` values (Open Klant's token authentication). */
  tokens: string[];
  /** 'demo' (default) seeds the demo data; 'empty' starts with nothing. */
  dataset?: 'demo' | 'empty';
  /** Dates of the demo data are relative to this moment (default: now). */
  now?: Date;
  /** Page size of paginated lists (default 100, like Open Klant). */
  pageSize?: number;
  /** Which Open Klant to play (default 'current'); '2.1' ignores the filters that version does not
   *  have, and answers everyone's klantcontacten and digitale adressen (see api.ts). */
  openKlant?: OpenKlantVersion;
  /** Base URL of the ZGW simulator (default `baseUrl`): the demo's hoofdOnderwerpType is a
   *  zaaktype at `${zgwBaseUrl}/catalogi/api/v1`. Port 0 works as in `baseUrl`. */
  zgwBaseUrl?: string;
  /** Plays Open Klant with its Referentielijsten check of klantcontact.kanaal on, with these kanalen
   *  (default: off, as Open Klant ships; then any kanaal of up to 50 characters goes). */
  kanalen?: readonly string[];
}

/** The faults of shared/faults.ts; 'down' = 503 with a Fout body. */
export interface KlantinteractiesSimulator extends FaultControls {
  /** `${baseUrl}/klantinteracties/api/v1`; a getter, complete once the app listens. */
  readonly url: string;
  /** Snapshots for tests, in API JSON shape (as GET would answer). */
  partijen(): Record<string, unknown>[];
  digitaleAdressen(): Record<string, unknown>[];
  klantcontacten(): Record<string, unknown>[];
  /** The interne taken (e.g. terugbelverzoeken) created, as stored. */
  interneTaken(): InterneTaakRecord[];
  /** Plays another Open Klant from now on (as the `openKlant` option). */
  setOpenKlant(version: OpenKlantVersion): void;
  /** Another page size from now on (as the `pageSize` option). */
  setPageSize(size: number): void;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const routes = (resource: string, onList: Method[], onOne: Method[]) => [
  ...onList.map((method) => ({ method, url: `/${resource}` })),
  ...onOne.map((method) => ({ method, url: `/${resource}/:uuid` })),
];

/** Operations of the spec that the simulator does not play: 405. */
const notSimulatedRoutes = [
  ...['actorklantcontacten', 'bijlagen', 'categorie-relaties', 'categorieen', 'rekeningnummers', 'vertegenwoordigingen'].flatMap((resource) =>
    routes(resource, ['GET', 'POST'], ['GET', 'PUT', 'PATCH', 'DELETE']),
  ),
  ...routes('actoren', ['POST'], ['PUT', 'PATCH', 'DELETE']),
  ...routes('internetaken', [], ['PUT', 'PATCH', 'DELETE']),
  ...routes('klantcontacten', [], ['PUT', 'PATCH']),
  ...['betrokkenen', 'onderwerpobjecten'].flatMap((resource) => routes(resource, [], ['PUT', 'PATCH', 'DELETE'])),
];

export async function registerKlantinteractiesSimulator(app: FastifyInstance, options: KlantinteractiesSimulatorOptions): Promise<KlantinteractiesSimulator> {
  const base = BaseUrl.of(app, options.baseUrl);
  const links = new Links(base);
  const zgw = BaseUrl.of(app, options.zgwBaseUrl ?? options.baseUrl);
  // The simulated clock starts at `now` and runs on with real time.
  const startedAt = Date.now();
  const now = options.now?.getTime() ?? startedAt;
  const store = new Store({ clock: () => new Date(now + (Date.now() - startedAt)), dataset: options.dataset ?? 'demo' });
  const resources = new Resources(store, links, () => `${zgw.href}/catalogi/api/v1`);
  const faults = new Faults();
  const api: Api = { store, resources, links, pageSize: options.pageSize ?? 100, openKlant: options.openKlant ?? 'current', kanalen: options.kanalen };

  // Requests held by the 'hang' fault would keep app.close() waiting for ever.
  app.addHook('preClose', async () => faults.close());

  await app.register(
    async (scope) => {
      setUpScope(scope, { links, faults, tokens: new Set(options.tokens) });
      registerPartijen(scope, api);
      registerPartijIdentificatoren(scope, api);
      registerDigitaleAdressen(scope, api);
      registerKlantcontacten(scope, api);
      registerKlantcontactWrites(scope, api);
      registerInterneTaken(scope, api);
      for (const { method, url } of notSimulatedRoutes) {
        scope.route({
          method,
          url,
          handler: async () => {
            throw notSimulated(method);
          },
        });
      }
    },
    { prefix: base.path + apiPath },
  );

  return {
    get url() {
      return links.api;
    },
    ...faults.controls(),
    partijen: () => [...store.partijen.values()].map((p) => resources.partij(p)),
    digitaleAdressen: () => [...store.digitaleAdressen.values()].map((a) => resources.digitaalAdres(a)),
    klantcontacten: () => [...store.klantcontacten.values()].map((k) => resources.klantcontact(k)),
    interneTaken: () => [...store.internetaken.values()].map((t) => ({ ...t, actoren: [...t.actoren] })),
    setOpenKlant(version) {
      api.openKlant = version;
    },
    setPageSize(size) {
      api.pageSize = size;
    },
  };
}
