/**
 * `npm start`: the full demo on the embedded defaults. Starts the simulators (DigiD/eHerkenning
 * login, and the sources as they are added) on SIMULATORS_PORT (default PORT + 1), then
 * Voordeur itself in demo mode on PGlite in ./data, and prints where to go and who to log in as.
 * Any setting from docs/configuration.md can still be given in the environment.
 */
import Fastify from 'fastify';
import { dossierKinds } from '../src/domain/medewerker.ts';
import { main } from '../src/main.ts';
import { notifyService, notifySettings, notifyTemplates } from './data/notify-templates.ts';
import { displayName, testCompanies, testMachtigingen, testMedewerkers, testPersons } from './data/test-identities.ts';
import { testLeveranciers } from './data/test-leveranciers.ts';
import { zgwDemo } from './data/zgw-demo.ts';
import { demoActoren } from './klantinteracties/internetaken.ts';
import { objectTypeUrl } from './objecten/objecttypes.ts';
import { routeProductaanvragen } from './zgw/routing.ts';

/**
 * Products kept as PDCProductInstantie objects (for organisations without Open Product), shown in
 * Mijn producten beside Open Product's: Suzanne's gehandicaptenparkeerkaart (with its zaak), and a
 * venstertijdontheffing of the bakkerij's vestiging on the Marktstraat with its usage.
 */
async function seedDemoProductInstanties(objecten: {
  createObject(type: 'productinstantie' | 'verbruiksobject', data: Record<string, unknown>): Promise<string>;
}) {
  const year = new Date().getFullYear();
  const gpkZaak = zgwDemo.zaken.find((z) => z.omschrijving === 'Gehandicaptenparkeerkaart')!.uuid;
  await objecten.createObject('productinstantie', {
    naam: 'Gehandicaptenparkeerkaart',
    status: 'actief',
    PDCProductType: '10b88cbd-5b9e-4e25-8635-eda8fe5ad227',
    geldigVan: `${year}-01-01T00:00:00+01:00`,
    geldigTot: `${year + 5}-01-01T00:00:00+01:00`,
    rollen: { initiator: { identificatie: '999993653', betrokkeneType: 'natuurlijkpersoon' } },
    zaken: [gpkZaak],
    eigenschappen: { kaartnummer: 'GPK-2026-0042' },
  });
  const ontheffing = await objecten.createObject('productinstantie', {
    naam: 'Venstertijdontheffing Marktstraat',
    status: 'actief',
    PDCProductType: '10b88cbd-5b9e-4e25-8635-eda8fe5ad227',
    geldigVan: `${year}-01-01T00:00:00+01:00`,
    geldigTot: `${year + 1}-01-01T00:00:00+01:00`,
    rollen: { initiator: { identificatie: '000038509504', betrokkeneType: 'vestiging' } },
    eigenschappen: { kenteken: 'BV-123-K' },
  });
  await objecten.createObject('verbruiksobject', { soort: 'ontheffingen', productInstantie: ontheffing, data: { ontheffingsdagen_over: 8 } });
}

const startedAt = performance.now();
const port = Number(process.env.PORT ?? 3000);
const simulatorsPort = Number(process.env.SIMULATORS_PORT ?? port + 1);
const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
const simulatorsUrl = `http://localhost:${simulatorsPort}`;
const client = { client_id: 'voordeur-demo', client_secret: 'voordeur-demo-secret' };
const zgwClient = { clientId: 'voordeur-demo', secret: 'voordeur-demo-zgw-secret' };
// Where the Objecten simulator serves its object types (Voordeur is configured before the simulators start).
const objecttypen = { base: () => `${simulatorsUrl}/objecttypen/api/v2`, origin: () => simulatorsUrl };
const ogoneAccount = { pspid: 'voorbeeldstad', shaIn: 'voordeur-demo-sha-in', shaOut: 'voordeur-demo-sha-out', algorithm: 'sha512' as const };
const callbackSecret = 'Token voordeur-demo-callback-secret';
const s3Demo = { bucket: 'voordeur-bijlagen', region: 'us-east-1', accessKeyId: 'voordeur-demo', secretAccessKey: 'voordeur-demo-s3-secret' };
const keys = {
  brp: 'voordeur-demo-brp-key',
  kvk: 'voordeur-demo-kvk-key',
  klantinteracties: 'voordeur-demo-klantinteracties-token',
  objecten: 'voordeur-demo-objecten-token',
  openProduct: 'voordeur-demo-openproduct-token',
};
const zgwApis = {
  zakenApi: `${simulatorsUrl}/zaken/api/v1`,
  catalogiApi: `${simulatorsUrl}/catalogi/api/v1`,
  documentenApi: `${simulatorsUrl}/documenten/api/v1`,
};
// Documents residents add get the demo catalogue's "Bewijsstuk" type.
const informatieobjecttype = (key: string) => `${zgwApis.catalogiApi}/informatieobjecttypen/${zgwDemo.informatieobjecttypen.find((t) => t.key === key)!.uuid}`;
const bewijsstuk = informatieobjecttype('bewijsstuk');

