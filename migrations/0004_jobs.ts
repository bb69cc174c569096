import { sql, type Kysely } from 'kysely';

/**
 * The job queue (docs/decisions/0005-job-queue.md): work to do later or elsewhere, such as
 * sending notifications. A worker claims due jobs with FOR UPDATE SKIP LOCKED and holds them for
 * a lease; a job whose lease ran out (its worker died) is claimed again. Every index below is
 * partial, so that the done jobs kept for a while cost the claim query nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id bigint generated always as identity primary key,
      queue text not null,
      payload jsonb not null,
      dedupe_key text,
      state text not null default 'pending' check (state in ('pending', 'running', 'done', 'failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null check (max_attempts > 0),
      locked_until timestamptz,
      locked_by text,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  // At most one job per key that has not started yet: it absorbs what is added meanwhile. A job
  // that has started (or waits for a retry) no longer does, so new work gets a job of its own.
  await sql`create unique index jobs_dedupe on jobs (queue, dedupe_key) where state = 'pending' and attempts = 0`.execute(db);
  // The claim query: due jobs of a queue, oldest first; and running jobs whose lease ran out.
  await sql`create index jobs_due on jobs (queue, run_at) where state = 'pending'`.execute(db);
  await sql`create index jobs_leased on jobs (locked_until) where state = 'running'`.execute(db);
  // The operator's list of failed jobs, and the purge of done ones.
  await sql`create index jobs_failed on jobs (queue, finished_at) where state = 'failed'`.execute(db);
  await sql`create index jobs_done on jobs (finished_at) where state = 'done'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table jobs`.execute(db);
}
