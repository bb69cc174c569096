/**
 * Benchmark: notifications end to end on PostgreSQL, from the callback to Notify. M distinct
 * status notifications (BENCH_NOTIFICATIONS, 10,000) for the people of the demo with a confirmed
 * e-mail address are posted to the callback by autocannon in a process of its own
 * (bench/support/notificaties-load.ts), BENCH_CONCURRENCY (64) at a time, with bundling off. The
 * notifications are about the 19 demo zaken of those people in turn, or with BENCH_ZAKEN=distinct
 * each about a zaak of its own (bench/support/pages-data.ts adds them); the zaaksysteem answers
 * after BENCH_SOURCE_LATENCY_MS (0), the other simulators at once. The simulators run in a process
 * of their own (bench/support/pages-simulators.ts with BENCH_DATA=notificaties), so that this
 * process holds only Voordeur (web and in-process worker) and its CPU time is Voordeur's.
 * Each run has a Voordeur of its own (fresh schema):
 *   - "worker in process": as `npm start` runs it;
 *   - "web + N workers" for each N in BENCH_WORKERS ("1,2"; "" for none): scaled out as
 *     docs/configuration.md says, the web process with WORKER_IN_PROCESS=false and N
 *     `npm run worker` processes next to it (src/worker.ts, pool of 10, through tsx as this process);
 *   - "stages apart": the callbacks with no worker running, then the worker in process alone on
 *     that backlog, to see what each side can do (not an end-to-end figure).
 * Printed per run: notifications a second end to end (first callback in → last Notify call out),
 * messages a second, callback latency p50/p99 under that load, and callback → Notify p50/p99 per
 * notification (from the moment it came in at the callback, notification_inbox.received_at, to
 * Notify receiving the message that carried its change, createdAt there: how long until the
 * person is told), and per message the wait of its oldest notification (p50 and the longest:
 * a message carries all of a person's changes since the one before, so there are few of them);
 * messages Notify got twice; and where the time went: source calls per notification, the
 * in-process worker's time per queue and in each source (from Voordeur's /metrics), how busy
 * the benchmark's own event loop was (it holds Voordeur's web process).
 * CPU time per notification (the figure to compare machines by, as throughput depends on what else
 * the machine does): Voordeur's processes – this one (process.cpuUsage(): web and in-process
 * worker; its 50 ms polls of the database while waiting are in it) plus the `npm run worker`
 * processes (utime + stime in /proc/<pid>/stat) –, the simulators' process and the load process
 * apart; for "stages apart" the callbacks and the worker each. PostgreSQL's CPU is in none of them.
 * Targets: ≥ 2,000 notifications/s end to end; p99 callback → Notify < 1 s.
 *   TEST_DATABASE_URL=postgres://… node --import tsx bench/notificaties.ts
 *   BENCH_ZAKEN=distinct BENCH_SOURCE_LATENCY_MS=20 … for every notification about another zaak, the zaaksysteem answering after 20 ms
 *   WORKER_SOURCE_CONCURRENCY=16 … to compare with another number of questions a batch asks at a time (32 by default)
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { notifySettings, notifyTemplates } from '../simulators/data/notify-templates.ts';
import { zgwDemo } from '../simulators/data/zgw-demo.ts';
import { testApp, type TestApp } from '../test/support/app.ts';
import { freePort } from '../test/support/ports.ts';
import { killWorker, startWorker, workerEnvironment, type WorkerProcess } from '../test/crash/worker-process.ts';
import type { LoadPlan, LoadResult } from './support/notificaties-load.ts';
import { notificationZaakUuids, notifiedPeople } from './support/pages-data.ts';
import { benchKeys } from './support/pages-keys.ts';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.TEST_DATABASE_URL = databaseUrl; // the stack's Voordeur gets a fresh schema there
const total = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const extraWorkerRuns = (process.env.BENCH_WORKERS ?? '1,2').split(',').filter(Boolean).map(Number);
const distinct = process.env.BENCH_ZAKEN === 'distinct';
const sourceLatencyMs = Number(process.env.BENCH_SOURCE_LATENCY_MS ?? 0);
const warmUp = 300;
const targets = { perSecond: 2_000, p99Ms: 1_000 };
const secret = 'Token voordeur-bench-callback-secret';

/**
 * Per person with a confirmed e-mail address (the only initiator of each zaak: Suzanne, Fatima,
 * Bakkerij Van den Berg, Karel de Boer), the zaken the notifications are about: their demo zaken,
 * or with BENCH_ZAKEN=distinct as many zaken as notifications (warm-up included), each notified once.
 */
