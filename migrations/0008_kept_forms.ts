import { sql, type Kysely } from 'kysely';

/**
 * The answers of a form sent after its session had expired, kept (encrypted) for a short time so
 * that the person can send them after logging in again. `id` is the SHA-256 of the token in the
 * browser's cookie; `owner_key` the keyed hash of who had logged in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kept_forms (
      id text primary key,
      owner_key text not null,
      form text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index kept_forms_created_at on kept_forms (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table kept_forms`.execute(db);
}