// Voordeur first: it does not need the login provider until someone logs in.
const { config, voordeur } = await main(
  {
    NODE_ENV: 'production',
    DEMO_MODE: 'true',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    OIDC_ISSUER: `${simulatorsUrl}/oidc`,
    OIDC_CLIENT_ID: client.client_id,
    OIDC_CLIENT_SECRET: client.client_secret,
    ZAAKSYSTEMEN: JSON.stringify([
      // The PDF of an aanvraag's answers is an 'Aanvraag' document.
      { naam: 'demo', ...zgwApis, ...zgwClient, uploadInformatieobjecttype: bewijsstuk, aanvraagInformatieobjecttype: informatieobjecttype('aanvraag') },
    ]),
    BRP_API_URL: `${simulatorsUrl}/haalcentraal/api/brp`,
    BRP_API_KEY: keys.brp,
    KVK_API_URL: `${simulatorsUrl}/kvk/api/v1`,
    KVK_API_KEY: keys.kvk,
    KLANTINTERACTIES_API_URL: `${simulatorsUrl}/klantinteracties/api/v1`,
    KLANTINTERACTIES_TOKEN: keys.klantinteracties,
    ...notifySettings(`${simulatorsUrl}/notify`),
    OBJECTEN_API_URL: `${simulatorsUrl}/objecten/api/v2`,
    OBJECTEN_TOKEN: keys.objecten,
    OBJECTTYPE_TAAK: objectTypeUrl(objecttypen, 'taak'),
    OBJECTTYPE_BERICHT: objectTypeUrl(objecttypen, 'bericht'),
    // Some products are PDCProductInstantie objects (seeded below), shown with Open Product's.
    OBJECTTYPE_PRODUCTINSTANTIE: objectTypeUrl(objecttypen, 'productinstantie'),
    OBJECTTYPE_VERBRUIKSOBJECT: objectTypeUrl(objecttypen, 'verbruiksobject'),
    // And NL Portal's example Parkeervergunning objects (Suzanne has one, in the Objecten simulator's demo data).
    OBJECTTYPE_PARKEERVERGUNNING: objectTypeUrl(objecttypen, 'parkeervergunning'),
    // Aanvragen: the demo catalogue (PDCProductType objects) and where sent aanvragen go (productaanvraag objects).
    OBJECTTYPE_PRODUCTTYPE: objectTypeUrl(objecttypen, 'producttype'),
    OBJECTTYPE_PRODUCTAANVRAAG: objectTypeUrl(objecttypen, 'productaanvraag'),
    // Mijn producten from the Open Product simulator.
    OPEN_PRODUCT_URL: simulatorsUrl,
    OPEN_PRODUCT_TOKEN: keys.openProduct,
    OGONE_URL: `${simulatorsUrl}/ogone/ncol/test/orderstandard_utf8.asp`,
    OGONE_ACCOUNTS: JSON.stringify([ogoneAccount]),
    NOTIFICATIES_CALLBACK_SECRET: callbackSecret,
    NOTIFICATIES_API_URL: `${simulatorsUrl}/notificaties/api/v1`,
    NOTIFICATIES_CLIENT_ID: zgwClient.clientId,
    NOTIFICATIES_SECRET: zgwClient.secret,
    // The demo shows every change at once; a real portal bundles changes within 10 minutes.
    NOTIFICATION_BUNDLE_SECONDS: '0',
    // Two demo organisations push berichten and a lopende zaak (simulators/organisatie/demo.ts).
    ORGANISATIE_API: 'true',
    // Their larger PDFs go to the S3 simulator (simulators/s3), as they would to MinIO or AWS S3.
    ORGANISATIE_BIJLAGEN_S3_ENDPOINT: `${simulatorsUrl}/s3`,
    ORGANISATIE_BIJLAGEN_S3_BUCKET: s3Demo.bucket,
    ORGANISATIE_BIJLAGEN_S3_ACCESS_KEY_ID: s3Demo.accessKeyId,
    ORGANISATIE_BIJLAGEN_S3_SECRET_ACCESS_KEY: s3Demo.secretAccessKey,
    ORGANISATIE_BIJLAGEN_S3_FORCE_PATH_STYLE: 'true',
    // Staff log in at the same simulator (its "medewerker" page stands in for Keycloak or Entra ID).
    MEDEWERKERS_PORTAAL: 'true',
    MEDEWERKERS_OIDC_ISSUER: `${simulatorsUrl}/oidc`,
    MEDEWERKERS_OIDC_CLIENT_ID: client.client_id,
    MEDEWERKERS_OIDC_CLIENT_SECRET: client.client_secret,
    MEDEWERKERS_OIDC_AUTH_PARAMS: 'kc_idp_hint=medewerker',
    MEDEWERKERS_ROLLEN: JSON.stringify({ kcc: [...dossierKinds], inkomen: ['zaken', 'documenten'] }),
    MEDEWERKERS_BEPERKTE_ZAAKTYPEN: JSON.stringify({ 'Bijzondere bijstand aanvragen': ['inkomen'] }),
    MEDEWERKERS_TERUGBEL_AFDELINGEN: JSON.stringify(demoActoren.map((actor) => ({ actor: actor.uuid, naam: actor.naam }))),
    // The demo organisations' staff log in to the leveranciersportaal at the same simulator (its "leverancier" page).
    LEVERANCIERS_PORTAAL: 'true',
    LEVERANCIERS_OIDC_ISSUER: `${simulatorsUrl}/oidc`,
    LEVERANCIERS_OIDC_CLIENT_ID: client.client_id,
    LEVERANCIERS_OIDC_CLIENT_SECRET: client.client_secret,
    LEVERANCIERS_OIDC_AUTH_PARAMS: 'kc_idp_hint=leverancier',
    ...process.env,
  },
  { subscribe: false },
);

