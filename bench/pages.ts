/**
 * Benchmark: the pages people get, with their sources, measured on Voordeur's process alone
 * (issue 19). Three processes: the simulators with Suzanne's bench data (50 zaken, 20 taken,
 * 100 berichten; bench/support/pages-simulators.ts), Voordeur with one logged-in session of hers
 * and a bare Fastify route per page answering the same HTML (bench/support/pages-server.ts), and
 * this one, the load generator.
 *
 * 1. Per page (overzicht, Mijn zaken, zaak with documents, Mijn taken, taak form, Mijn berichten,
 *    bericht, Mijn gegevens), with every source answering after 0 ms and after 50 ms: the bare
 *    route then the page, closed loop (autocannon, BENCH_CONNECTIONS connections, BENCH_SECONDS
 *    each): throughput ratio page ÷ bare, Voordeur's CPU ms per page (process.cpuUsage of its
 *    process over the page's phase ÷ pages answered), p50/p99.
 * 2. Open loop at BENCH_RATE (400) pages/s of the mix (the eight pages in turn) with 50 ms
 *    sources, each request sent at its planned moment whatever the answers before it did
 *    (undici, no coordinated omission; autocannon's overallRate only holds back connections),
 *    timed from that moment, after BENCH_WARMUP_SECONDS (2) at the same rate that are not
 *    measured: the overhead is that time minus the round trips that request waited for × 50 ms.
 *    Voordeur counts them per request (buildApp's countRoundTrips, the bench only; the header
 *    x-bench-round-trips: source calls one after another, side by side counting once;
 *    src/platform/round-trips.ts), in this phase only: the counting's AsyncLocalStorage costs every
 *    promise a hook, so the other phases run without it, as production does. A Voordeur that does
 *    not say (an older checkout) is given the page's count measured one request at a time
 *    ((time at 50 ms − time at 0 ms) ÷ 50 ms, rounded).
 * 3. Memory: Voordeur's RSS after start (listening, before any page), then under the closed-loop
 *    mix with 0 ms sources for BENCH_MEMORY_SECONDS (default 60 × BENCH_SECONDS: 10 minutes),
 *    sampled each second; the maximum over the whole run, and the growth over the last half of
 *    the memory phase (the last 5 minutes of 10): the least-squares trend of the samples over that
 *    half, so that where the garbage collector happens to be at its first and last second does not
 *    count.
 * 4. The mass mailing (issue 19's peak), after the memory phase: BENCH_RESIDENTS (500) residents
 *    Voordeur has never seen (3 zaken, a taak, 2 berichten each; pages-data.ts, benchResidents),
 *    each logged in, open the overzicht and then a zaak of theirs, BENCH_CONNECTIONS residents at
 *    a time, with 50 ms sources: nothing of theirs is kept, so every block asks its sources.
 *    Voordeur's CPU per resident (both pages), what one core carries in an hour at that, p50/p99
 *    of each page, the source calls per resident, failures (an error, or a block "niet
 *    beschikbaar"), and the RSS after it.
 * Also printed: Voordeur's CPU ms a second with no load (idleCpuMsPerSecond), which every page's
 * figure includes in part. Targets (issue 19): CPU ≤ 0.5 ms per page (ratio ≥ 0.1); open loop
 * overhead p50 ≤ 5 ms, p99 ≤ 20 ms, no errors; RSS ≤ 250 MB, flat over the last 5 minutes.
 *   node --import tsx bench/pages.ts [--json]     (--json: one JSON object on stdout, nothing else)
 *   BENCH_SECONDS (10) BENCH_CONNECTIONS (20) BENCH_RATE (400) BENCH_MEMORY_SECONDS BENCH_WARMUP_SECONDS (2)
 *   BENCH_OPEN_SECONDS (the open loop's measured seconds; max(5, 2 × BENCH_SECONDS))
 *   BENCH_PHASES=pages,open,memory,residents (default all four; e.g. BENCH_PHASES=open for the open loop alone)
 *   BENCH_RESIDENTS (500): the residents of the mass-mailing phase
 *   DATABASE_URL=postgres://… to run Voordeur on PostgreSQL instead of PGlite
 *   BENCH_PGLITE_DIR=:memory: for PGlite in memory (default: on disk in a fresh temporary directory,
 *   as Voordeur runs by default)
 *   BENCH_RUNNER=tsx to run Voordeur through tsx's loader instead of bundled as `npm start` runs it
 *   BENCH_VOORDEUR_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile Voordeur's process
 * Voordeur's process gets the node flags that package.json's `start` (on PGlite: the demo) or
 * `start:production` (on PostgreSQL) gives it, then BENCH_VOORDEUR_ARGS (the last of a flag wins).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { startFlags } from './support/start-flags.ts';

const json = process.argv.includes('--json');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const rate = Number(process.env.BENCH_RATE ?? 400);
const memorySeconds = Number(process.env.BENCH_MEMORY_SECONDS ?? seconds * 60);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const openSeconds = Number(process.env.BENCH_OPEN_SECONDS ?? Math.max(5, seconds * 2));
const phases = new Set((process.env.BENCH_PHASES ?? 'pages,open,memory,residents').split(',').map((phase) => phase.trim()));
for (const phase of phases)
  if (!['pages', 'open', 'residents', 'memory'].includes(phase)) throw new Error(`BENCH_PHASES: unknown phase ${phase} (pages, open, memory, residents)`);
const residentCount = phases.has('residents') ? Number(process.env.BENCH_RESIDENTS ?? 500) : 0;
const sourceLatency = 50;
const say = (line: string) => {
  if (!json) console.log(line);
  else console.error(line);
};

interface Page {
  page: string;
  path: string;
  bytes: number;
}
interface Usage {
  cpu: NodeJS.CpuUsage;
  rss: number;
  heapUsed: number;
  /** V8's heap as reserved, and memory outside it (PGlite's WebAssembly memory, buffers). */
  heapTotal: number;
  external: number;
}

