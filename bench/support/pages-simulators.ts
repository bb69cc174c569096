/**
 * The sources of bench/pages.ts and bench/notificaties.ts, in a process of their own so that the
 * benchmark measures only Voordeur's process: the ZGW, BRP, KvK, Klantinteracties, Objecten, Ogone
 * and Notify simulators with the demo data plus, by BENCH_DATA:
 *   - 'pages' (default): bench/support/pages-data.ts (Suzanne with 50 zaken, 20 taken, 100 berichten),
 *     and BENCH_RESIDENTS (0) residents with 3 zaken, a taak and 2 berichten each (benchResidents);
 *   - 'notificaties': the demo data, plus BENCH_DISTINCT_ZAKEN (0) zaken for the four people with a
 *     confirmed e-mail address (pages-data.ts, addNotificationZaken).
 * Started with fork(): it sends `{ ready, url }` once it listens, answers `{ latency: ms, sources? }`
 * (every source, or those named – zgw, brp, kvk, klantinteracties, objecten, notify – answers after
 * that many ms) with `{ latencySet }`, `{ usage: true }` with its CPU and RSS, `{ calls: true }`
 * with the requests per source since the last time (and starts counting anew), and `{ sent: true }`
 * with the messages Notify accepted since the last `calls` (reference, templateId, createdAt in ms).
 */
import Fastify from 'fastify';
import { notifyService, notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { registerBrpSimulator } from '../../simulators/brp/index.ts';
import { registerKlantinteractiesSimulator } from '../../simulators/klantinteracties/index.ts';
import { registerKvkSimulator } from '../../simulators/kvk/index.ts';
import { registerNotifySimulator } from '../../simulators/notify/index.ts';
import { registerObjectenSimulator } from '../../simulators/objecten/index.ts';
import { registerOgoneSimulator } from '../../simulators/ogone/index.ts';
import { registerZgwSimulator } from '../../simulators/zgw/index.ts';
import { addBenchObjects, addBenchZaken, addNotificationZaken, addResidentObjects, addResidentZaken } from './pages-data.ts';
import { benchKeys } from './pages-keys.ts';

const data = process.env.BENCH_DATA ?? 'pages';
const residents = Number(process.env.BENCH_RESIDENTS ?? 0);
if (data === 'pages') {
  addBenchZaken();
  addResidentZaken(residents);
} else addNotificationZaken(Number(process.env.BENCH_DISTINCT_ZAKEN ?? 0));
// A free port first: the simulators' data hold their own URLs.
const probe = Fastify({ logger: false });
const port = await probe.listen({ host: '127.0.0.1', port: 0 }).then((address) => Number(new URL(address).port));
await probe.close();
const baseUrl = `http://127.0.0.1:${port}`;
const simulators = Fastify({ logger: false, forceCloseConnections: true, keepAliveTimeout: 60_000 });
const zgw = await registerZgwSimulator(simulators, { baseUrl, clients: [benchKeys.zgwClient], largeDocumentBytes: 1024 * 1024 });
const brp = await registerBrpSimulator(simulators, { baseUrl, apiKeys: [benchKeys.brp] });
const kvk = await registerKvkSimulator(simulators, { baseUrl, apiKeys: [benchKeys.kvk] });
const klantinteracties = await registerKlantinteractiesSimulator(simulators, { baseUrl, tokens: [benchKeys.klantinteracties], zgwBaseUrl: baseUrl });
const objecten = await registerObjectenSimulator(simulators, { baseUrl, tokens: [benchKeys.objecten], zgwBaseUrl: baseUrl });
await registerOgoneSimulator(simulators, { baseUrl, accounts: [benchKeys.ogone] });
const notify = await registerNotifySimulator(simulators, { baseUrl, services: [notifyService], templates: Object.values(notifyTemplates) });
await simulators.listen({ host: '127.0.0.1', port });
if (data === 'pages') {
  await addBenchObjects(objecten);
  await addResidentObjects(objecten, residents);
}

const send = (message: unknown) => {
  // The benchmark may have gone (disconnect) between the question and the answer.
  if (process.connected) process.send!(message, undefined, {}, () => {});
};
const sources = { zgw, brp, kvk, klantinteracties, objecten };
const counted = { ...sources, notify };
/** Notify's messages before this index were sent before the last `calls`. */
let sentFrom = 0;
process.on('message', (message: { latency?: number; sources?: (keyof typeof counted)[]; usage?: boolean; calls?: boolean; sent?: boolean }) => {
  if (message.latency !== undefined) {
    for (const simulator of message.sources ? message.sources.map((name) => counted[name]) : Object.values(sources)) simulator.setLatency(message.latency);
    send({ latencySet: message.latency });
  }
  if (message.sent) {
    const sent = notify.sent().slice(sentFrom);
    send({ sent: sent.map((m) => ({ reference: m.reference, templateId: m.templateId, createdAt: m.createdAt.getTime() })) });
  }
  // Requests each source got since the last time asked.
  if (message.calls) {
    send({ calls: Object.fromEntries(Object.entries(counted).map(([name, simulator]) => [name, simulator.requestCount()])) });
    for (const simulator of Object.values(counted)) simulator.resetCounts();
    sentFrom = notify.sent().length;
  }
  if (message.usage) send({ usage: { cpu: process.cpuUsage(), rss: process.memoryUsage().rss } });
});
process.on('disconnect', () => void simulators.close().then(() => process.exit(0)));
send({
  ready: true,
  url: baseUrl,
  objecttypen: objecten.objecttypen,
  objecten: objecten.url,
  notify: notify.url,
});
