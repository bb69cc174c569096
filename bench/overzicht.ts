/**
 * Benchmark: the platform's cost per page. The logged-in overzicht with NO sources configured (so
 * no blocks: a shell with a heading; bench/pages.ts measures the real pages with their sources)
 * against a bare Fastify route serving the same HTML, in the same run. Prints throughput, p50/p99 latency and the ratio (target ≥ 0.25).
 *   npm run bench                       (PGlite in memory)
 *   DATABASE_URL=postgres://… npm run bench
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=50
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const server = spawn(process.execPath, ['--import', 'tsx', new URL('./support/overzicht-server.ts', import.meta.url).pathname], {
  env: { ...process.env, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const ready = await new Promise<{ pageUrl: string; bareUrl: string; cookie: string; bytes: number; database: string }>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  createInterface({ input: server.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
});

async function measure(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

try {
  // Warm both up, then measure them one after the other in the same run.
  await autocannon({ url: ready.bareUrl, connections, duration: 2 });
  await autocannon({ url: ready.pageUrl, connections, duration: 2, headers: { cookie: ready.cookie } });
  const bare = await measure(ready.bareUrl, {});
  const page = await measure(ready.pageUrl, { cookie: ready.cookie });
  const row = (name: string, r: typeof bare) =>
    `${name.padEnd(28)} ${r.rps.toFixed(0).padStart(9)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms`;
  console.log(
    `overzicht shell benchmark (no sources configured; real pages: bench/pages.ts): ${seconds}s each, ${connections} connections, ${ready.bytes} bytes of HTML, database ${ready.database}`,
  );
  console.log(row('bare Fastify route', bare));
  console.log(row('Voordeur overzicht (logged in)', page));
  const ratio = page.rps / bare.rps;
  console.log(`throughput ratio overzicht/bare: ${ratio.toFixed(3)} (target ≥ 0.25) ${ratio >= 0.25 ? 'MET' : 'NOT MET'}`);
} finally {
  server.kill('SIGTERM');
}