const [
  { registerIdentitySimulator },
  { registerZgwSimulator },
  { registerBrpSimulator },
  { registerKvkSimulator },
  { registerKlantinteractiesSimulator },
  { registerNotifySimulator },
  { registerObjectenSimulator },
  { registerOgoneSimulator },
  { registerNotificatiesSimulator, connect },
  { registerOpenProductSimulator },
  { registerS3Simulator },
] = await Promise.all([
  import('./identity/index.ts'),
  import('./zgw/index.ts'),
  import('./brp/index.ts'),
  import('./kvk/index.ts'),
  import('./klantinteracties/index.ts'),
  import('./notify/index.ts'),
  import('./objecten/index.ts'),
  import('./ogone/index.ts'),
  import('./notificaties/index.ts'),
  import('./openproduct/index.ts'),
  import('./s3/index.ts'),
]);
const simulators = Fastify({ logger: false });
await registerIdentitySimulator(simulators, {
  issuer: `${simulatorsUrl}/oidc`,
  clients: [
    {
      ...client,
      redirect_uris: [`${publicUrl}/auth/callback`, `${publicUrl}/medewerkers/auth/callback`, `${publicUrl}/leveranciers/auth/callback`],
      post_logout_redirect_uris: [`${publicUrl}/uitgelogd`, `${publicUrl}/medewerkers/uitgelogd`, `${publicUrl}/leveranciers/uitgelogd`],
    },
  ],
});
const zgw = await registerZgwSimulator(simulators, { baseUrl: simulatorsUrl, clients: [zgwClient] });
await registerBrpSimulator(simulators, { baseUrl: simulatorsUrl, apiKeys: [keys.brp] });
await registerKvkSimulator(simulators, { baseUrl: simulatorsUrl, apiKeys: [keys.kvk] });
await registerKlantinteractiesSimulator(simulators, { baseUrl: simulatorsUrl, tokens: [keys.klantinteracties], zgwBaseUrl: simulatorsUrl });
const objecten = await registerObjectenSimulator(simulators, { baseUrl: simulatorsUrl, tokens: [keys.objecten], zgwBaseUrl: simulatorsUrl });
await seedDemoProductInstanties(objecten);
// Changes in the ZGW and Objecten simulators reach Voordeur through the Notificaties simulator, as in production.
const notificatiesApi = await registerNotificatiesSimulator(simulators, { baseUrl: simulatorsUrl, clients: [zgwClient] });
connect(zgw, notificatiesApi);
connect(objecten, notificatiesApi);
// A productaanvraag that Voordeur delivers becomes a zaak, as the back office's routing would.
routeProductaanvragen(objecten, zgw);
await registerOgoneSimulator(simulators, { baseUrl: simulatorsUrl, accounts: [ogoneAccount] });
await registerOpenProductSimulator(simulators, { baseUrl: simulatorsUrl, tokens: [keys.openProduct] });
await registerNotifySimulator(simulators, { baseUrl: simulatorsUrl, services: [notifyService], templates: Object.values(notifyTemplates) });
// Beside the demo's database directory, so that the attachments it refers to stay as long as it does.
await registerS3Simulator(simulators, { prefix: '/s3', baseUrl: simulatorsUrl, ...s3Demo, dir: `${config.database.pgliteDir.replace(/\/$/, '')}-s3` });
await simulators.listen({ host: process.env.HOST ?? '0.0.0.0', port: simulatorsPort });
const { ensureAbonnement } = await import('../src/features/notificaties/subscribe.ts');
const { Metrics } = await import('../src/platform/metrics.ts');
const { api } = config.notificaties;
if (api) await ensureAbonnement({ api, callbackSecret, publicUrl: config.publicUrl, metrics: new Metrics(), timeoutMs: 5000 });

