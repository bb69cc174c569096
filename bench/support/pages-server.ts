/**
 * Voordeur's side of bench/pages.ts, in a process of its own (started with fork()) so that its
 * CPU time and memory are Voordeur's alone: Voordeur configured against the simulators of
 * bench/support/pages-simulators.ts (their address in BENCH_SIMULATORS), one logged-in session of
 * Suzanne, and a bare Fastify route per page that answers the same HTML (for the ratio).
 * Sends `{ ready, … }` once both listen; answers `{ usage: true }` with its CPU time and memory,
 * `{ heapSnapshot: name }` with the path of a heap snapshot it wrote, and `{ profile: 'start' }` /
 * `{ profile: 'stop', file }` (a CPU profile of just what ran in between, written to `file`; for
 * bench/support/profile-pages.ts) with `{ profiled }`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import Fastify from 'fastify';
import { notifySettings } from '../../simulators/data/notify-templates.ts';
import { demoUuid, zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { setRoundTripCounting } from '../../src/platform/round-trips.ts';
import { benchPerson, benchResidents } from './pages-data.ts';
import { benchKeys } from './pages-keys.ts';

const simulators = JSON.parse(process.env.BENCH_SIMULATORS!) as {
  url: string;
  objecten: string;
  objecttypen: { taak: string; bericht: string };
  notify: string;
};
const base = simulators.url;
const zgwApis = { zakenApi: `${base}/zaken/api/v1`, catalogiApi: `${base}/catalogi/api/v1`, documentenApi: `${base}/documenten/api/v1` };
const bewijsstuk = `${zgwApis.catalogiApi}/informatieobjecttypen/${zgwDemo.informatieobjecttypen.find((t) => t.key === 'bewijsstuk')!.uuid}`;

const temporaryDir = mkdtempSync(path.join(tmpdir(), 'voordeur-bench-pglite-'));
const config = loadConfig({
  NODE_ENV: 'production',
  DEMO_MODE: 'true',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  // On disk, as Voordeur runs by default (PGLITE_DIR=./data): an in-memory PGlite holds its whole
  // data directory in its WebAssembly memory too (~140 MB more RSS). BENCH_PGLITE_DIR=:memory: for that.
  PGLITE_DIR: process.env.BENCH_PGLITE_DIR ?? temporaryDir,
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
  OBJECTTYPE_BERICHT: simulators.objecttypen.bericht,
  ...notifySettings(simulators.notify),
  OGONE_URL: `${base}/ogone/ncol/test/orderstandard_utf8.asp`,
  OGONE_ACCOUNTS: JSON.stringify([benchKeys.ogone]),
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BENCH_'))),
});
// Each answer says how many source round trips its request waited for (x-bench-round-trips), for the open loop;
// the benchmark turns the counting off ({ countRoundTrips: false }) while it measures the CPU per page.
const voordeur = await buildApp(config, { countRoundTrips: true });
const { token } = await voordeur.sessions.create({ method: 'digid', subject: { type: 'persoon', bsn: benchPerson.bsn }, subjectName: benchPerson.name }, null);
const voordeurUrl = await voordeur.app.listen({ host: '127.0.0.1', port: 0 });
// Before any page was asked for: what the process holds once it listens.
const rssAfterStart = process.memoryUsage().rss;
const cookie = `voordeur_session=${token}`;

/** The pages measured: every main page, with a zaak with documents (9), a taak with a form, a bericht with a bijlage. */
const pages = [
  { page: 'overzicht', path: '/overzicht' },
  { page: 'Mijn zaken', path: '/zaken' },
  { page: 'zaak with documents', path: `/zaken/demo/${zgwDemo.notable.documentsOfEveryVertrouwelijkheid}` },
  { page: 'Mijn taken', path: '/taken' },
  { page: 'taak form', path: `/taken/${demoUuid('f0', 0, 102)}` },
  { page: 'Mijn berichten', path: '/berichten' },
  { page: 'bericht', path: `/berichten/${demoUuid('f1', 0, 101)}` },
  { page: 'Mijn gegevens', path: '/gegevens' },
];
const bare = Fastify({ logger: false });
const found: { page: string; path: string; bytes: number }[] = [];
for (const { page, path } of pages) {
  // The first time fills the caches (catalogue, statussen), which on a busy machine can take longer than a block's deadline.
  let html = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const answer = await fetch(`${voordeurUrl}${path}`, { headers: { cookie } });
    html = await answer.text();
    if (answer.status !== 200) throw new Error(`${page} (${path}) answered ${answer.status}`);
    if (!html.includes('niet beschikbaar')) break;
    if (attempt === 3) throw new Error(`${page} (${path}) has a block that is not available`);
  }
  bare.get(path, (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  found.push({ page, path, bytes: Buffer.byteLength(html) });
}
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

const send = (message: unknown) => {
  // The benchmark may have gone (disconnect) between the question and the answer.
  if (process.connected) process.send!(message, undefined, {}, () => {});
};
let inspector: Session | undefined;
async function profile(action: 'start' | 'stop', file?: string) {
  if (action === 'start') {
    inspector ??= new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
    await inspector.post('Profiler.start');
    return null;
  }
  if (!inspector) return null;
  const { profile } = await inspector.post('Profiler.stop');
  inspector.disconnect();
  if (file) writeFileSync(file, JSON.stringify(profile));
  return file ?? null;
}
/** The mass-mailing phase's residents, each logged in (a session of their own, as after DigiD), with the path of the zaak they open. */
async function residents(count: number): Promise<{ cookie: string; zaakPath: string }[]> {
  const loggedIn: { cookie: string; zaakPath: string }[] = [];
  for (const resident of benchResidents(count)) {
    const session = await voordeur.sessions.create({ method: 'digid', subject: { type: 'persoon', bsn: resident.bsn }, subjectName: resident.name }, null);
    loggedIn.push({ cookie: `voordeur_session=${session.token}`, zaakPath: `/zaken/demo/${resident.zaak}` });
  }
  return loggedIn;
}
process.on(
  'message',
  (message: { usage?: boolean; heapSnapshot?: string; profile?: 'start' | 'stop'; file?: string; countRoundTrips?: boolean; residents?: number }) => {
    if (message.residents !== undefined) void residents(message.residents).then((loggedIn) => send({ residents: loggedIn }));
    if (message.countRoundTrips !== undefined) {
      setRoundTripCounting(message.countRoundTrips);
      send({ countingSet: message.countRoundTrips });
    }
    if (message.profile) void profile(message.profile, message.file).then((file) => send({ profiled: file }));
    if (message.usage) {
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      send({ usage: { cpu: process.cpuUsage(), rss, heapUsed, heapTotal, external } });
    }
    if (message.heapSnapshot) send({ heapSnapshot: writeHeapSnapshot(message.heapSnapshot) });
  },
);
process.on(
  'disconnect',
  () =>
    void voordeur
      .close()
      .then(() => bare.close())
      .then(() => rmSync(temporaryDir, { recursive: true, force: true }))
      .then(() => process.exit(0)),
);
send({ ready: true, rssAfterStart, voordeurUrl, bareUrl, cookie, pages: found, database: voordeur.database.kind });
