/**
 * The job queue with several workers, each with a connection pool of its own, as separate
 * worker processes have: only on PostgreSQL (PGlite is one session), so this file runs only
 * when TEST_DATABASE_URL is set (vitest.config.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { JobQueue } from './queue.ts';
import { Worker } from './worker.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const silent = { info() {}, warn() {}, error() {} };

/** Another connection pool on the test database's schema, as a separate worker process would have. */
async function anotherPool(poolSize: number): Promise<DatabaseHandle> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${rows[0]!.schema}`);
  return openDatabase({ url: url.href, poolSize, pgliteDir: '' });
}

describe('several workers on PostgreSQL', () => {
  it('handle every one of 2,000 jobs exactly once', async () => {
    const total = 2_000;
    await new JobQueue(database.db).add(Array.from({ length: total }, (_, n) => ({ queue: 'send', payload: n })));
    const handled = new Map<number, number>();
    const perWorker = [0, 0, 0];
    const pools = await Promise.all([1, 2, 3].map(() => anotherPool(4)));
    const workers = pools.map(
      (pool, w) =>
        new Worker(
          new JobQueue(pool.db),
          {
            send: async (jobs) => {
              perWorker[w]! += jobs.length;
              for (const job of jobs) handled.set(job.payload as number, (handled.get(job.payload as number) ?? 0) + 1);
              await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
              return jobs.map(() => ({ ok: true }));
            },
          },
          { batchSize: 25, concurrency: 3, pollMs: 10, workerId: `w${w}`, log: silent },
        ),
    );
    try {
      for (const worker of workers) worker.start();
      await Promise.all(workers.map((worker) => worker.drain()));
      await Promise.all(workers.map((worker) => worker.stop()));
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
    expect(handled.size).toBe(total);
    expect([...handled.values()].every((count) => count === 1)).toBe(true);
    expect(perWorker.every((count) => count > 0)).toBe(true);
    const states = await database.db.selectFrom('jobs').select('state').distinct().execute();
    expect(states).toEqual([{ state: 'done' }]);
  });
});
