import { sql, type Kysely } from 'kysely';

/** The language someone wants messages in: the language of the portal when they last saved their notification choices. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subject_languages (
      subject_key text primary key,
      lang text not null check (lang in ('nl', 'en')),
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table subject_languages`.execute(db);
}
