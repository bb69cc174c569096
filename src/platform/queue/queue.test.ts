import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.ts';
import { Metrics } from '../metrics.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { backoffMs, JobQueue, jobsForEach, type ClaimedJob } from './queue.ts';
import { Worker, type JobOutcome } from './worker.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.deleteFrom('jobs').execute();
});

const start = Date.parse('2026-12-01T09:00:00Z');
const silent = { info() {}, warn() {}, error() {} };

function queueAt(clock: { now: number }, metrics?: Metrics) {
  return new JobQueue(database.db, { now: () => new Date(clock.now), metrics });
}

async function stateOf(id: string) {
  return database.db.selectFrom('jobs').select(['state', 'attempts', 'run_at', 'locked_by', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** A promise, and what settles it. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** A handler that says when it has started and then waits until released. */
function gatedHandler() {
  const started = signal();
  const gate = signal();
  return {
    started: started.promise,
    release: () => gate.resolve(),
    handler: async (jobs: ClaimedJob[]): Promise<JobOutcome[]> => {
      started.resolve();
      await gate.promise;
      return jobs.map(() => ({ ok: true }));
    },
  };
}

describe('the job queue', () => {
  it('hands out added jobs once, oldest first, and keeps them done', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    expect(await queue.add([1, 2, 3].map((n) => ({ queue: 'mail', payload: { n } })))).toEqual([true, true, true]);
    await queue.add([{ queue: 'sms', payload: { n: 4 } }]);

    const first = await queue.claim(['mail'], 2, 30_000, 'w1');
    expect(first.map((job) => job.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(first[0]).toMatchObject({ queue: 'mail', attempts: 1, maxAttempts: 8 });
    const second = await queue.claim(['mail'], 2, 30_000, 'w1');
    expect(second.map((job) => job.payload)).toEqual([{ n: 3 }]);
    expect(await queue.claim(['mail'], 2, 30_000, 'w1')).toEqual([]);

    await queue.complete([...first, ...second].map((job) => job.id));
    expect(await queue.list('running')).toEqual([]);
    expect(await queue.stats()).toEqual([{ queue: 'sms', pending: 1, running: 0, failed: 0, oldestPendingSeconds: 0 }]);
    expect((await stateOf(first[0]!.id)).state).toBe('done');
  });

  it('claims from several queues in one go', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    await queue.add([
      { queue: 'mail', payload: 1, runAt: new Date(start - 2000) },
      { queue: 'sms', payload: 2, runAt: new Date(start - 1000) },
      { queue: 'other', payload: 3 },
    ]);
    const claimed = await queue.claim(['mail', 'sms'], 10, 30_000, 'w1');
    expect(claimed.map((job) => job.queue).sort()).toEqual(['mail', 'sms']);
  });

  it('adds nothing for a dedupe key while a job with it waits unstarted', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    const person = (n: number) => ({ queue: 'send', payload: { n }, dedupeKey: 'persoon-1' });
    expect(await queue.add([person(1)])).toEqual([true]);
    expect(
      await queue.add([person(2), { queue: 'send', payload: {}, dedupeKey: 'persoon-2' }, { queue: 'other', payload: {}, dedupeKey: 'persoon-1' }]),
    ).toEqual([false, true, true]);

    // Once it has started, the job no longer absorbs new work: that gets a job of its own.
    const [job] = await queue.claim(['send'], 1, 30_000, 'w1');
    expect(await queue.add([person(3), person(4)])).toEqual([true, false]);
    await queue.complete([job!.id]);
    expect(await queue.add([person(5)])).toEqual([false]);
    const rest = await queue.claim(['send'], 10, 30_000, 'w1');
    await queue.complete(rest.map((j) => j.id));
    expect(await queue.add([person(6)])).toEqual([true]);
  });

  it('adds in the caller’s transaction', async () => {
    const queue = queueAt({ now: start });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queue.add([{ queue: 'send', payload: {} }], trx);
        throw new Error('the data that caused it was not saved');
      }),
    ).rejects.toThrow();
    await database.db.transaction().execute((trx) => queue.add([{ queue: 'send', payload: { kept: true } }], trx));
    expect((await queue.list('pending')).length).toBe(1);
  });

  it('adds large numbers of jobs in one call', async () => {
    const queue = queueAt({ now: start });
    const added = await queue.add(Array.from({ length: 2_500 }, (_, n) => ({ queue: 'bulk', payload: n, dedupeKey: String(n % 2_000) })));
    expect(added.filter(Boolean).length).toBe(2_000);
    expect((await queue.stats())[0]).toMatchObject({ queue: 'bulk', pending: 2_000 });
  });

  it('does not hand out a job before its run_at', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    await queue.add([{ queue: 'later', payload: {}, runAt: new Date(start + 60_000) }]);
    expect(await queue.claim(['later'], 10, 30_000, 'w1')).toEqual([]);
    clock.now += 60_000;
    expect(await queue.claim(['later'], 10, 30_000, 'w1')).toHaveLength(1);
  });

  it('tries a failed job again after a growing backoff, then fails it for good', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    const backoff = { baseMs: 1_000, maxMs: 60_000 };
    await queue.add([{ queue: 'mail', payload: {}, maxAttempts: 3 }]);
    for (const attempt of [1, 2]) {
      const [job] = await queue.claim(['mail'], 1, 30_000, 'w1');
      expect(job!.attempts).toBe(attempt);
      expect(await queue.fail(job!, 'Notify answered 503', { backoff })).toBe('retry');
      const { state, run_at } = await stateOf(job!.id);
      const delay = run_at.getTime() - clock.now;
      expect(state).toBe('pending');
      expect(delay).toBeGreaterThanOrEqual(500 * 2 ** (attempt - 1));
      expect(delay).toBeLessThanOrEqual(1_000 * 2 ** (attempt - 1));
      expect(await queue.claim(['mail'], 1, 30_000, 'w1')).toEqual([]);
      clock.now += delay;
    }
    const [last] = await queue.claim(['mail'], 1, 30_000, 'w1');
    expect(await queue.fail(last!, 'Notify answered 503 for test@example.nl', { backoff })).toBe('failed');
    const [failed] = await queue.list('failed');
    expect(failed).toMatchObject({ id: last!.id, attempts: 3, maxAttempts: 3, lastError: 'Notify answered 503 for [e-mail]' });
    expect(await queue.claim(['mail'], 1, 30_000, 'w1')).toEqual([]);
  });

  it('adds a job for each row of a statement in that statement, none for a key already waiting', async () => {
    const queue = new JobQueue(database.db);
    await queue.add([{ queue: 'send', payload: { k: 'b', first: true }, dedupeKey: 'b' }]);
    await sql`
      with people as (select * from (values ('a'), ('b'), ('c')) as v(k))
      ${jobsForEach('people', { queue: 'send', payload: sql`jsonb_build_object('k', k)`, dedupeKey: sql<string>`k`, maxAttempts: 3 })}
      select 1`.execute(database.db);
    const jobs = await queue.claim(['send'], 10, 30_000, 'w1');
    expect(jobs.map((job) => [job.payload, job.maxAttempts]).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      [{ k: 'a' }, 3],
      [{ k: 'b', first: true }, 8],
      [{ k: 'c' }, 3],
    ]);
  });

  it('tries a job again at the moment its handler names instead of after the backoff', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    await queue.add([{ queue: 'mail', payload: {} }]);
    const [job] = await queue.claim(['mail'], 1, 30_000, 'w1');
    const retryAt = new Date(start + 2_500);
    expect(await queue.fail(job!, 'another worker holds it', { backoff: { baseMs: 60_000, maxMs: 60_000 }, retryAt })).toBe('retry');
    expect((await stateOf(job!.id)).run_at.getTime()).toBe(retryAt.getTime());
    clock.now += 2_499;
    expect(await queue.claim(['mail'], 1, 30_000, 'w1')).toEqual([]);
    clock.now += 1;
    expect(await queue.claim(['mail'], 1, 30_000, 'w1')).toMatchObject([{ id: job!.id, attempts: 2 }]);
  });

  it('caps the backoff', () => {
    for (let i = 0; i < 20; i++) {
      const delay = backoffMs(12, { baseMs: 1_000, maxMs: 5_000 });
      expect(delay).toBeGreaterThanOrEqual(2_500);
      expect(delay).toBeLessThanOrEqual(5_000);
    }
  });

  it('fails a job at once on a permanent error', async () => {
    const queue = queueAt({ now: start });
    await queue.add([{ queue: 'mail', payload: {} }]);
    const [job] = await queue.claim(['mail'], 1, 30_000, 'w1');
    expect(await queue.fail(job!, 'no such address', { permanent: true })).toBe('failed');
    expect(await stateOf(job!.id)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('lets an operator put a failed job back with all its attempts', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    await queue.add([{ queue: 'mail', payload: {}, maxAttempts: 1, dedupeKey: 'k' }]);
    const [job] = await queue.claim(['mail'], 1, 30_000, 'w1');
    await queue.fail(job!, 'boom');
    expect(await queue.retry(job!.id)).toBe(true);
    expect(await queue.retry(job!.id)).toBe(false); // no longer failed
    expect(await stateOf(job!.id)).toMatchObject({ state: 'pending', attempts: 0 });

    // A waiting job with the same key does the same work: the failed one stays failed.
    const [again] = await queue.claim(['mail'], 1, 30_000, 'w1');
    await queue.fail(again!, 'boom');
    await queue.add([{ queue: 'mail', payload: {}, dedupeKey: 'k' }]);
    expect(await queue.retry(again!.id)).toBe(false);
  });

  it('hands out again the jobs of a worker that died, once its lease has run out', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    await queue.add([{ queue: 'mail', payload: { n: 1 } }]);
    const [taken] = await queue.claim(['mail'], 10, 1_000, 'dies');
    clock.now += 999;
    expect(await queue.claim(['mail'], 10, 1_000, 'lives')).toEqual([]);
    clock.now += 1;
    const [again] = await queue.claim(['mail'], 10, 1_000, 'lives');
    expect(again).toMatchObject({ id: taken!.id, attempts: 2, payload: { n: 1 } });

    // The first worker wakes up after all: its failure does not disturb the new owner.
    await queue.fail(taken!, 'late');
    expect(await stateOf(taken!.id)).toMatchObject({ state: 'running', locked_by: 'lives' });
  });

  it('fails a job whose lease ran out on its last attempt', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    await queue.add([{ queue: 'mail', payload: {}, maxAttempts: 1 }]);
    const [job] = await queue.claim(['mail'], 10, 1_000, 'dies');
    clock.now += 1_000;
    expect(await queue.claim(['mail'], 10, 1_000, 'lives')).toEqual([]);
    expect((await stateOf(job!.id)).state).toBe('failed');
    expect((await stateOf(job!.id)).last_error).toContain('lease ran out');
  });

  it('lists, counts and purges', async () => {
    const clock = { now: start };
    const queue = queueAt(clock);
    await queue.add([
      { queue: 'mail', payload: 1, runAt: new Date(start - 30_000) },
      { queue: 'mail', payload: 2 },
      { queue: 'mail', payload: 3, runAt: new Date(start + 60_000) },
      { queue: 'sms', payload: 4 },
    ]);
    const [sms] = await queue.claim(['sms'], 1, 30_000, 'w1');
    expect(await queue.stats()).toEqual([
      { queue: 'mail', pending: 3, running: 0, failed: 0, oldestPendingSeconds: 30 },
      { queue: 'sms', pending: 0, running: 1, failed: 0, oldestPendingSeconds: null },
    ]);
    const pending = await queue.list('pending', { queue: 'mail', limit: 2 });
    expect(pending.map((job) => job.runAt.getTime())).toEqual([start - 30_000, start]);
    expect(pending[0]).toMatchObject({ queue: 'mail', state: 'pending', attempts: 0, maxAttempts: 8, lastError: null });
    expect(await queue.list('running')).toMatchObject([{ id: sms!.id, queue: 'sms' }]);

    const mail = await queue.claim(['mail'], 10, 30_000, 'w1');
    await queue.complete(mail.map((job) => job.id));
    clock.now += 3_600_000;
    await queue.complete([sms!.id]);
    expect(await queue.purge(new Date(clock.now))).toBe(2);
    expect(await database.db.selectFrom('jobs').select('state').orderBy('id').execute()).toEqual([{ state: 'pending' }, { state: 'done' }]);
  });
});