if (config.organisatieApi) {
  const { pushDemoOrganisaties } = await import('./organisatie/demo.ts');
  // In the background: the demo serves pages meanwhile.
  pushDemoOrganisaties(voordeur.database.db, new URL('/api/v1', config.publicUrl).href).catch((error: unknown) =>
    console.error('The demo organisations could not push their berichten:', error instanceof Error ? error.message : error),
  );
}

const lines = [
  '',
  `Voordeur demo is running at ${config.publicUrl.href}  (started in ${Math.round(performance.now() - startedAt)} ms)`,
  `Simulators (DigiD/eHerkenning login, ZGW Zaken/Catalogi/Documenten, BRP, KvK, Klantinteracties, Objecten, Open Product and Notify APIs; Ogone payment page) at ${simulatorsUrl}`,
  `Codes and messages "sent" by e-mail or SMS: ${simulatorsUrl}/notify/mailbox`,
  `Database: ${config.database.url ? 'PostgreSQL' : `PGlite in ${config.database.pgliteDir}`}`,
  '',
  'Test persons (DigiD):',
  ...testPersons.map((p) => `  ${p.bsn}  ${displayName(p)} — ${p.description}`),
  'Machtigingen (DigiD Machtigen):',
  ...testMachtigingen.map((m) => `  ${m.gemachtigde} acts for ${m.vertegenwoordigde} — ${m.description}`),
  `Staff (medewerkersportaal at ${config.publicUrl.href}medewerkers):`,
  ...testMedewerkers.map((m) => `  ${m.naam}, ${m.afdeling} — ${m.description}`),
  `Organisation staff (leveranciersportaal at ${config.publicUrl.href}leveranciers):`,
  ...testLeveranciers.map((l) => `  ${l.naam}, ${l.organisatieNaam} (${l.organisatie}) — ${l.description}`),
  'Test companies (eHerkenning):',
  ...testCompanies.map((c) => `  KvK ${c.kvkNummer}  ${c.naam} (vestigingen ${c.vestigingen.map((v) => v.vestigingsnummer).join(', ')}) — ${c.description}`),
  '',
  'Stop with Ctrl+C.',
];
console.log(lines.join('\n'));
