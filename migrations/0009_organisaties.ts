import { sql, type Kysely } from 'kysely';

/**
 * Organisations that push berichten to Voordeur (the organisation API), and what they pushed.
 *
 * - `organisaties`: one row per connected organisation, with the public keys (a JWKS) its client
 *   assertions are signed with.
 * - `organisatie_assertions`: the `jti` of every client assertion used, so that none is used twice
 *   (kept until the assertion expires).
 * - `organisatie_berichten`: every row carries `recipient_key`, the keyed hash of the recipient (as
 *   the notification tables do), and `recipient`, the recipient sealed with the identity keys (to
 *   tell them); `(organisatie_id, bericht_id)` is unique: the organisation's id makes a resend idempotent.
 * - `organisatie_bijlagen`: the PDF attachments, in the database (at most 2 × 500 kB per bericht).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisaties (
      id text primary key,
      naam text not null,
      jwks jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table organisatie_assertions (
      organisatie_id text not null,
      jti text not null,
      expires_at timestamptz not null,
      primary key (organisatie_id, jti)
    )`.execute(db);
  await sql`
    create table organisatie_berichten (
      id uuid primary key,
      organisatie_id text not null references organisaties (id),
      bericht_id text not null,
      recipient_key text not null,
      recipient text not null,
      onderwerp text not null,
      tekst text not null,
      referentie text,
      handelingsperspectief text,
      einddatum_handelingstermijn text,
      publicatiedatum timestamptz not null,
      received_at timestamptz not null default now(),
      opened_at timestamptz,
      unique (organisatie_id, bericht_id)
    )`.execute(db);
  await sql`create index organisatie_berichten_recipient on organisatie_berichten (recipient_key, publicatiedatum desc)`.execute(db);
  await sql`
    create table organisatie_bijlagen (
      bericht_uuid uuid not null references organisatie_berichten (id) on delete cascade,
      index smallint not null,
      bestandsnaam text not null,
      content bytea not null,
      primary key (bericht_uuid, index)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table organisatie_bijlagen`.execute(db);
  await sql`drop table organisatie_berichten`.execute(db);
  await sql`drop table organisatie_assertions`.execute(db);
  await sql`drop table organisaties`.execute(db);
}
