import { sql, type Kysely } from 'kysely';

/**
 * "Stel een vraag" sent once per form: each form carries a one-time token, and the first request
 * with it claims it here (keyed hash of who asked and the token); a second press or a resubmission
 * after "back" finds the klantcontact the first one registered. Kept a day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table vraag_verzendingen (
      sleutel text primary key,
      klantcontact text,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index vraag_verzendingen_created_at on vraag_verzendingen (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table vraag_verzendingen`.execute(db);
}
