/**
 * Benchmark: notifications end to end on PostgreSQL, from the callback to Notify. M distinct
 * status notifications (BENCH_NOTIFICATIONS, 10,000) for the people of the demo with a confirmed
 * e-mail address are posted to the callback by autocannon in a process of its own
 * (bench/support/notificaties-load.ts), BENCH_CONCURRENCY (64) at a time, with bundling off and
 * the simulators without latency. Each run has a stack of its own (fresh schema):
 *   - "worker in process": as `npm start` runs it;
 *   - "web + N workers" for each N in BENCH_WORKERS ("1,2"; "" for none): scaled out as
 *     docs/configuration.md says, the web process with WORKER_IN_PROCESS=false and N
 *     `npm run worker` processes next to it (src/worker.ts, pool of 10);
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
 * the benchmark's own event loop was (it holds the simulators and Voordeur).
 * Targets: ≥ 2,000 notifications/s end to end; p99 callback → Notify < 1 s.
 *   TEST_DATABASE_URL=postgres://… node --import tsx bench/notificaties.ts
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { notifyTemplates } from '../simulators/data/notify-templates.ts';
import { zgwDemo } from '../simulators/data/zgw-demo.ts';
import { startStack, type Stack } from '../test/support/stack.ts';
import { killWorker, startWorker, workerEnvironment, type WorkerProcess } from '../test/crash/worker-process.ts';
import type { LoadPlan, LoadResult } from './support/notificaties-load.ts';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.TEST_DATABASE_URL = databaseUrl; // the stack's Voordeur gets a fresh schema there
const total = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const extraWorkerRuns = (process.env.BENCH_WORKERS ?? '1,2').split(',').filter(Boolean).map(Number);
const warmUp = 300;
const targets = { perSecond: 2_000, p99Ms: 1_000 };
const secret = 'Token voordeur-test-callback-secret';

/** The zaken of the people with a confirmed e-mail address (the only initiator of each): Suzanne, Fatima, Bakkerij Van den Berg, Karel de Boer. */
const zaakUuid = (n: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(n).padStart(6, '0')}`)!.uuid;
const byPerson = [[101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113], [231], [301, 302], [901, 903]].map((numbers) => numbers.map(zaakUuid));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

try {
  const probe = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  await probe.connect();
  await probe.end();
} catch (error) {
  console.log(`notificaties benchmark skipped: no PostgreSQL at ${databaseUrl} (${error instanceof Error ? error.message : error}); set TEST_DATABASE_URL`);
  process.exit(0);
}

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
  profile: string[];
}

/** Posts `count` notifications from a load process of its own (bench/support/notificaties-load.ts). */
async function load(stack: Stack, count: number, from: number): Promise<LoadResult> {
  const plan: LoadPlan = {
    callbackUrl: `${stack.url}/api/notificaties`,
    secret,
    zakenApi: stack.zgw.urls.zaken,
    catalogiApi: stack.zgw.urls.catalogi,
    zaken: byPerson.map((uuids) => uuids.map((uuid) => `${stack.zgw.urls.zaken}/zaken/${uuid}`)),
    total: count,
    from,
    concurrency,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/notificaties-load.ts', import.meta.url).pathname, JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the load process exited with ${code}`);
  const result = JSON.parse(output) as LoadResult;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`callback: ${result.non2xx} answers other than 204, ${result.errors} errors`);
  return result;
}

/** Until every notification is resolved and every message sent. */
async function settled(stack: Stack, inbox: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ stored: number; open: number; failed: number; sending: number; unsent: number }>`
      select (select count(*) from notification_inbox)::int as stored,
        (select count(*) from jobs where state in ('pending', 'running') and queue <> 'notificatie.delivery')::int as open,
        (select count(*) from jobs where state = 'failed')::int as failed,
        (select count(*) from notification_messages where state = 'sending')::int as sending,
        (select count(*) from notification_changes where message_group is null)::int as unsent`.execute(stack.voordeur.database.db);
    const s = rows[0]!;
    if (s.failed > 0) throw new Error(`${s.failed} jobs failed`);
    if (s.stored >= inbox && s.open === 0 && s.sending === 0 && s.unsent === 0) return;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(s)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Sums = Map<string, { sum: number; count: number }>;

/** Sum and count per label value of histograms in Voordeur's /metrics. */
async function histograms(stack: Stack): Promise<{ sources: Sums; jobs: Sums }> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
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

