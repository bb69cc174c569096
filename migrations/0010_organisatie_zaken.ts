import { sql, type Kysely } from 'kysely';

/**
 * Lopende zaken that organisations push through the organisation API: the zaak (with its process
 * steps in order) and the statussen it went through. As with their berichten, rows are found by
 * the keyed hash of the recipient, the recipient kept sealed, and `(organisatie_id, zaak_id)` is
 * the organisation's own id: a PUT of the same zaak changes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisatie_zaken (
      id uuid primary key,
      organisatie_id text not null references organisaties (id),
      zaak_id text not null,
      recipient_key text not null,
      recipient text not null,
      titel text not null,
      soort text,
      toelichting text,
      stappen jsonb not null,
      startdatum text not null,
      einddatum_gepland text,
      einddatum text,
      resultaat text,
      updated_at timestamptz not null default now(),
      unique (organisatie_id, zaak_id)
    )`.execute(db);
  await sql`create index organisatie_zaken_recipient on organisatie_zaken (recipient_key)`.execute(db);
  await sql`
    create table organisatie_zaak_statussen (
      id bigint generated always as identity primary key,
      zaak_uuid uuid not null references organisatie_zaken (id) on delete cascade,
      stap integer not null,
      datum timestamptz not null,
      toelichting text
    )`.execute(db);
  await sql`create index organisatie_zaak_statussen_zaak on organisatie_zaak_statussen (zaak_uuid, datum)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table organisatie_zaak_statussen`.execute(db);
  await sql`drop table organisatie_zaken`.execute(db);
}
