/**
 * A durable job queue in the `jobs` table (docs/decisions/0005-job-queue.md). Jobs are added in
 * the caller's transaction if it likes, claimed in batches with FOR UPDATE SKIP LOCKED (so
 * several workers never get the same job) and held for a lease: when a worker dies, its jobs
 * are claimed again once the lease has run out. A job is therefore done at least once, and may
 * be done twice: handlers must be idempotent.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import type { Metrics } from '../metrics.ts';
import { redactText } from '../logging.ts';
import { jobMetrics, type JobMetrics, type QueueStats } from './metrics.ts';

export interface JobInput {
  queue: string;
  payload: unknown;
  /** Not before this moment; default now. */
  runAt?: Date;
  /**
   * Jobs with the same queue and key are interchangeable: while one of them waits and has not
   * started, adding another does nothing. Use it to bundle ("one send job per person").
   */
  dedupeKey?: string;
  /** Default 8. */
  maxAttempts?: number;
}

export interface ClaimedJob<P = unknown> {
  id: string;
  queue: string;
  payload: P;
  /** Including this one. */
  attempts: number;
  maxAttempts: number;
}

export interface JobSummary {
  id: string;
  queue: string;
  state: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  createdAt: Date;
}

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

const defaultMaxAttempts = 8;
/** 30 s, 1, 2, 4, 8, 16, 32 min (each between half and all of that): about an hour in all. */
const defaultBackoff: Backoff = { baseMs: 30_000, maxMs: 3_600_000 };
const insertChunk = 1_000;
const purgeChunk = 10_000;
const maxErrorLength = 2_000;

/** The wait before attempt `attempts + 1`: base·2^(attempts−1), capped, then between half and all of it. */
export function backoffMs(attempts: number, { baseMs, maxMs }: Backoff): number {
  const full = Math.min(maxMs, baseMs * 2 ** (attempts - 1));
  return Math.round(full / 2 + (Math.random() * full) / 2);
}

/**
 * For a caller that writes its own rows and a job for each of them in one statement (one round
 * trip, atomic without a transaction): the insert of one job per row of `rows`, a common table
 * expression of that statement, with the payload (and dedupe key and start) computed from its
 * columns. A job whose dedupe key is already waiting is not added, as with `add`; that waiting job
 * is locked until the statement's transaction ends, so no worker claims it meanwhile (`claim`
 * passes over locked jobs): a job claimed before the commit would not see the rows this statement
 * wrote, and with no job of their own added they would wait for the next one (rows left unsent).
 *
 *   with stored as (insert into … returning id)
 *   ${jobsForEach('stored', { queue: 'q', payload: sql`jsonb_build_object('id', id)` })}
 *   select id from stored
 */
export function jobsForEach(
  rows: string,
  job: { queue: string; payload: RawBuilder<unknown>; dedupeKey?: RawBuilder<string>; runAt?: RawBuilder<Date>; maxAttempts?: number },
): RawBuilder<unknown> {
  return sql`, ${sql.id(`${rows}_jobs`)} as (
    insert into jobs (queue, payload, dedupe_key, state, run_at, max_attempts)
    select ${job.queue}, ${job.payload}, ${job.dedupeKey ?? sql`null`}, 'pending', ${job.runAt ?? sql`now()`}, ${job.maxAttempts ?? defaultMaxAttempts}::int
    from ${sql.table(rows)}
    ${
      job.dedupeKey
        ? // A no-op update of the waiting job (the partial unique index of migration 0004) only to lock it; in the
          // order of the key, so that two such statements lock the jobs they share in the same order (no deadlock).
          sql`order by ${job.dedupeKey} on conflict (queue, dedupe_key) where state = 'pending' and attempts = 0 do update set run_at = jobs.run_at`
        : sql`on conflict do nothing`
    }
  )`;
}

export class JobQueue {
  private readonly clock: (() => Date) | undefined;
  private readonly addedListeners = new Set<(queues: string[]) => void>();
  private readonly metrics: JobMetrics | undefined;

  /** Without `now`, times come from the database's clock, which all worker processes share. */
  constructor(
    private readonly db: Db,
    options: { metrics?: Metrics; now?: () => Date } = {},
  ) {
    this.clock = options.now;
    this.metrics = options.metrics && jobMetrics(options.metrics, () => this.stats());
  }