async function run(name: string, options: { extraWorkers?: number; stagesApart?: boolean }): Promise<Result> {
  const stack = await startStack({
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    NOTIFICATION_BUNDLE_SECONDS: '0',
    WORKER_IN_PROCESS: String(!options.stagesApart && !options.extraWorkers),
  });
  const inProcess = stack.voordeur.notificaties.worker;
  const workers: WorkerProcess[] = [];
  try {
    const environment = await workerEnvironment(stack, databaseUrl, { DATABASE_POOL_SIZE: '10', NODE_ENV: 'production' });
    for (let i = 0; i < (options.extraWorkers ?? 0); i++) await startWorker(environment, (w) => workers.push(w));
    const db = stack.voordeur.database.db;

    // Warm up (connections, JIT, caches), then measure from an empty queue.
    if (options.stagesApart) inProcess.start();
    await load(stack, warmUp, 0);
    await settled(stack, warmUp);
    if (options.stagesApart) await inProcess.stop();
    const lastWarm = (
      await db
        .selectFrom('notification_inbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id;
    for (const source of [stack.zgw, stack.klantinteracties, stack.notify]) source.resetCounts();
    const metricsBefore = await histograms(stack);
    const elu = performance.eventLoopUtilization();

    const callbacks = await load(stack, total, warmUp);
    const workStarted = Date.now();
    if (options.stagesApart) inProcess.start();
    await settled(stack, warmUp + total);
    const busy = performance.eventLoopUtilization(elu);
    const metricsAfter = await histograms(stack);
    if (options.stagesApart) await inProcess.stop();

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
    const received = stack.notify.sent().filter((m) => m.templateId === notifyTemplates.emailChange.id && m.reference !== null && firstIn.has(m.reference));
    // A message Notify got more than once is a person getting the same e-mail twice: counted, and timed by its first arrival.
    const first = new Map<string, number>();
    for (const m of received) if (!first.has(m.reference!)) first.set(m.reference!, m.createdAt.getTime());
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
      profile: [
        `source calls per notification: zgw ${(stack.zgw.requestCount() / total).toFixed(2)}, klantinteracties ${(stack.klantinteracties.requestCount() / total).toFixed(2)}, notify ${(stack.notify.requestCount() / total).toFixed(2)}`,
        ...(workers.length === 0 ? workerProfile(metricsBefore, metricsAfter, span) : []),
        `benchmark process (simulators, Voordeur): event loop ${(busy.utilization * 100).toFixed(0)}% busy`,
      ],
    };
  } finally {
    workers.forEach(killWorker);
    await Promise.all(workers.map((w) => w.exited));
    if (options.stagesApart) await inProcess.stop();
    await stack.close();
  }
}

const results: Result[] = [await run('worker in process', {})];
for (const extraWorkers of extraWorkerRuns) results.push(await run(`web + ${extraWorkers} worker${extraWorkers === 1 ? '' : 's'}`, { extraWorkers }));
const stages = await run('stages apart', { stagesApart: true });

console.log(
  `notificaties benchmark: ${total} distinct status notifications for 4 people, ${concurrency} in flight, PostgreSQL, bundling off, simulators without latency`,
);
const all = [...results, stages];
const row = (label: string, cell: (r: Result) => string) => console.log(`${label.padEnd(36)}${all.map((r) => cell(r).padStart(22)).join('')}`);
row('', (r) => r.name);
row('callbacks in (/s)', (r) => r.callbacksPerSecond.toFixed(0));
row('callback latency p50 / p99 (ms)', (r) => `${r.callback.p50.toFixed(1)} / ${r.callback.p99.toFixed(1)}`);
row('end to end (notifications/s)', (r) => (r === stages ? `(worker alone ${r.perSecond.toFixed(0)})` : r.perSecond.toFixed(0)));
row('messages to Notify (/s)', (r) => `${r.messagesPerSecond.toFixed(0)} (${r.messages})`);
row('callback → Notify p50 / p99 (ms)', (r) => (r === stages ? '–' : `${r.toNotify.p50.toFixed(0)} / ${r.toNotify.p99.toFixed(0)}`));
row('oldest in a message p50 / max (ms)', (r) => (r === stages ? '–' : `${r.messageWait.p50.toFixed(0)} / ${r.messageWait.max.toFixed(0)}`));
row('messages Notify got twice', (r) => String(r.twice));
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
