/**
 * A helper for finding where Voordeur's time goes on the pages of bench/pages.ts: starts the same
 * simulators and Voordeur processes, then loads the pages named in BENCH_PAGES (comma-separated
 * page names; all when absent) in turn, closed loop, BENCH_SECONDS (10) each, with the sources after
 * BENCH_LATENCY_MS (0), and prints Voordeur's CPU ms per page. With BENCH_PROFILE_DIR=DIR it writes
 * a CPU profile of each page's load alone to DIR/<page>.cpuprofile (by the inspector in Voordeur's
 * process) and prints where the time went per page, by module and by function
 * (cpuprofile-summary.ts; BENCH_TOP lines each, 25). With
 * BENCH_VOORDEUR_ARGS="--cpu-prof --cpu-prof-dir=DIR" Voordeur writes one CPU profile of its whole run.
 * With BENCH_HEAP_SNAPSHOT=NAME Voordeur writes a heap snapshot to NAME after the loads (read it with
 * Chromium's DevTools, Memory tab).
 *   node --import tsx bench/support/profile-pages.ts
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { printSummary } from './cpuprofile-summary.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const latency = Number(process.env.BENCH_LATENCY_MS ?? 0);
const wanted = process.env.BENCH_PAGES?.split(',');
const profileDir = process.env.BENCH_PROFILE_DIR;
if (profileDir) mkdirSync(profileDir, { recursive: true });

function start(file: string, env: Record<string, string>, execArgv: string[] = []): ChildProcess {
  return fork(new URL(file, import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 2, 2, 'ipc'],
  });
}
function ask<T>(child: ChildProcess, message: object | null, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (answer: Record<string, unknown>) => {
      if (!(key in answer)) return;
      child.off('message', onMessage);
      resolve(answer as T);
    };
    child.on('message', onMessage);
    if (message) child.send(message);
  });
}

const simulators = start('./pages-simulators.ts', {});
const server = start(
  './pages-server.ts',
  { BENCH_SIMULATORS: JSON.stringify(await ask(simulators, null, 'ready')) },
  (process.env.BENCH_VOORDEUR_ARGS ?? '').split(' ').filter(Boolean),
);
const ready = await ask<{ voordeurUrl: string; cookie: string; pages: { page: string; path: string }[] }>(server, null, 'ready');
await ask(simulators, { latency }, 'latencySet');
// As production runs: without the round-trip counting of bench/pages.ts's open loop (a hook on every promise).
await ask(server, { countRoundTrips: false }, 'countingSet');
const usage = async () => (await ask<{ usage: { cpu: NodeJS.CpuUsage; rss: number } }>(server, { usage: true }, 'usage')).usage;
for (const { page, path: pagePath } of ready.pages.filter((p) => !wanted || wanted.includes(p.page))) {
  await ask(simulators, { calls: true }, 'calls');
  if (profileDir) await ask(server, { profile: 'start' }, 'profiled');
  const before = await usage();
  const result = await autocannon({ url: `${ready.voordeurUrl}${pagePath}`, connections: 20, duration: seconds, headers: { cookie: ready.cookie } });
  const after = await usage();
  const file = profileDir ? path.join(profileDir, `${page.replaceAll(' ', '-')}.cpuprofile`) : undefined;
  if (file) await ask(server, { profile: 'stop', file }, 'profiled');
  const { calls } = await ask<{ calls: Record<string, number> }>(simulators, { calls: true }, 'calls');
  const perPage = Object.entries(calls)
    .map(([name, n]) => `${name} ${(n / result['2xx']).toFixed(1)}`)
    .join(', ');
  const ms = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  console.log(
    `${page.padEnd(22)} ${Math.round(result.requests.average)} pages/s, ${(ms / result['2xx']).toFixed(2)} CPU ms/page, ${result.non2xx} non-2xx, RSS ${Math.round(after.rss / 1048576)} MB; source calls per page: ${perPage}`,
  );
  if (file) printSummary(JSON.parse(readFileSync(file, 'utf8')), result['2xx'], Number(process.env.BENCH_TOP ?? 25));
}
if (process.env.BENCH_HEAP_SNAPSHOT) {
  const written = await ask<{ heapSnapshot: string }>(server, { heapSnapshot: path.resolve(process.env.BENCH_HEAP_SNAPSHOT) }, 'heapSnapshot');
  console.log(`heap snapshot: ${written.heapSnapshot}`);
}
server.disconnect();
simulators.disconnect();
