import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sessions (
      id text primary key,
      subject_key text not null,
      identity jsonb not null,
      csrf_token text not null,
      id_token text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_last_seen_at on sessions (last_seen_at)`.execute(db);
  await sql`create index sessions_subject_key on sessions (subject_key)`.execute(db);
  await sql`
    create table login_attempts (
      state_hash text primary key,
      code_verifier text not null,
      nonce text not null,
      method text not null,
      return_to text,
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_attempts`.execute(db);
  await sql`drop table sessions`.execute(db);
}