  /**
   * Adds jobs, in `trx` when given (so a job exists exactly when the data that caused it does).
   * Per job: true when added, false when a job with its dedupe key was already waiting.
   */
  async add(jobs: JobInput[], trx?: Kysely<Database>): Promise<boolean[]> {
    const addAll = async (db: Kysely<Database>) => {
      const added: boolean[] = [];
      for (let i = 0; i < jobs.length; i += insertChunk) added.push(...(await this.insert(db, jobs.slice(i, i + insertChunk))));
      return added;
    };
    const added = trx || jobs.length <= insertChunk ? await addAll(trx ?? this.db) : await this.db.transaction().execute(addAll);
    // A worker of this process looks at once (in a transaction: its claim waits for the commit on PGlite, and polls again on PostgreSQL).
    const queues = [...new Set(jobs.filter((_, i) => added[i]).map((job) => job.queue))];
    if (queues.length > 0) for (const listener of this.addedListeners) listener(queues);
    return added;
  }

  /** `listener` hears of the queues that got jobs through `add` in this process (a worker wakes). */
  onAdded(listener: (queues: string[]) => void): void {
    this.addedListeners.add(listener);
  }

  private async insert(db: Kysely<Database>, jobs: JobInput[]): Promise<boolean[]> {
    if (jobs.length === 0) return [];
    const rows = await db
      .insertInto('jobs')
      .values(
        jobs.map((job) => ({
          queue: job.queue,
          payload: JSON.stringify(job.payload ?? null),
          dedupe_key: job.dedupeKey ?? null,
          state: 'pending' as const,
          run_at: job.runAt ?? this.now(),
          max_attempts: job.maxAttempts ?? defaultMaxAttempts,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['queue', 'dedupe_key'])
      .execute();
    const keyOf = (queue: string, key: string) => JSON.stringify([queue, key]);
    const added = new Set(rows.flatMap((row) => (row.dedupe_key === null ? [] : [keyOf(row.queue, row.dedupe_key)])));
    // Two jobs with one key in the same call: the first is added, the second is not.
    return jobs.map((job) => job.dedupeKey === undefined || added.delete(keyOf(job.queue, job.dedupeKey)));
  }

  /**
   * Claims up to `limit` due jobs of these queues for `leaseMs`, oldest first, together with
   * running jobs whose lease ran out (their worker died or hung). Such a job that has had all
   * its attempts fails instead, so that a job that kills its worker is not tried for ever.
   */
  async claim(queues: string[], limit: number, leaseMs: number, workerId: string): Promise<ClaimedJob[]> {
    const now = this.now();
    const exhausted = await sql<{ queue: string }>`
      update jobs set state = 'failed', finished_at = ${now}, locked_until = null, locked_by = null,
        last_error = 'the lease ran out during the last attempt: its worker stopped or took too long'
      where id in (
        select id from jobs
        where state = 'running' and locked_until <= ${now} and attempts >= max_attempts and queue = any(${queues}::text[])
        for update skip locked)
      returning queue`.execute(this.db);
    this.count(exhausted.rows, 'failed');

    // The due jobs are looked up per queue, so that each lookup reads the (queue, run_at) index in order.
    const { rows } = await sql<ClaimedJob>`
      with expired as materialized (
        select id from jobs
        where state = 'running' and locked_until <= ${now} and attempts < max_attempts and queue = any(${queues}::text[])
        order by locked_until limit ${limit}
        for update skip locked
      ), due as materialized (
        select j.id from unnest(${queues}::text[]) as q(name)
        cross join lateral (
          select id, run_at from jobs
          where state = 'pending' and queue = q.name and run_at <= ${now}
          order by run_at limit ${limit}
          for update skip locked
        ) j
        order by j.run_at limit ${limit}
      )
      update jobs set state = 'running', attempts = attempts + 1, locked_until = ${this.later(now, leaseMs)}, locked_by = ${workerId}
      where id in (select id from expired union all select id from due limit ${limit})
      returning id::text as id, queue, payload, attempts, max_attempts as "maxAttempts"`.execute(this.db);
    return rows;
  }

  /**
   * How long until a job of these queues can be claimed (a waiting job's run_at, a running job's
   * lease end), in ms from now (0 when one can be now); null when there is none.
   */
  async nextDueInMs(queues: string[]): Promise<number | null> {
    const { rows } = await sql<{ ms: number | null }>`
      select (extract(epoch from (min(t) - ${this.now()})) * 1000)::float8 as ms from (
        select (select min(run_at) from jobs where state = 'pending' and queue = q.name) as t from unnest(${queues}::text[]) as q(name)
        union all
        select min(locked_until) from jobs where state = 'running' and queue = any(${queues}::text[])
      ) due`.execute(this.db);
    const ms = rows[0]?.ms;
    // No job at all: null (min over nothing); one due already: 0.
    return ms === null || ms === undefined ? null : Math.max(0, Number(ms));
  }

  /** Marks claimed jobs done. Done jobs stay until `purge`. */
  async complete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.db
      .updateTable('jobs')
      .set({ state: 'done', finished_at: this.now(), locked_until: null, locked_by: null })
      .where(sql<boolean>`id = any(${ids}::bigint[])`)
      .where('state', '=', 'running')
      .returning('queue')
      .execute();
    this.count(rows, 'done');
  }

  /**
   * A claimed job did not succeed: it is tried again after a backoff (or at `retryAt`), or fails
   * for good when it has had all its attempts or the error is `permanent`. Failed jobs wait for
   * an operator (`retry`).
   */
  async fail(job: ClaimedJob, error: string, options: { permanent?: boolean; backoff?: Backoff; retryAt?: Date } = {}): Promise<'retry' | 'failed'> {
    const outcome = options.permanent || job.attempts >= job.maxAttempts ? 'failed' : 'retry';
    const now = this.now();
    const result = await this.db
      .updateTable('jobs')
      .set({
        locked_until: null,
        locked_by: null,
        // Errors of outside services may quote an address or a number.
        last_error: redactText(error).slice(0, maxErrorLength),
        ...(outcome === 'failed'
          ? { state: 'failed', finished_at: now }
          : { state: 'pending', run_at: options.retryAt ?? this.later(now, backoffMs(job.attempts, options.backoff ?? defaultBackoff)) }),
      })
      .where('id', '=', job.id)
      .where('state', '=', 'running')
      // Not when its lease ran out and another worker has it now.
      .where('attempts', '=', job.attempts)
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) this.count([job], outcome);
    return outcome;
  }

  /**
   * An operator puts a failed job back, with all its attempts. False when it is not failed, or
   * when a waiting job with the same dedupe key will do the same work anyway.
   */
  async retry(id: string): Promise<boolean> {
    const result = await sql`
      update jobs j set state = 'pending', attempts = 0, run_at = ${this.now()}, finished_at = null
      where id = ${id} and state = 'failed'
        and not exists (
          select 1 from jobs w
          where w.queue = j.queue and w.dedupe_key = j.dedupe_key and w.state = 'pending' and w.attempts = 0)`.execute(this.db);
    return (result.numAffectedRows ?? 0n) > 0n;
  }

  /** Pending jobs in the order they will run, running ones by lease, failed ones latest first. */
  async list(state: 'pending' | 'failed' | 'running', options: { queue?: string; limit?: number } = {}): Promise<JobSummary[]> {
    const order = { pending: 'run_at', running: 'locked_until', failed: 'finished_at' } as const;
    let query = this.db
      .selectFrom('jobs')
      .select([
        sql<string>`id::text`.as('id'),
        'queue',
        'state',
        'attempts',
        'max_attempts as maxAttempts',
        'run_at as runAt',
        'last_error as lastError',
        'created_at as createdAt',
      ])
      .where('state', '=', state)
      .orderBy(order[state], state === 'failed' ? 'desc' : 'asc')
      .limit(options.limit ?? 100);
    if (options.queue !== undefined) query = query.where('queue', '=', options.queue);
    return query.execute();
  }

  /** Per queue that has jobs not done. */
  async stats(): Promise<QueueStats[]> {
    const now = this.now();
    // Written as ORs, so that each state is read from its own partial index, never the done jobs.
    const { rows } = await sql<QueueStats>`
      select queue,
        count(*) filter (where state = 'pending')::int as pending,
        count(*) filter (where state = 'running')::int as running,
        count(*) filter (where state = 'failed')::int as failed,
        extract(epoch from ${now} - min(run_at) filter (where state = 'pending' and run_at <= ${now}))::float8 as "oldestPendingSeconds"
      from jobs
      where state = 'pending' or state = 'running' or state = 'failed'
      group by queue
      order by queue`.execute(this.db);
    return rows;
  }

  /** Removes done jobs that finished before `olderThan`, in chunks; returns how many. */
  async purge(olderThan: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await sql`
        delete from jobs where id in (
          select id from jobs where state = 'done' and finished_at < ${olderThan} limit ${purgeChunk})`.execute(this.db);
      const removed = Number(result.numAffectedRows ?? 0n);
      total += removed;
      if (removed < purgeChunk) return total;
    }
  }

  private now(): RawBuilder<Date> {
    return this.clock ? sql<Date>`${this.clock()}::timestamptz` : sql<Date>`now()`;
  }

  private later(now: RawBuilder<Date>, ms: number): RawBuilder<Date> {
    return sql<Date>`${now} + make_interval(secs => ${ms / 1000}::float8)`;
  }

  private count(jobs: { queue: string }[], outcome: 'done' | 'retry' | 'failed'): void {
    for (const job of jobs) this.metrics?.jobs.inc({ queue: job.queue, outcome });
  }
}