describe('a worker', () => {
  it('gives each queue its batches, records the outcomes, and stops cleanly', async () => {
    const metrics = new Metrics();
    const queue = new JobQueue(database.db, { metrics });
    const seen: number[][] = [];
    const worker = new Worker(
      queue,
      {
        mail: async (jobs: ClaimedJob[]) => {
          seen.push(jobs.map((job) => (job.payload as { n: number }).n));
          return jobs.map((job): JobOutcome => {
            const { n } = job.payload as { n: number };
            return n === 2 ? { ok: false, error: 'no such address', permanent: true } : n === 3 ? { ok: false, error: 'try later' } : { ok: true };
          });
        },
        broken: async () => {
          throw new Error('the handler crashed');
        },
      },
      { batchSize: 10, pollMs: 50, log: silent, metrics },
    );
    worker.start();
    await queue.add([1, 2, 3, 4].map((n) => ({ queue: 'mail', payload: { n } })).concat([{ queue: 'broken', payload: { n: 5 } }]));
    worker.wake();
    await worker.drain();
    await worker.stop();

    expect(seen.flat().sort()).toEqual([1, 2, 3, 4]);
    const states = await database.db
      .selectFrom('jobs')
      .select(['queue', 'state', sql<number>`payload->'n'`.as('n')])
      .orderBy('id')
      .execute();
    expect(states.map((row) => row.state)).toEqual(['done', 'failed', 'pending', 'done', 'pending']);

    const text = await metrics.registry.metrics();
    expect(text).toContain('voordeur_jobs_total{queue="mail",outcome="done"} 2');
    expect(text).toContain('voordeur_jobs_total{queue="mail",outcome="failed"} 1');
    expect(text).toContain('voordeur_jobs_total{queue="broken",outcome="retry"} 1');
    expect(text).toContain('voordeur_job_duration_seconds_count{queue="mail"} 1');
    expect(text).toContain('voordeur_job_queue_depth{queue="mail",state="pending"} 1');
    expect(text).toContain('voordeur_job_queue_depth{queue="mail",state="failed"} 1');
    expect(text).toMatch(/voordeur_job_oldest_pending_seconds\{queue="mail"\} 0/);
  });

  it('finishes the batch in hand when stopped, and claims no more', async () => {
    const queue = new JobQueue(database.db);
    const slow = gatedHandler();
    const worker = new Worker(queue, { slow: slow.handler }, { pollMs: 10, log: silent });
    await queue.add([{ queue: 'slow', payload: 1 }]);
    worker.start();
    await slow.started;
    const stopped = worker.stop();
    await queue.add([{ queue: 'slow', payload: 2 }]);
    slow.release();
    await stopped;
    const rows = await database.db.selectFrom('jobs').select('state').orderBy('id').execute();
    expect(rows.map((row) => row.state)).toEqual(['done', 'pending']);
  });

  it('claims each lane apart, in its own batch size: a slow queue does not hold up the others', async () => {
    const queue = new JobQueue(database.db);
    const slow = gatedHandler();
    const quick: number[][] = [];
    const allQuick = signal();
    const worker = new Worker(
      queue,
      {
        slow: slow.handler,
        quick: async (jobs) => {
          quick.push(jobs.map((job) => job.payload as number));
          if (quick.flat().length === 5) allQuick.resolve();
          return jobs.map(() => ({ ok: true }));
        },
      },
      {
        pollMs: 10,
        log: silent,
        lanes: [
          { queues: ['slow'], batchSize: 1 },
          { queues: ['quick'], batchSize: 2 },
        ],
      },
    );
    await queue.add([
      { queue: 'slow', payload: 1 },
      { queue: 'slow', payload: 2 },
    ]);
    worker.start();
    await slow.started;
    // Added while the slow batch is in hand: handled meanwhile, two at a time.
    await queue.add([1, 2, 3, 4, 5].map((n) => ({ queue: 'quick', payload: n })));
    worker.wake();
    await allQuick.promise;
    expect(quick).toEqual([[1, 2], [3, 4], [5]]);
    // The slow lane has one batch of one in hand, and its second job still waits.
    expect((await queue.list('running')).filter((job) => job.queue === 'slow')).toHaveLength(1);
    expect((await queue.list('pending')).filter((job) => job.queue === 'slow')).toHaveLength(1);
    slow.release();
    await worker.drain();
    await worker.stop();
    const rows = await database.db.selectFrom('jobs').select('state').execute();
    expect(rows.map((row) => row.state)).toEqual(Array(7).fill('done'));
  });

  it('wakes the other lanes when a batch may have added jobs for them', async () => {
    const queue = new JobQueue(database.db);
    const second = signal<number>();
    const worker = new Worker(
      queue,
      {
        first: async (jobs) => {
          await queue.add([{ queue: 'second', payload: 'next' }]);
          return jobs.map(() => ({ ok: true }));
        },
        second: async (jobs) => {
          second.resolve(Date.now());
          return jobs.map(() => ({ ok: true }));
        },
      },
      // Without the wake-up the second lane would look again only after a minute.
      { pollMs: 60_000, log: silent, lanes: [{ queues: ['first'] }, { queues: ['second'] }] },
    );
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // both lanes found nothing and wait
    const added = Date.now();
    await queue.add([{ queue: 'first', payload: 'go' }]);
    worker.wake();
    expect((await second.promise) - added).toBeLessThan(5_000);
    await worker.stop();
  });

  it('when idle asks once per lane per poll interval, and has all its batches in hand when there is a backlog', async () => {
    const queue = new JobQueue(database.db);
    const claims = new Map<string, number>();
    const claim = queue.claim.bind(queue);
    queue.claim = (queues, ...rest) => {
      claims.set(queues.join(), (claims.get(queues.join()) ?? 0) + 1);
      return claim(queues, ...rest);
    };
    let inHand = 0;
    let most = 0;
    const done = signal();
    let handled = 0;
    const slow = async (jobs: ClaimedJob[]): Promise<JobOutcome[]> => {
      most = Math.max(most, ++inHand);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inHand--;
      handled += jobs.length;
      if (handled === 12) done.resolve();
      return jobs.map(() => ({ ok: true }));
    };
    const pollMs = 20;
    const worker = new Worker(
      queue,
      { a: slow, b: slow },
      {
        pollMs,
        log: silent,
        lanes: [
          { queues: ['a'], batchSize: 2, concurrency: 3 },
          { queues: ['b'], concurrency: 3 },
        ],
      },
    );
    worker.start();
    const idleFrom = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Three loops per lane, but one of them looks: at most one claim per interval (and the first of each loop).
    const allowed = (Date.now() - idleFrom) / pollMs + 3;
    expect(claims.get('a')).toBeLessThanOrEqual(allowed);
    expect(claims.get('b')).toBeLessThanOrEqual(allowed);

    await queue.add(Array.from({ length: 12 }, (_, n) => ({ queue: 'a', payload: n })));
    await done.promise;
    expect(most).toBe(3);
    await worker.stop();
  });

  it('wakes only the lane of the queue it is asked to wake', async () => {
    const queue = new JobQueue(database.db);
    const handled: string[] = [];
    const record = async (jobs: ClaimedJob[]) => {
      handled.push(...jobs.map((job) => job.queue));
      return jobs.map((): JobOutcome => ({ ok: true }));
    };
    const worker = new Worker(
      queue,
      { first: record, second: record },
      { pollMs: 60_000, log: silent, lanes: [{ queues: ['first'] }, { queues: ['second'] }] },
    );
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // both lanes found nothing and wait
    // Added by another process (add() in this one wakes the lane itself).
    await sql`insert into jobs (queue, payload, state, run_at, max_attempts) values ('second', '1', 'pending', now(), 8)`.execute(database.db);
    worker.wake('first');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(handled).toEqual([]);
    worker.wake('second');
    await expect.poll(() => handled, { timeout: 5_000 }).toEqual(['second']);
    await worker.stop();
  });

  it('looks at once when a job is added in this process', async () => {
    const queue = new JobQueue(database.db);
    const handled: unknown[] = [];
    const record = async (jobs: ClaimedJob[]) => {
      handled.push(...jobs.map((job) => job.payload));
      return jobs.map((): JobOutcome => ({ ok: true }));
    };
    const worker = new Worker(queue, { mail: record }, { pollMs: 60_000, log: silent });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // found nothing, waits a minute
    await queue.add([{ queue: 'mail', payload: 'now' }]);
    await expect.poll(() => handled, { timeout: 2_000 }).toEqual(['now']);
    await worker.stop();
  });

  it('on a database only it uses (idleMaxMs), asks again when the next job is due instead of every poll interval', async () => {
    const queue = new JobQueue(database.db);
    const claims = new Map<string, number>();
    const claim = queue.claim.bind(queue);
    queue.claim = (queues, ...rest) => {
      claims.set(queues.join(), (claims.get(queues.join()) ?? 0) + 1);
      return claim(queues, ...rest);
    };
    const handled: unknown[] = [];
    const record = async (jobs: ClaimedJob[]) => {
      handled.push(...jobs.map((job) => job.payload));
      return jobs.map((): JobOutcome => ({ ok: true }));
    };
    // Due in 400 ms, added as another process would (no wake).
    await sql`insert into jobs (queue, payload, state, run_at, max_attempts) values ('later', '"due"', 'pending', now() + interval '400 milliseconds', 8)`.execute(
      database.db,
    );
    const worker = new Worker(
      queue,
      { later: record, idle: record },
      { pollMs: 10, idleMaxMs: 5_000, log: silent, lanes: [{ queues: ['later'] }, { queues: ['idle'] }] },
    );
    const startedAt = Date.now();
    worker.start();
    await expect.poll(() => handled, { timeout: 3_000 }).toEqual(['due']);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(350);
    // Polling every 10 ms would have been some 40 claims per lane by now.
    expect(claims.get('later')).toBeLessThanOrEqual(4);
    expect(claims.get('idle')).toBeLessThanOrEqual(3); // the first, the one after the wait, and one when the other lane's batch was handled
    await worker.stop();
  });

  it('refuses a lane with a queue it has no handler for', () => {
    expect(
      () =>
        new Worker(new JobQueue(database.db), { mail: async (jobs) => jobs.map(() => ({ ok: true })) }, { log: silent, lanes: [{ queues: ['mail', 'sms'] }] }),
    ).toThrow('worker: no handler for queue sms');
  });
});