/** How Voordeur's process runs its TypeScript: 'bundle' as `npm start` does (scripts/run.mjs: esbuild, no loader hook), or 'tsx'. */
const runner = process.env.BENCH_RUNNER === 'tsx' ? 'tsx' : 'bundle';

function start(file: string, env: Record<string, string>, execArgv: string[] = [], bundle = false): ChildProcess {
  const path = new URL(file, import.meta.url).pathname;
  // The children's stdout goes to our stderr: with --json, stdout holds the one JSON object only.
  return fork(bundle ? new URL('../scripts/run.mjs', import.meta.url).pathname : path, bundle ? [path] : [], {
    execArgv: bundle ? execArgv : ['--import', 'tsx', ...execArgv],
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 2, 2, 'ipc'],
  });
}

/** Sends `message` (if any) and waits for the answer that has `key`; gives the whole answer. */
function ask<T>(child: ChildProcess, message: object | null, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: Record<string, unknown>) => {
      if (!(key in answer)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(answer as T);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code} while waiting for ${key}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** The least-squares slope of RSS (bytes) over time (seconds): how fast it grows on average. */
function trendPerSecond(samples: { at: number; rss: number }[]): number {
  const n = samples.length;
  const meanAt = samples.reduce((sum, s) => sum + s.at, 0) / n;
  const meanRss = samples.reduce((sum, s) => sum + s.rss, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    covariance += (s.at - meanAt) * (s.rss - meanRss);
    variance += (s.at - meanAt) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}
const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000;

const children: ChildProcess[] = [];
const stopAll = () => {
  for (const child of children) if (child.connected) child.disconnect();
};
process.on('exit', () => {
  for (const child of children) child.kill();
});

try {
  const simulators = start('./support/pages-simulators.ts', { BENCH_RESIDENTS: String(residentCount) });
  children.push(simulators);
  const simulatorsReady = await ask<{ url: string; objecten: string; objecttypen: object }>(simulators, null, 'ready');
  const voordeurArgs = [
    ...startFlags(process.env.DATABASE_URL ? 'start:production' : 'start'),
    ...(process.env.BENCH_VOORDEUR_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const server = start('./support/pages-server.ts', { BENCH_SIMULATORS: JSON.stringify(simulatorsReady) }, voordeurArgs, runner === 'bundle');
  children.push(server);
  const ready = await ask<{ rssAfterStart: number; voordeurUrl: string; bareUrl: string; cookie: string; pages: Page[]; database: string }>(
    server,
    null,
    'ready',
  );
  const headers = { cookie: ready.cookie };
  const usage = async () => (await ask<{ usage: Usage }>(server, { usage: true }, 'usage')).usage;
  const setLatency = (ms: number) => ask(simulators, { latency: ms }, 'latencySet');
  // Voordeur counts each request's round trips for the open loop only: the count's AsyncLocalStorage
  // puts a hook on every promise, which the CPU per page and the memory must not include (production has none).
  const countRoundTrips = (on: boolean) => ask(server, { countRoundTrips: on }, 'countingSet');
  await countRoundTrips(false);

  // Voordeur's RSS, each second over the whole run.
  const rssSamples: { at: number; rss: number; heapTotal: number; external: number }[] = [];
  const startedAt = performance.now();
  const sampler = setInterval(() => {
    usage()
      .then(({ rss, heapTotal, external }) => rssSamples.push({ at: (performance.now() - startedAt) / 1000, rss, heapTotal, external }))
      .catch(() => {});
  }, 1000);

  // What Voordeur spends with no page asked for (its in-process worker polling the job queue, timers).
  const idleBefore = await usage();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const idleCpuMsPerSecond = Number((cpuMs(idleBefore.cpu, (await usage()).cpu) / 5).toFixed(1));
  say(
    `pages benchmark: Voordeur on ${ready.database} (${runner}), ${connections} connections, ${seconds} s per phase; Voordeur's RSS after start ${mb(ready.rssAfterStart)} MB; idle it uses ${idleCpuMsPerSecond} ms CPU a second`,
  );

  async function closedLoop(url: string, withCookie: boolean, duration: number) {
    const result = await autocannon({ url, connections, duration, headers: withCookie ? headers : {}, pipelining: 1 });
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
      throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
    return { rps: result.requests.average, total: result['2xx'], p50: result.latency.p50, p99: result.latency.p99 };
  }

  interface Row {
    page: string;
    latencyMs: number;
    cpuMsPerPage: number;
    /** cpuMsPerPage without what Voordeur spends anyway, idle (idleCpuMsPerSecond × the phase's seconds). */
    cpuMsPerPageNet: number;
    ratio: number;
    p50Ms: number;
    p99Ms: number;
    pagesPerSecond: number;
    barePerSecond: number;
  }
  const rows: Row[] = [];
  const trips: Record<string, number> = {};
  const serialTimes: Record<string, Record<number, number>> = {};

  /** Median time of one request at a time (no load), per page. */
  async function serial(latency: number) {
    for (const { page, path } of ready.pages) {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const begin = performance.now();
        const answer = await fetch(`${ready.voordeurUrl}${path}`, { headers });
        await answer.arrayBuffer();
        if (answer.status !== 200) throw new Error(`${page}: HTTP ${answer.status}`);
        times.push(performance.now() - begin);
      }
      serialTimes[page] = { ...serialTimes[page], [latency]: median(times) };
    }
  }

  for (const latency of phases.has('pages') ? [0, sourceLatency] : []) {
    await setLatency(latency);
    await serial(latency);
    say(`\nsources answer after ${latency} ms`);
    say(
      `${'page'.padEnd(22)} ${'bytes'.padStart(7)} ${'bare/s'.padStart(8)} ${'page/s'.padStart(8)} ${'ratio'.padStart(6)} ${'CPU ms/page'.padStart(12)} ${'net'.padStart(6)} ${'p50'.padStart(6)} ${'p99'.padStart(6)}`,
    );
    for (const { page, path, bytes } of ready.pages) {
      await closedLoop(`${ready.voordeurUrl}${path}`, true, Math.min(2, seconds)); // warm up
      const bare = await closedLoop(`${ready.bareUrl}${path}`, false, seconds);
      const before = await usage();
      const measured = await closedLoop(`${ready.voordeurUrl}${path}`, true, seconds);
      const after = await usage();
      const row: Row = {
        page,
        latencyMs: latency,
        cpuMsPerPage: Number((cpuMs(before.cpu, after.cpu) / measured.total).toFixed(3)),
        cpuMsPerPageNet: Number((Math.max(0, cpuMs(before.cpu, after.cpu) - idleCpuMsPerSecond * seconds) / measured.total).toFixed(3)),
        ratio: Number((measured.rps / bare.rps).toFixed(4)),
        p50Ms: measured.p50,
        p99Ms: measured.p99,
        pagesPerSecond: Math.round(measured.rps),
        barePerSecond: Math.round(bare.rps),
      };
      rows.push(row);
      say(
        `${page.padEnd(22)} ${String(bytes).padStart(7)} ${String(row.barePerSecond).padStart(8)} ${String(row.pagesPerSecond).padStart(8)} ${row.ratio.toFixed(3).padStart(6)} ${row.cpuMsPerPage.toFixed(2).padStart(12)} ${row.cpuMsPerPageNet.toFixed(2).padStart(6)} ${String(row.p50Ms).padStart(6)} ${String(row.p99Ms).padStart(6)}`,
      );
    }
  }
  // Open loop: BENCH_RATE pages a second of the mix, with 50 ms sources.
  let openLoop: object | undefined;
  if (phases.has('open')) {
    await setLatency(sourceLatency);
    await countRoundTrips(true);
    // The round trips of each request, as Voordeur says them; else (an older checkout) the page's, measured one request at a time.
    const probe = await fetch(`${ready.voordeurUrl}${ready.pages[0]!.path}`, { headers });
    await probe.arrayBuffer();
    const counted = probe.headers.has('x-bench-round-trips');
    if (!counted) {
      for (const latency of [0, sourceLatency]) {
        if (!serialTimes[ready.pages[0]!.page]?.[latency]) {
          await setLatency(latency);
          await serial(latency);
        }
      }
      await setLatency(sourceLatency);
      for (const { page } of ready.pages) trips[page] = Math.max(0, Math.round((serialTimes[page]![sourceLatency]! - serialTimes[page]![0]!) / sourceLatency));
    }
    /**
     * Sends `rate` pages a second for `duration` s to `base` (Voordeur, or the bare routes), each at
     * its planned moment; what each took from that moment, how late this process sent it, and the
     * round trips it waited for.
     */
    async function openRun(base: string, duration: number) {
      const pool = new Pool(base, { connections: 1024, pipelining: 1 });
      const results: { page: string; ms: number; lateMs: number; ok: boolean; roundTrips: number; error?: string }[] = [];
      const pending: Promise<void>[] = [];
      const total = Math.round(rate * duration);
      const openStart = performance.now();
      let sent = 0;
      await new Promise<void>((resolve) => {
        const tick = setInterval(() => {
          // Request n is planned at n ÷ rate: those planned up to now are n = 0 … floor(elapsed × rate).
          const due = Math.min(total, Math.floor(((performance.now() - openStart) / 1000) * rate) + 1);
          for (; sent < due; sent++) {
            const planned = openStart + (sent / rate) * 1000;
            const lateMs = performance.now() - planned;
            const { page, path } = ready.pages[sent % ready.pages.length]!;
            pending.push(
              pool
                .request({ method: 'GET', path, headers })
                .then(async (answer) => {
                  await answer.body.dump();
                  const said = answer.headers['x-bench-round-trips'];
                  results.push({
                    page,
                    ms: performance.now() - planned,
                    lateMs,
                    ok: answer.statusCode === 200,
                    ...(answer.statusCode === 200 ? {} : { error: `HTTP ${answer.statusCode}` }),
                    roundTrips: typeof said === 'string' ? Number(said) : trips[page]!,
                  });
                })
                .catch((error: unknown) => {
                  results.push({
                    page,
                    ms: performance.now() - planned,
                    lateMs,
                    ok: false,
                    roundTrips: 0,
                    error: error instanceof Error ? error.name : String(error),
                  });
                }),
            );
          }
          if (sent >= total) {
            clearInterval(tick);
            resolve();
          }
        }, 2);
      });
      await Promise.all(pending);
      await pool.close();
      return results;
    }
    if (warmupSeconds > 0) await openRun(ready.voordeurUrl, warmupSeconds);
    const results = await openRun(ready.voordeurUrl, openSeconds);
    const ok = results.filter((r) => r.ok);
    const overheads = ok.map((r) => r.ms - r.roundTrips * sourceLatency).sort((a, b) => a - b);
    // The floor of this measurement: the same loop against the bare routes (the same HTML, nothing else done).
    const bare = await openRun(ready.bareUrl, openSeconds);
    const bareTimes = bare.map((r) => r.ms).sort((a, b) => a - b);
    const late = results.map((r) => r.lateMs).sort((a, b) => a - b);
    // How often each page waited for how many round trips (counted per request), e.g. { "overzicht": { "0": 390, "1": 10 } }.
    const roundTrips: Record<string, Record<number, number>> = {};
    for (const r of ok) {
      const perPage = (roundTrips[r.page] ??= {});
      perPage[r.roundTrips] = (perPage[r.roundTrips] ?? 0) + 1;
    }
    const result = {
      rate,
      seconds: openSeconds,
      warmupSeconds,
      pages: results.length,
      overheadP50Ms: Number(percentile(overheads, 50).toFixed(1)),
      overheadP99Ms: Number(percentile(overheads, 99).toFixed(1)),
      /** The same loop against the bare routes: what sending, scheduling and HTTP alone take here. */
      bareP50Ms: Number(percentile(bareTimes, 50).toFixed(1)),
      bareP99Ms: Number(percentile(bareTimes, 99).toFixed(1)),
      /** How late this process sent the requests (its timer), included in every figure above. */
      sentLateP50Ms: Number(percentile(late, 50).toFixed(1)),
      sentLateP99Ms: Number(percentile(late, 99).toFixed(1)),
      errors: results.filter((r) => !r.ok).length,
      /** What the errors were: HTTP status or the client's error, how many of each. */
      errorKinds: results.reduce<Record<string, number>>((kinds, r) => {
        if (r.error) kinds[r.error] = (kinds[r.error] ?? 0) + 1;
        return kinds;
      }, {}),
      /** Requests that waited for at least one source round trip (a kept answer had run out, or was dropped). */
      waitedForSources: ok.filter((r) => r.roundTrips > 0).length,
      roundTripsCounted: counted ? 'per request' : 'per page, beforehand',
      roundTrips: counted ? roundTrips : trips,
    };
    openLoop = result;
    say(
      `\nopen loop: ${rate} pages/s of the mix for ${openSeconds} s after ${warmupSeconds} s not measured, sources after ${sourceLatency} ms; round trips waited (${result.roundTripsCounted}): ${JSON.stringify(result.roundTrips)}`,
    );
    say(
      `overhead beyond the round trips: p50 ${result.overheadP50Ms} ms (target ≤ 5) p99 ${result.overheadP99Ms} ms (target ≤ 20), errors ${result.errors} — ${result.overheadP50Ms <= 5 && result.overheadP99Ms <= 20 && result.errors === 0 ? 'MET' : 'NOT MET'}`,
    );
    say(
      `the same loop against the bare routes: p50 ${result.bareP50Ms} ms, p99 ${result.bareP99Ms} ms; requests sent late by this process's timer: p50 ${result.sentLateP50Ms} ms, p99 ${result.sentLateP99Ms} ms (both in the figures above)`,
    );
  }

  let rssMb: object | undefined;
  let mixPagesPerSecond: number | undefined;
  if (phases.has('memory')) {
    // Memory under the closed-loop mix, 0 ms sources.
    await setLatency(0);
    await countRoundTrips(false);
    const memoryStart = (performance.now() - startedAt) / 1000;
    say(`\nmemory: the mix, closed loop, ${connections} connections, ${memorySeconds} s, sources after 0 ms`);
    const mixed = await autocannon({
      url: ready.voordeurUrl,
      connections,
      duration: memorySeconds,
      headers,
      requests: ready.pages.map(({ path }) => ({ method: 'GET', path })),
    });
    clearInterval(sampler);
    const end = await usage();
    rssSamples.push({ at: (performance.now() - startedAt) / 1000, rss: end.rss, heapTotal: end.heapTotal, external: end.external });
    const highest = rssSamples.reduce((a, b) => (b.rss > a.rss ? b : a));
    const memorySamples = rssSamples.filter((s) => s.at >= memoryStart);
    const lastHalfFrom = memoryStart + memorySeconds / 2;
    const lastHalf = memorySamples.filter((s) => s.at >= lastHalfFrom);
    const memory = {
      afterStart: mb(ready.rssAfterStart),
      max: mb(Math.max(...rssSamples.map((s) => s.rss))),
      atEnd: mb(end.rss),
      // The trend, not the last sample minus the first: one swing of the garbage collector at either
      // end of the half would otherwise read as growth (or as shrinking).
      growthLast5MinMb: lastHalf.length > 1 ? mb(trendPerSecond(lastHalf) * (lastHalf.at(-1)!.at - lastHalf[0]!.at)) : NaN,
      overSeconds: Math.round(memorySeconds / 2),
      heapUsedAtEnd: mb(end.heapUsed),
      /** At the highest RSS: V8's heap, memory outside it (PGlite's WebAssembly memory, buffers), and the rest (code, stacks, native). */
      atMax: { heapTotal: mb(highest.heapTotal), external: mb(highest.external), other: mb(highest.rss - highest.heapTotal - highest.external) },
      /** The RSS each tenth of the memory phase. */
      memoryPhase: Array.from(
        { length: 11 },
        (_, i) => memorySamples[Math.min(memorySamples.length - 1, Math.floor((i / 10) * (memorySamples.length - 1)))],
      ).map((s) => mb(s?.rss ?? 0)),
    };
    say(
      `at the highest RSS: V8 heap ${memory.atMax.heapTotal} MB, outside the heap (PGlite's WebAssembly memory, buffers) ${memory.atMax.external} MB, the rest ${memory.atMax.other} MB`,
    );
    if (mixed.non2xx > 0 || mixed.errors > 0) say(`memory phase: ${mixed.non2xx} non-2xx answers, ${mixed.errors} errors`);
    say(`${Math.round(mixed.requests.average)} pages/s; RSS each tenth of the phase (MB): ${memory.memoryPhase.join(' ')}`);
    say(
      `Voordeur's RSS: after start ${memory.afterStart} MB, max ${memory.max} MB, growth over the last ${memory.overSeconds} s ${memory.growthLast5MinMb} MB (target ≤ 250 MB, flat) — ${memory.max <= 250 && memory.growthLast5MinMb <= 5 ? 'MET' : 'NOT MET'}`,
    );

    mixPagesPerSecond = Math.round(mixed.requests.average);
    rssMb = memory;
  }
  clearInterval(sampler);

  // The mass mailing, after the memory phase (its burst of people's answers is not the mix the RSS
  // target is about): residents who have never opened Voordeur (nothing of theirs kept), each the
  // overzicht and then a zaak of theirs, `connections` residents at a time, with 50 ms sources.
  let residents: object | undefined;
  if (phases.has('residents')) {
    await setLatency(sourceLatency);
    await countRoundTrips(false);
    const loggedIn = (await ask<{ residents: { cookie: string; zaakPath: string }[] }>(server, { residents: residentCount }, 'residents')).residents;
    const pool = new Pool(ready.voordeurUrl, { connections, pipelining: 1 });
    const times: Record<'overzicht' | 'zaak', number[]> = { overzicht: [], zaak: [] };
    const failures: Record<string, number> = {};
    const fail = (what: string) => (failures[what] = (failures[what] ?? 0) + 1);
    async function visit(cookie: string, path: string, page: 'overzicht' | 'zaak') {
      const began = performance.now();
      try {
        const answer = await pool.request({ method: 'GET', path, headers: { cookie } });
        const html = await answer.body.text();
        if (answer.statusCode !== 200) fail(`${page}: HTTP ${answer.statusCode}`);
        // A block that did not come within its deadline is a failure too: the resident misses it.
        else if (html.includes('niet beschikbaar')) fail(`${page}: niet beschikbaar`);
        else times[page].push(performance.now() - began);
      } catch (error) {
        fail(`${page}: ${error instanceof Error ? error.name : String(error)}`);
      }
    }
    await ask(simulators, { calls: true }, 'calls');
    const before = await usage();
    const began = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < loggedIn.length) {
          const resident = loggedIn[next++]!;
          await visit(resident.cookie, '/overzicht', 'overzicht');
          await visit(resident.cookie, resident.zaakPath, 'zaak');
        }
      }),
    );
    const elapsed = (performance.now() - began) / 1000;
    const after = await usage();
    const { calls } = await ask<{ calls: Record<string, number> }>(simulators, { calls: true }, 'calls');
    await pool.close();
    const cpuMsPerResident = cpuMs(before.cpu, after.cpu) / loggedIn.length;
    const sorted = (page: 'overzicht' | 'zaak') => [...times[page]].sort((a, b) => a - b);
    const result = {
      residents: loggedIn.length,
      perSecond: Number((loggedIn.length / elapsed).toFixed(1)),
      /** Voordeur's CPU for one resident's overzicht and zaak, nothing of theirs kept. */
      cpuMsPerResident: Number(cpuMsPerResident.toFixed(2)),
      /** What one core of this machine carries at that cost, in an hour. */
      residentsPerHourOneCore: Math.round(3_600_000 / cpuMsPerResident),
      overzichtP50Ms: Math.round(percentile(sorted('overzicht'), 50)),
      overzichtP99Ms: Math.round(percentile(sorted('overzicht'), 99)),
      zaakP50Ms: Math.round(percentile(sorted('zaak'), 50)),
      zaakP99Ms: Math.round(percentile(sorted('zaak'), 99)),
      failures,
      /** Voordeur's RSS once the phase is over (MB). */
      rssMbAfter: mb(after.rss),
      sourceCallsPerResident: Object.fromEntries(Object.entries(calls).map(([name, n]) => [name, Number((n / loggedIn.length).toFixed(1))])),
    };
    residents = result;
    say(
      `\nmass mailing: ${result.residents} residents never seen before, each the overzicht then a zaak of theirs, ${connections} at a time, sources after ${sourceLatency} ms: ${result.perSecond} residents/s; Voordeur's CPU ${result.cpuMsPerResident} ms a resident (one core: ${result.residentsPerHourOneCore.toLocaleString('en')} residents an hour); overzicht p50 ${result.overzichtP50Ms} / p99 ${result.overzichtP99Ms} ms, zaak p50 ${result.zaakP50Ms} / p99 ${result.zaakP99Ms} ms; failures ${JSON.stringify(failures)}; source calls a resident ${JSON.stringify(result.sourceCallsPerResident)}; RSS after it ${result.rssMbAfter} MB`,
    );
  }

  if (rows.length > 0) {
    const worst = Math.max(...rows.map((r) => r.cpuMsPerPage));
    say(`\nCPU per page: worst ${worst} ms (target ≤ 0.5 ms) — ${worst <= 0.5 ? 'MET' : 'NOT MET'}`);
  }
  if (json)
    process.stdout.write(
      `${JSON.stringify({ pages: rows, openLoop, rssMb, residents, database: ready.database, runner, idleCpuMsPerSecond, connections, seconds, mixPagesPerSecond })}\n`,
    );
} finally {
  stopAll();
}
