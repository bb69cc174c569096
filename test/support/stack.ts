/**
 * The whole thing on real ports, as a browser sees it: the simulators (DigiD/eHerkenning login,
 * ZGW APIs, BRP, KvK, Klantinteracties and Notify, with the demo data) and Voordeur on a fresh
 * database, configured as the demo is.
 */
import { dossierKinds } from '../../src/domain/medewerker.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerBrpSimulator, type BrpSimulator } from '../../simulators/brp/index.ts';
import { notifyService, notifySettings, notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { registerIdentitySimulator } from '../../simulators/identity/index.ts';
import { registerKlantinteractiesSimulator, type KlantinteractiesSimulator } from '../../simulators/klantinteracties/index.ts';
import { demoActoren } from '../../simulators/klantinteracties/internetaken.ts';
import { registerKvkSimulator, type KvkSimulator } from '../../simulators/kvk/index.ts';
import { connect, registerNotificatiesSimulator, type NotificatiesSimulator } from '../../simulators/notificaties/index.ts';
import { registerNotifySimulator, type NotifySimulator } from '../../simulators/notify/index.ts';
import { ensureAbonnement } from '../../src/features/notificaties/subscribe.ts';
import { Metrics } from '../../src/platform/metrics.ts';
import { registerObjectenSimulator, type ObjectenSimulator } from '../../simulators/objecten/index.ts';
import { registerOgoneSimulator, type OgoneSimulator } from '../../simulators/ogone/index.ts';
import { registerOpenProductSimulator, type OpenProductSimulator } from '../../simulators/openproduct/index.ts';
import { registerZgwSimulator, type ZgwSimulator, type ZgwSimulatorOptions } from '../../simulators/zgw/index.ts';
import { routeProductaanvragen } from '../../simulators/zgw/routing.ts';
import { testApp, type TestApp } from './app.ts';
import { freePort } from './ports.ts';
import type { Resolve } from '../../src/platform/http/public-address.ts';

export interface Stack {
  voordeur: TestApp;
  simulators: FastifyInstance;
  /** Voordeur's address, e.g. http://127.0.0.1:41234 */
  url: string;
  issuer: string;
  zgw: ZgwSimulator;
  brp: BrpSimulator;
  kvk: KvkSimulator;
  klantinteracties: KlantinteractiesSimulator;
  notify: NotifySimulator;
  objecten: ObjectenSimulator;
  ogone: OgoneSimulator;
  notificaties: NotificatiesSimulator;
  openProduct: OpenProductSimulator;
  close(): Promise<void>;
}

/** The Ogone account of the demo taken (their pspid). */
export const ogoneAccount = { pspid: 'voorbeeldstad', shaIn: 'test-sha-in-passphrase', shaOut: 'test-sha-out-passphrase', algorithm: 'sha512' as const };

const keys = {
  brp: 'voordeur-test-brp-key',
  kvk: 'voordeur-test-kvk-key',
  klantinteracties: 'voordeur-test-klantinteracties-token',
  objecten: 'voordeur-test-objecten-token',
  openProduct: 'voordeur-test-openproduct-token',
  callback: 'Token voordeur-test-callback-secret',
};

export const zgwClient = { clientId: 'voordeur-test', secret: 'voordeur-test-zgw-secret-0123456789' };

/** The ZAAKSYSTEMEN setting for a ZGW simulator at `baseUrl`. */
export function zaaksystemenFor(baseUrl: string, naam = 'demo'): string {
  return JSON.stringify([
    {
      naam,
      zakenApi: `${baseUrl}/zaken/api/v1`,
      catalogiApi: `${baseUrl}/catalogi/api/v1`,
      documentenApi: `${baseUrl}/documenten/api/v1`,
      ...zgwClient,
      uploadInformatieobjecttype: `${baseUrl}/catalogi/api/v1/informatieobjecttypen/${zgwDemo.informatieobjecttypen.find((t) => t.key === 'bewijsstuk')!.uuid}`,
      aanvraagInformatieobjecttype: `${baseUrl}/catalogi/api/v1/informatieobjecttypen/${zgwDemo.informatieobjecttypen.find((t) => t.key === 'aanvraag')!.uuid}`,
    },
  ]);
}

/**
 * `productinstanties`: Mijn producten also reads PDCProductInstantie objects from the Objecten simulator (besides Open Product).
 * `parkeervergunningen`: Mijn producten also reads Parkeervergunning objects (NL Portal's example object type) from the Objecten simulator.
 * `aanvragen`: the Aanvragen catalogue (PDCProductType objects) and productaanvraag objects in the Objecten simulator.
 * `resolve`: how host names of organisations' webhooks and JWKS URLs resolve (a stub; with ORGANISATIE_API_PRIVATE_ADDRESSES=false).
 * `countRoundTrips`: each answer says how many source round trips the request waited for (the benchmark's header, src/platform/round-trips.ts).
 * `pglite`: Voordeur's database is PGlite even when TEST_DATABASE_URL is set (for a test that fixes the clock of this process, which PGlite follows and PostgreSQL does not).
 */
export async function startStack(
  environment: Record<string, string> = {},
  zgwOptions: Partial<ZgwSimulatorOptions> = {},
  options: {
    productinstanties?: boolean;
    parkeervergunningen?: boolean;
    aanvragen?: boolean;
    resolve?: Resolve;
    pglite?: boolean;
    countRoundTrips?: boolean;
  } = {},
): Promise<Stack> {
  const [appPort, simulatorPort] = await Promise.all([freePort(), freePort()]);
  const url = `http://127.0.0.1:${appPort}`;
  const issuer = `http://127.0.0.1:${simulatorPort}/oidc`;
  // Closing must not wait for requests a test left hanging (the 'hang' faults).
  const simulators = Fastify({ logger: false, forceCloseConnections: true });
  await registerIdentitySimulator(simulators, {
    issuer,
    clients: [
      {
        client_id: 'voordeur',
        client_secret: 'voordeur-test-secret',
        redirect_uris: [`${url}/auth/callback`, `${url}/medewerkers/auth/callback`, `${url}/leveranciers/auth/callback`],
        post_logout_redirect_uris: [`${url}/uitgelogd`, `${url}/medewerkers/uitgelogd`, `${url}/leveranciers/uitgelogd`],
      },
    ],
  });
  const simulatorsUrl = `http://127.0.0.1:${simulatorPort}`;
  const zgw = await registerZgwSimulator(simulators, { baseUrl: simulatorsUrl, clients: [zgwClient], ...zgwOptions });
  const brp = await registerBrpSimulator(simulators, { baseUrl: simulatorsUrl, apiKeys: [keys.brp] });
  const kvk = await registerKvkSimulator(simulators, { baseUrl: simulatorsUrl, apiKeys: [keys.kvk] });
  const klantinteracties = await registerKlantinteractiesSimulator(simulators, {
    baseUrl: simulatorsUrl,
    tokens: [keys.klantinteracties],
    zgwBaseUrl: simulatorsUrl,
  });
  const notify = await registerNotifySimulator(simulators, { baseUrl: simulatorsUrl, services: [notifyService], templates: Object.values(notifyTemplates) });
  const objecten = await registerObjectenSimulator(simulators, { baseUrl: simulatorsUrl, tokens: [keys.objecten], zgwBaseUrl: simulatorsUrl });
  const ogone = await registerOgoneSimulator(simulators, { baseUrl: simulatorsUrl, accounts: [ogoneAccount] });
  const openProduct = await registerOpenProductSimulator(simulators, { baseUrl: simulatorsUrl, tokens: [keys.openProduct] });
  const notificaties = await registerNotificatiesSimulator(simulators, {
    baseUrl: simulatorsUrl,
    clients: [zgwClient],
    delivery: { retries: 3, delayMs: 200 },
  });
  connect(zgw, notificaties);
  connect(objecten, notificaties);
  // A productaanvraag becomes a zaak, as the back office's routing would.
  if (options.aanvragen) routeProductaanvragen(objecten, zgw);
  await simulators.listen({ host: '127.0.0.1', port: simulatorPort });
  const voordeur = await testApp(
    {
      PUBLIC_URL: url,
      PORT: String(appPort),
      OIDC_ISSUER: issuer,
      ZAAKSYSTEMEN: zaaksystemenFor(simulatorsUrl),
      BRP_API_URL: brp.url,
      BRP_API_KEY: keys.brp,
      KVK_API_URL: kvk.url,
      KVK_API_KEY: keys.kvk,
      KLANTINTERACTIES_API_URL: klantinteracties.url,
      KLANTINTERACTIES_TOKEN: keys.klantinteracties,
      ...notifySettings(notify.url),
      OBJECTEN_API_URL: objecten.url,
      OBJECTEN_TOKEN: keys.objecten,
      OBJECTTYPE_TAAK: objecten.objecttypen.taak,
      OBJECTTYPE_BERICHT: objecten.objecttypen.bericht,
      OGONE_URL: ogone.url,
      OPEN_PRODUCT_URL: simulatorsUrl,
      OPEN_PRODUCT_TOKEN: keys.openProduct,
      ...(options.productinstanties
        ? { OBJECTTYPE_PRODUCTINSTANTIE: objecten.objecttypen.productinstantie, OBJECTTYPE_VERBRUIKSOBJECT: objecten.objecttypen.verbruiksobject }
        : {}),
      ...(options.parkeervergunningen ? { OBJECTTYPE_PARKEERVERGUNNING: objecten.objecttypen.parkeervergunning } : {}),
      ...(options.aanvragen
        ? { OBJECTTYPE_PRODUCTTYPE: objecten.objecttypen.producttype, OBJECTTYPE_PRODUCTAANVRAAG: objecten.objecttypen.productaanvraag }
        : {}),
      OGONE_ACCOUNTS: JSON.stringify([ogoneAccount]),
      NOTIFICATIES_CALLBACK_SECRET: keys.callback,
      NOTIFICATIES_API_URL: notificaties.url,
      NOTIFICATIES_CLIENT_ID: zgwClient.clientId,
      NOTIFICATIES_SECRET: zgwClient.secret,
      WORKER_RETRY_BASE_MS: '200',
      // The medewerkersportaal, with staff logging in at the same simulator (as in the demo).
      MEDEWERKERS_PORTAAL: 'true',
      MEDEWERKERS_OIDC_ISSUER: issuer,
      MEDEWERKERS_OIDC_CLIENT_ID: 'voordeur',
      MEDEWERKERS_OIDC_CLIENT_SECRET: 'voordeur-test-secret',
      MEDEWERKERS_OIDC_AUTH_PARAMS: 'kc_idp_hint=medewerker',
      MEDEWERKERS_ROLLEN: JSON.stringify({ kcc: [...dossierKinds], inkomen: ['zaken', 'documenten'] }),
      MEDEWERKERS_BEPERKTE_ZAAKTYPEN: JSON.stringify({ 'Bijzondere bijstand aanvragen': ['inkomen'] }),
      MEDEWERKERS_TERUGBEL_AFDELINGEN: JSON.stringify(demoActoren.map((actor) => ({ actor: actor.uuid, naam: actor.naam }))),
      // The organisation API and its leveranciersportaal, whose staff log in at the same simulator (as in the demo).
      ORGANISATIE_API: 'true',
      LEVERANCIERS_PORTAAL: 'true',
      LEVERANCIERS_OIDC_ISSUER: issuer,
      LEVERANCIERS_OIDC_CLIENT_ID: 'voordeur',
      LEVERANCIERS_OIDC_CLIENT_SECRET: 'voordeur-test-secret',
      LEVERANCIERS_OIDC_AUTH_PARAMS: 'kc_idp_hint=leverancier',
      ...environment,
    },
    { ...(options.resolve ? { resolve: options.resolve } : {}), pglite: options.pglite, countRoundTrips: options.countRoundTrips },
  );
  await voordeur.app.listen({ host: '127.0.0.1', port: appPort });
  // As `npm start` does once it listens (the Notificaties API checks the callback).
  const api = voordeur.config.notificaties.api!;
  await ensureAbonnement({ api, callbackSecret: keys.callback, publicUrl: voordeur.config.publicUrl, metrics: new Metrics(), timeoutMs: 3000 });
  return {
    voordeur,
    simulators,
    url,
    issuer,
    zgw,
    brp,
    kvk,
    klantinteracties,
    notify,
    objecten,
    ogone,
    notificaties,
    openProduct,
    async close() {
      await voordeur.close();
      await simulators.close();
    },
  };
}