const zaakUuid = (n: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(n).padStart(6, '0')}`)!.uuid;
const distinctZaken = distinct ? warmUp + total : 0;
const byPerson = distinct ? notificationZaakUuids(distinctZaken) : notifiedPeople.map((numbers) => numbers.map(zaakUuid));
const zaakCount = byPerson.flat().length;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

try {
  const probe = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  await probe.connect();
  await probe.end();
} catch (error) {
  console.log(`notificaties benchmark skipped: no PostgreSQL at ${databaseUrl} (${error instanceof Error ? error.message : error}); set TEST_DATABASE_URL`);
  process.exit(0);
}

/** The simulators, in a process of their own (pages-simulators.ts), for every run. */
const simulators = fork(new URL('./support/pages-simulators.ts', import.meta.url).pathname, [], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, NODE_ENV: 'production', BENCH_DATA: 'notificaties', BENCH_DISTINCT_ZAKEN: String(distinctZaken) },
  stdio: ['ignore', 2, 2, 'ipc'],
});
process.on('exit', () => simulators.kill());

/** Sends `message` (if any) to the simulators and waits for the answer that has `key`. */
function ask<T>(message: object | null, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: Record<string, unknown>) => {
      if (!(key in answer)) return;
      simulators.off('message', onMessage);
      simulators.off('exit', onExit);
      resolve(answer as T);
    };
    const onExit = (code: number | null) => reject(new Error(`the simulators exited with ${code} while waiting for ${key}`));
    simulators.on('message', onMessage);
    simulators.once('exit', onExit);
    if (message) simulators.send(message);
  });
}

const simulatorsReady = await ask<{ url: string; objecten: string; objecttypen: { taak: string; bericht: string }; notify: string }>(null, 'ready');
await ask({ latency: sourceLatencyMs, sources: ['zgw'] }, 'latencySet');
const base = simulatorsReady.url;
const zgwApis = { zakenApi: `${base}/zaken/api/v1`, catalogiApi: `${base}/catalogi/api/v1`, documentenApi: `${base}/documenten/api/v1` };

interface Voordeur {
  voordeur: TestApp;
  url: string;
}

/** Voordeur in this process on a fresh schema, configured against the simulators as the demo is. */
async function startVoordeur(environment: Record<string, string>): Promise<Voordeur> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const voordeur = await testApp({
    PUBLIC_URL: url,
    PORT: String(port),
    ZAAKSYSTEMEN: JSON.stringify([{ naam: 'demo', ...zgwApis, ...benchKeys.zgwClient }]),
    BRP_API_URL: `${base}/haalcentraal/api/brp`,
    BRP_API_KEY: benchKeys.brp,
    KVK_API_URL: `${base}/kvk/api/v1`,
    KVK_API_KEY: benchKeys.kvk,
    KLANTINTERACTIES_API_URL: `${base}/klantinteracties/api/v1`,
    KLANTINTERACTIES_TOKEN: benchKeys.klantinteracties,
    OBJECTEN_API_URL: simulatorsReady.objecten,
    OBJECTEN_TOKEN: benchKeys.objecten,
    OBJECTTYPE_TAAK: simulatorsReady.objecttypen.taak,
    OBJECTTYPE_BERICHT: simulatorsReady.objecttypen.bericht,
    ...notifySettings(simulatorsReady.notify),
    NOTIFICATIES_CALLBACK_SECRET: secret,
    WORKER_RETRY_BASE_MS: '200',
    // Passed on when set, to compare (the worker processes get this process's environment).
    ...(process.env.WORKER_SOURCE_CONCURRENCY ? { WORKER_SOURCE_CONCURRENCY: process.env.WORKER_SOURCE_CONCURRENCY } : {}),
    ...environment,
  });
  await voordeur.app.listen({ host: '127.0.0.1', port });
  return { voordeur, url };
}

/** Clock ticks a second, the unit of utime and stime in /proc/<pid>/stat. */
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU ms (user + system) a process has used so far, from /proc/<pid>/stat (Linux). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name in parentheses: field 3 (state) onwards; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000;
}

interface Cpu {
  /** This process: Voordeur's web process (with its in-process worker when that runs). */
  web: number;
  /** The `npm run worker` processes together. */
  workers: number;
  simulators: number;
}

async function cpuNow(workers: WorkerProcess[]): Promise<Cpu> {
  const own = process.cpuUsage();
  const simulatorsCpu = (await ask<{ usage: { cpu: NodeJS.CpuUsage } }>({ usage: true }, 'usage')).usage.cpu;
  return {
    web: (own.user + own.system) / 1000,
    workers: workers.reduce((sum, w) => sum + processCpuMs(w.child.pid!), 0),
    simulators: (simulatorsCpu.user + simulatorsCpu.system) / 1000,
  };
}

const cpuSpent = (from: Cpu, to: Cpu): Cpu => ({ web: to.web - from.web, workers: to.workers - from.workers, simulators: to.simulators - from.simulators });

interface Result {
  name: string;
  callbacksPerSecond: number;
  callback: { p50: number; p99: number };
  /** End to end, or for "stages apart" the worker alone on the backlog. */
  perSecond: number;
  messages: number;
  /** Notify calls for a message Notify already had. */
  twice: number;
  messagesPerSecond: number;
  /** Each notification's callback → the Notify call for the message that carried it. */
  toNotify: { p50: number; p99: number };
  /** Each message's oldest notification → Notify. */
  messageWait: { p50: number; max: number };
  /** CPU ms over the measured span (callbacks in → last message out). */
  cpu: Cpu;
  /** "stages apart": the callbacks' phase and the worker's phase each. */
  stages?: { callbacks: Cpu; worker: Cpu };
  loadCpuMs: number;
  profile: string[];
}

/** Posts `count` notifications from a load process of its own (bench/support/notificaties-load.ts). */
async function load(url: string, count: number, from: number): Promise<LoadResult> {
  const plan: LoadPlan = {
    callbackUrl: `${url}/api/notificaties`,
    secret,
    zakenApi: zgwApis.zakenApi,
    catalogiApi: zgwApis.catalogiApi,
    zaken: byPerson.map((uuids) => uuids.map((uuid) => `${zgwApis.zakenApi}/zaken/${uuid}`)),
    total: count,
    from,
    concurrency,
  };
  // The plan on stdin: with a zaak per notification it is longer than an argument may be.
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/notificaties-load.ts', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(plan));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the load process exited with ${code}`);
  const result = JSON.parse(output) as LoadResult;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`callback: ${result.non2xx} answers other than 204, ${result.errors} errors`);
  return result;
}

