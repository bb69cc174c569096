/**
 * Voordeur's side of the page phase of bench/inbox.ts, in a process of its own (started with
 * fork()): Voordeur on PostgreSQL (BENCH_INBOX_DATABASE_URL) against the simulators of
 * bench/support/pages-simulators.ts (their address in BENCH_SIMULATORS), with one logged-in
 * session of Suzanne. BENCH_INBOX_MODE says where her berichten come from:
 *   - 'objecten': the Objecten API (OBJECTTYPE_BERICHT), her 100 bench berichten in the simulator;
 *   - 'pushed': the organisation API (ORGANISATIE_API, no bericht object type): the same berichten,
 *     read from the Objecten simulator once and stored as pushed berichten in Voordeur's database
 *     (with as many PDF attachments as they had bijlagen), which is then what Mijn berichten reads.
 * Everything else (zaken, taken, BRP, the navigation) is the same in both. Sends `{ ready, url,
 * cookie, berichten }` once it listens; answers `{ usage: true }` with its CPU time.
 */
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { notifySettings } from '../../simulators/data/notify-templates.ts';
import { ObjectenClient } from '../../src/sources/objecten/objecten.ts';
import { ObjectenBerichtStore } from '../../src/sources/objecten/berichten.ts';
import { Metrics } from '../../src/platform/metrics.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { OrganisatieBerichten } from '../../src/sources/voordeur/organisatie-berichten.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { pdf } from '../../simulators/zgw/content.ts';
import { benchPerson } from './pages-data.ts';
import { benchKeys } from './pages-keys.ts';

const simulators = JSON.parse(process.env.BENCH_SIMULATORS!) as {
  url: string;
  objecten: string;
  objecttypen: { taak: string; bericht: string };
  notify: string;
};
const mode = process.env.BENCH_INBOX_MODE === 'pushed' ? 'pushed' : 'objecten';
const base = simulators.url;
const zgwApis = { zakenApi: `${base}/zaken/api/v1`, catalogiApi: `${base}/catalogi/api/v1`, documentenApi: `${base}/documenten/api/v1` };
const bewijsstuk = `${zgwApis.catalogiApi}/informatieobjecttypen/${zgwDemo.informatieobjecttypen.find((t) => t.key === 'bewijsstuk')!.uuid}`;

const config = loadConfig({
  NODE_ENV: 'production',
  DEMO_MODE: 'true',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  DATABASE_URL: process.env.BENCH_INBOX_DATABASE_URL!,
  IDENTITY_KEY_SECRET: process.env.BENCH_IDENTITY_KEY_SECRET!,
  OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
  OIDC_CLIENT_ID: 'bench',
  OIDC_CLIENT_SECRET: 'bench',
  ZAAKSYSTEMEN: JSON.stringify([{ naam: 'demo', ...zgwApis, ...benchKeys.zgwClient, uploadInformatieobjecttype: bewijsstuk }]),
  BRP_API_URL: `${base}/haalcentraal/api/brp`,
  BRP_API_KEY: benchKeys.brp,
  KVK_API_URL: `${base}/kvk/api/v1`,
  KVK_API_KEY: benchKeys.kvk,
  KLANTINTERACTIES_API_URL: `${base}/klantinteracties/api/v1`,
  KLANTINTERACTIES_TOKEN: benchKeys.klantinteracties,
  OBJECTEN_API_URL: simulators.objecten,
  OBJECTEN_TOKEN: benchKeys.objecten,
  OBJECTTYPE_TAAK: simulators.objecttypen.taak,
  ...(mode === 'objecten' ? { OBJECTTYPE_BERICHT: simulators.objecttypen.bericht } : { ORGANISATIE_API: 'true' }),
  ...notifySettings(simulators.notify),
});
const subject = { type: 'persoon' as const, bsn: benchPerson.bsn };
const voordeur = await buildApp(config);
/** Her berichten as the Objecten simulator has them (read through Voordeur's own Objecten source). */
const objectenBerichten = async () =>
  (
    await new ObjectenBerichtStore(
      new ObjectenClient({ url: simulators.objecten, token: benchKeys.objecten }, { timeoutMs: 10_000, metrics: new Metrics() }),
      simulators.objecttypen.bericht,
    ).list(subject, console)
  ).items;

let berichten = 0;
if (mode === 'pushed') {
  // Her berichten as the Objecten API has them, pushed by an organisation instead (idempotent: a reused database keeps them once).
  const items = await objectenBerichten();
  await new Organisaties(voordeur.database.db).save({ id: 'bench-inbox', naam: 'Belastingsamenwerking Bench', jwks: { keys: [] } });
  const attachment = pdf(['Aanslag']);
  await new OrganisatieBerichten(voordeur.database.db, new IdentityKeys(config.identityKeySecret)).store(
    'bench-inbox',
    items.map((b, i) => ({
      berichtId: `suzanne-${i}`,
      ontvanger: subject,
      onderwerp: b.onderwerp,
      tekst: b.tekst,
      referentie: b.referentie,
      handelingsperspectief: b.handelingsperspectief,
      einddatumHandelingstermijn: b.einddatumHandelingstermijn?.toISOString().slice(0, 10),
      publicatiedatum: b.publicatiedatum,
      bijlagen: b.bijlagen.slice(0, 2).map((_, index) => ({ bestandsnaam: `bijlage-${index + 1}.pdf`, inhoud: attachment })),
    })),
  );
  berichten = items.length;
}

const { token } = await voordeur.sessions.create({ method: 'digid', subject, subjectName: benchPerson.name }, null);
const url = await voordeur.app.listen({ host: '127.0.0.1', port: 0 });
const cookie = `voordeur_session=${token}`;
// Once, so that the caches (catalogue, statussen) are filled; the page must show her berichten, not 'niet beschikbaar'.
const first = await fetch(`${url}/berichten`, { headers: { cookie } });
const html = await first.text();
if (first.status !== 200 || html.includes('niet beschikbaar')) throw new Error(`Mijn berichten (${mode}) answered ${first.status} without the berichten`);
if (mode === 'objecten') berichten = (await objectenBerichten()).length;

const send = (message: unknown) => {
  if (process.connected) process.send!(message, undefined, {}, () => {});
};
process.on('message', (message: { usage?: boolean }) => {
  if (message.usage) send({ usage: { cpu: process.cpuUsage() } });
});
process.on('disconnect', () => void voordeur.close().then(() => process.exit(0)));
send({ ready: true, url, cookie, berichten, bytes: Buffer.byteLength(html) });
