/**
 * Throughput of the job queue on PostgreSQL (docs/decisions/0005-job-queue.md): adds
 * BENCH_JOBS jobs (10,000) in one call, then lets workers with a handler that does nothing
 * claim and complete them in batches of BENCH_BATCH (100): one worker, and three workers (own
 * pools) with two batches in hand each. Uses a schema of its own in the PostgreSQL database at
 * DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and drops it
 * afterwards; says so and stops when there is none.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/queue.ts
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { JobQueue } from '../src/platform/queue/queue.ts';
import { Worker } from '../src/platform/queue/worker.ts';

const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const jobs = Number(process.env.BENCH_JOBS ?? 10_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 100);
const silent = { info() {}, warn() {}, error() {} };

const schema = `bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await admin.connect();
} catch (error) {
  console.log(`job queue benchmark skipped: no PostgreSQL at ${url} (${error instanceof Error ? error.message : error}); set DATABASE_URL`);
  process.exit(0);
}
await admin.query(`create schema ${schema}`);
const scoped = new URL(url);
scoped.searchParams.set('options', `-c search_path=${schema}`);
const open = (poolSize: number) => openDatabase({ url: scoped.href, poolSize, pgliteDir: '' });

try {
  const main = await open(5);
  await migrateToLatest(main.db);
  const queue = new JobQueue(main.db);
  for (const [workers, concurrency] of [
    [1, 1],
    [3, 2],
  ] as const) {
    let started = performance.now();
    await queue.add(Array.from({ length: jobs }, (_, n) => ({ queue: 'bench', payload: { n } })));
    const addSeconds = (performance.now() - started) / 1000;

    const pools = await Promise.all(Array.from({ length: workers }, () => open(concurrency + 1)));
    const running = pools.map(
      (pool) => new Worker(new JobQueue(pool.db), { bench: async (batch) => batch.map(() => ({ ok: true })) }, { batchSize, concurrency, log: silent }),
    );
    started = performance.now();
    running.forEach((worker) => worker.start());
    await Promise.all(running.map((worker) => worker.drain()));
    const runSeconds = (performance.now() - started) / 1000;
    await Promise.all(running.map((worker) => worker.stop()));
    await Promise.all(pools.map((pool) => pool.close()));

    console.log(
      `${workers} worker(s) × ${concurrency} batch(es) of ${batchSize}: added ${Math.round(jobs / addSeconds)} jobs/s, ` +
        `claimed and completed ${Math.round(jobs / runSeconds)} jobs/s`,
    );
    await queue.purge(new Date(Date.now() + 60_000));
  }
  await main.close();
} finally {
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