/** Until every notification is resolved and every message sent. */
async function settled(voordeur: Voordeur, inbox: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ stored: number; open: number; failed: number; sending: number; unsent: number }>`
      select (select count(*) from notification_inbox)::int as stored,
        (select count(*) from jobs where state in ('pending', 'running') and queue <> 'notificatie.delivery')::int as open,
        (select count(*) from jobs where state = 'failed')::int as failed,
        (select count(*) from notification_messages where state = 'sending')::int as sending,
        (select count(*) from notification_changes where message_group is null)::int as unsent`.execute(voordeur.voordeur.database.db);
    const s = rows[0]!;
    if (s.failed > 0) throw new Error(`${s.failed} jobs failed`);
    if (s.stored >= inbox && s.open === 0 && s.sending === 0 && s.unsent === 0) return;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(s)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Sums = Map<string, { sum: number; count: number }>;

/** Sum and count per label value of histograms in Voordeur's /metrics. */
async function histograms(voordeur: Voordeur): Promise<{ sources: Sums; jobs: Sums }> {
  const text = await (await fetch(`${voordeur.url}/metrics`)).text();
  const read = (name: string, label: string) => {
    const result: Sums = new Map();
    for (const line of text.split('\n')) {
      const match = new RegExp(`^${name}_(sum|count)\\{(.*)\\} ([0-9.e+-]+)$`).exec(line);
      const value = match && new RegExp(`${label}="([^"]*)"`).exec(match[2]!)?.[1];
      if (!match || !value) continue;
      const entry = result.get(value) ?? { sum: 0, count: 0 };
      entry[match[1] as 'sum' | 'count'] += Number(match[3]);
      result.set(value, entry);
    }
    return result;
  };
  return { sources: read('voordeur_source_request_duration_seconds', 'source'), jobs: read('voordeur_job_duration_seconds', 'queue') };
}

