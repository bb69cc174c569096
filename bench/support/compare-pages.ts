/**
 * Before/after in one run: Voordeur's CPU ms per page of this checkout against another one (a
 * commit exported elsewhere, e.g. `git archive <commit> | tar -x -C /tmp/before` with
 * `ln -s $PWD/node_modules /tmp/before/`), both against the same simulators (pages-simulators.ts),
 * each in a process of its own with one logged-in session (its own pages-server.ts). Per page
 * (BENCH_PAGES, comma-separated, default all) BENCH_ROUNDS (3) rounds of BENCH_SECONDS (5) of
 * closed-loop load on each in turn (20 connections, sources after BENCH_LATENCY_MS, 0): the
 * median CPU ms per page (process.cpuUsage of that process ÷ pages answered) of each, and after ÷ before.
 * On a shared machine this ratio is the figure to trust, not the absolute ms.
 *   BENCH_BEFORE=/tmp/before node --import tsx bench/support/compare-pages.ts [--json]
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

const before = process.env.BENCH_BEFORE;
if (!before) {
  console.error('BENCH_BEFORE=<the other checkout> is needed');
  process.exit(2);
}
const json = process.argv.includes('--json');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const latency = Number(process.env.BENCH_LATENCY_MS ?? 0);
const wanted = process.env.BENCH_PAGES?.split(',');
const say = (line: string) => (json ? console.error(line) : console.log(line));

function start(file: string, env: Record<string, string>): ChildProcess {
  return fork(file, [], {
    cwd: path.dirname(path.dirname(path.dirname(file))),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 2, 2, 'ipc'],
  });
}
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
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

const here = path.resolve(new URL('../..', import.meta.url).pathname);
const simulators = start(path.join(here, 'bench/support/pages-simulators.ts'), {});
const children = [simulators];
process.on('exit', () => {
  for (const child of children) child.kill();
});
const simulatorsReady = JSON.stringify(await ask(simulators, null, 'ready'));
interface Side {
  name: 'before' | 'after';
  server: ChildProcess;
  voordeurUrl: string;
  cookie: string;
  pages: { page: string; path: string }[];
}
const sides: Side[] = [];
for (const [name, root] of [
  ['before', path.resolve(before)],
  ['after', here],
] as const) {
  const server = start(path.join(root, 'bench/support/pages-server.ts'), { BENCH_SIMULATORS: simulatorsReady });
  children.push(server);
  sides.push({ name, server, ...(await ask<Omit<Side, 'name' | 'server'>>(server, null, 'ready')) });
}
await ask(simulators, { latency }, 'latencySet');
const usage = async (side: Side) => (await ask<{ usage: { cpu: NodeJS.CpuUsage } }>(side.server, { usage: true }, 'usage')).usage.cpu;

async function load(side: Side, pagePath: string, duration: number) {
  const from = await usage(side);
  const result = await autocannon({ url: `${side.voordeurUrl}${pagePath}`, connections: 20, duration, headers: { cookie: side.cookie } });
  const to = await usage(side);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${side.name} ${pagePath}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { cpuMsPerPage: (to.user - from.user + to.system - from.system) / 1000 / result['2xx'], pagesPerSecond: result.requests.average };
}

say(`CPU ms per page, before (${before}) and after (${here}), sources after ${latency} ms, ${rounds} × ${seconds} s each, in turn`);
say(
  `${'page'.padEnd(22)} ${'before'.padStart(8)} ${'after'.padStart(8)} ${'after/before'.padStart(13)} ${'pages/s before'.padStart(15)} ${'after'.padStart(7)}`,
);
const rows = [];
for (const { page, path: pagePath } of sides[1]!.pages.filter((p) => !wanted || wanted.includes(p.page))) {
  const beforePath = sides[0]!.pages.find((p) => p.page === page)?.path ?? pagePath;
  for (const side of sides) await load(side, side.name === 'before' ? beforePath : pagePath, 1); // warm up
  const measured: Record<Side['name'], { cpu: number[]; rate: number[] }> = { before: { cpu: [], rate: [] }, after: { cpu: [], rate: [] } };
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so that neither always follows the other's load.
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      const { cpuMsPerPage, pagesPerSecond } = await load(side, side.name === 'before' ? beforePath : pagePath, seconds);
      measured[side.name].cpu.push(cpuMsPerPage);
      measured[side.name].rate.push(pagesPerSecond);
    }
  }
  const row = {
    page,
    beforeCpuMsPerPage: Number(median(measured.before.cpu).toFixed(3)),
    afterCpuMsPerPage: Number(median(measured.after.cpu).toFixed(3)),
    ratio: Number((median(measured.after.cpu) / median(measured.before.cpu)).toFixed(2)),
    beforePagesPerSecond: Math.round(median(measured.before.rate)),
    afterPagesPerSecond: Math.round(median(measured.after.rate)),
  };
  rows.push(row);
  say(
    `${page.padEnd(22)} ${row.beforeCpuMsPerPage.toFixed(2).padStart(8)} ${row.afterCpuMsPerPage.toFixed(2).padStart(8)} ${row.ratio.toFixed(2).padStart(13)} ${String(row.beforePagesPerSecond).padStart(15)} ${String(row.afterPagesPerSecond).padStart(7)}`,
  );
}
if (json) console.log(JSON.stringify({ latencyMs: latency, seconds, rounds, pages: rows }));
for (const child of children) child.disconnect();