const difference = (after: Sums, before: Sums) =>
  [...after].map(([key, a]) => ({ key, sum: a.sum - (before.get(key)?.sum ?? 0), count: a.count - (before.get(key)?.count ?? 0) })).filter((d) => d.count > 0);

/**
 * What the in-process worker spent its time on between two readings of /metrics, against the
 * measured span (jobs that only wait to check on a message held by another batch run after it).
 */
function workerProfile(before: { sources: Sums; jobs: Sums }, after: { sources: Sums; jobs: Sums }, seconds: number): string[] {
  return [
    `in-process worker, handler time per queue (two batches in hand at a time, so it can exceed 100%): ${difference(after.jobs, before.jobs)
      .map((d) => `${d.key} ${d.sum.toFixed(1)} s in ${d.count} batches (${((d.sum / seconds) * 100).toFixed(0)}% of ${seconds.toFixed(1)} s)`)
      .join('; ')}`,
    `in-process worker, source calls: ${difference(after.sources, before.sources)
      .map((d) => `${d.key} ${d.count} × ${((d.sum / d.count) * 1000).toFixed(1)} ms`)
      .join('; ')}`,
  ];
}

interface SentMessage {
  reference: string | null;
  templateId: string;
  createdAt: number;
}

async function run(name: string, options: { extraWorkers?: number; stagesApart?: boolean }): Promise<Result> {
  const voordeur = await startVoordeur({
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    NOTIFICATION_BUNDLE_SECONDS: '0',
    WORKER_IN_PROCESS: String(!options.stagesApart && !options.extraWorkers),
  });
  const inProcess = voordeur.voordeur.notificaties.worker;
  const workers: WorkerProcess[] = [];
  try {
    const environment = await workerEnvironment({ voordeur: voordeur.voordeur, notify: { url: simulatorsReady.notify } }, databaseUrl, {
      DATABASE_POOL_SIZE: '10',
      NODE_ENV: 'production',
    });
    for (let i = 0; i < (options.extraWorkers ?? 0); i++) await startWorker(environment, (w) => workers.push(w));
    const db = voordeur.voordeur.database.db;

    // Warm up (connections, JIT, caches), then measure from an empty queue.
    if (options.stagesApart) inProcess.start();
    await load(voordeur.url, warmUp, 0);
    await settled(voordeur, warmUp);
    if (options.stagesApart) await inProcess.stop();
    const lastWarm = (
      await db
        .selectFrom('notification_inbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id;
    // Counts and Notify's messages from here on.
    await ask({ calls: true }, 'calls');
    const metricsBefore = await histograms(voordeur);
    const elu = performance.eventLoopUtilization();
    const cpuBefore = await cpuNow(workers);

    const callbacks = await load(voordeur.url, total, warmUp);
    const cpuCallbacks = await cpuNow(workers);
    const workStarted = Date.now();
    if (options.stagesApart) inProcess.start();
    await settled(voordeur, warmUp + total);
    const cpuAfter = await cpuNow(workers);
    const busy = performance.eventLoopUtilization(elu);
    const metricsAfter = await histograms(voordeur);
    if (options.stagesApart) await inProcess.stop();
    const { sent } = await ask<{ sent: SentMessage[] }>({ sent: true }, 'sent');
    const { calls } = await ask<{ calls: Record<string, number> }>({ calls: true }, 'calls');

    // Per measured notification: the message that carried its change, and when it came in at the callback.
    const { rows } = await sql<{ message: string; received: Date }>`
      select m.id as message, i.received_at as received
      from notification_inbox i
      join notification_changes c on c.inbox_id = i.id
      join notification_messages m on m.message_group = c.message_group
      where m.state = 'sent' and i.id > ${lastWarm}`.execute(db);
    if (rows.length !== total) throw new Error(`${rows.length} of ${total} notifications in a sent message`);
    const firstIn = new Map<string, number>();
    for (const r of rows) firstIn.set(r.message, Math.min(firstIn.get(r.message) ?? Infinity, new Date(r.received).getTime()));
    const received = sent.filter((m) => m.templateId === notifyTemplates.emailChange.id && m.reference !== null && firstIn.has(m.reference));
    // A message Notify got more than once is a person getting the same e-mail twice: counted, and timed by its first arrival.
    const first = new Map<string, number>();
    for (const m of received) if (!first.has(m.reference!)) first.set(m.reference!, m.createdAt);
    if (first.size !== firstIn.size) throw new Error(`${firstIn.size} messages recorded as sent, ${first.size} of them at Notify`);
    const lastOut = Math.max(...first.values());
    const ascending = (values: number[]) => values.sort((a, b) => a - b);
    const perNotification = ascending(rows.map((r) => first.get(r.message)! - new Date(r.received).getTime()));
    const perMessage = ascending([...first].map(([reference, at]) => at - firstIn.get(reference)!));
    // Timed by the clock of the machine, from the first measured notification stored (not from
    // starting the load process) to the last one stored, and to the last message at Notify.
    const inbox = await db
      .selectFrom('notification_inbox')
      .select((eb) => [eb.fn.min('received_at').as('first'), eb.fn.max('received_at').as('last')])
      .where('id', '>', lastWarm)
      .executeTakeFirstOrThrow();
    const firstStored = new Date(inbox.first!).getTime();
    const callbacksSpan = (new Date(inbox.last!).getTime() - firstStored) / 1000;
    const span = (lastOut - (options.stagesApart ? workStarted : firstStored)) / 1000;
    const perCall = (source: string) => ((calls[source] ?? 0) / total).toFixed(2);

    return {
      name,
      callbacksPerSecond: total / callbacksSpan,
      callback: { p50: callbacks.p50, p99: callbacks.p99 },
      perSecond: total / span,
      messages: first.size,
      twice: received.length - first.size,
      messagesPerSecond: first.size / span,
      toNotify: { p50: percentile(perNotification, 50), p99: percentile(perNotification, 99) },
      messageWait: { p50: percentile(perMessage, 50), max: perMessage.at(-1)! },
      cpu: cpuSpent(cpuBefore, cpuAfter),
      ...(options.stagesApart ? { stages: { callbacks: cpuSpent(cpuBefore, cpuCallbacks), worker: cpuSpent(cpuCallbacks, cpuAfter) } } : {}),
      loadCpuMs: callbacks.cpuSeconds * 1000,
      profile: [
        `source calls per notification: zgw ${perCall('zgw')}, klantinteracties ${perCall('klantinteracties')}, notify ${perCall('notify')}`,
        ...(workers.length === 0 ? workerProfile(metricsBefore, metricsAfter, span) : []),
        `benchmark process (Voordeur's web process): event loop ${(busy.utilization * 100).toFixed(0)}% busy`,
      ],
    };
  } finally {
    workers.forEach(killWorker);
    await Promise.all(workers.map((w) => w.exited));
    if (options.stagesApart) await inProcess.stop();
    await voordeur.voordeur.close();
  }
}

const results: Result[] = [await run('worker in process', {})];
for (const extraWorkers of extraWorkerRuns) results.push(await run(`web + ${extraWorkers} worker${extraWorkers === 1 ? '' : 's'}`, { extraWorkers }));
const stages = await run('stages apart', { stagesApart: true });
simulators.disconnect();

console.log(
  `notificaties benchmark: ${total} distinct status notifications for 4 people about ${zaakCount} zaken${distinct ? ' (each about a zaak of its own)' : ''}, ${concurrency} in flight, PostgreSQL, bundling off, ` +
    `the zaaksysteem answering after ${sourceLatencyMs} ms, the other simulators at once; the simulators in a process of their own`,
);
const all = [...results, stages];
const row = (label: string, cell: (r: Result) => string) => console.log(`${label.padEnd(40)}${all.map((r) => cell(r).padStart(24)).join('')}`);
const perNotification = (ms: number) => (ms / total).toFixed(3);
row('', (r) => r.name);
row('callbacks in (/s)', (r) => r.callbacksPerSecond.toFixed(0));
row('callback latency p50 / p99 (ms)', (r) => `${r.callback.p50.toFixed(1)} / ${r.callback.p99.toFixed(1)}`);
row('end to end (notifications/s)', (r) => (r === stages ? `(worker alone ${r.perSecond.toFixed(0)})` : r.perSecond.toFixed(0)));
row('messages to Notify (/s)', (r) => `${r.messagesPerSecond.toFixed(0)} (${r.messages})`);
row('callback → Notify p50 / p99 (ms)', (r) => (r === stages ? '–' : `${r.toNotify.p50.toFixed(0)} / ${r.toNotify.p99.toFixed(0)}`));
row('oldest in a message p50 / max (ms)', (r) => (r === stages ? '–' : `${r.messageWait.p50.toFixed(0)} / ${r.messageWait.max.toFixed(0)}`));
row('messages Notify got twice', (r) => String(r.twice));
row('Voordeur CPU per notification (ms)', (r) => perNotification(r.cpu.web + r.cpu.workers));
row('  web process (+ in-process worker)', (r) => perNotification(r.cpu.web));
row('  worker processes', (r) => (r.cpu.workers > 0 ? perNotification(r.cpu.workers) : '–'));
row('  callbacks / worker alone', (r) => (r.stages ? `${perNotification(r.stages.callbacks.web)} / ${perNotification(r.stages.worker.web)}` : '–'));
row('simulators CPU per notification (ms)', (r) => perNotification(r.cpu.simulators));
row('load process CPU per notification (ms)', (r) => perNotification(r.loadCpuMs));
for (const r of all) for (const line of r.profile) console.log(`  [${r.name}] ${line}`);
const doubled = all.filter((r) => r.twice > 0);
if (doubled.length > 0)
  console.log(`NOT OK: messages sent twice (${doubled.map((r) => `${r.twice} with ${r.name}`).join(', ')}): a person got the same e-mail twice`);
const meets = (r: Result) => r.perSecond >= targets.perSecond && r.toNotify.p99 < targets.p99Ms;
for (const r of results) {
  console.log(
    `[${r.name}] ≥ ${targets.perSecond} notifications/s end to end: ${r.perSecond.toFixed(0)}/s ${r.perSecond >= targets.perSecond ? 'MET' : 'NOT MET'}; ` +
      `p99 callback → Notify < ${targets.p99Ms} ms: ${r.toNotify.p99.toFixed(0)} ms ${r.toNotify.p99 < targets.p99Ms ? 'MET' : 'NOT MET'}`,
  );
}
const both = results.filter(meets).map((r) => r.name);
console.log(`both targets in one configuration: ${both.length > 0 ? `MET (${both.join(', ')})` : 'NOT MET'}`);
