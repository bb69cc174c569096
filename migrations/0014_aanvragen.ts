import { sql, type Kysely } from 'kysely';

/**
 * Aanvragen (features/aanvragen): an aanvraag is a concept while the person fills in its form
 * (bound to who logged in: `owner_key`, the keyed hash of the subject and the gemachtigde), and is
 * `ontvangen` once sent: then it has a kenmerk and the moment of receipt, and it is delivered to the
 * back office by a job, each step's result (object, zaak, rol, documents) written here before the
 * next step, so that a retry after a crash creates nothing twice. The answers and the subject are
 * sealed with the identity keys; the files of the form are kept with it until delivered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table aanvragen (
      id text primary key,
      owner_key text not null,
      subject_key text not null,
      subject text not null,
      producttype text not null,
      titel text not null,
      status text not null check (status in ('concept', 'ontvangen')),
      stap integer not null default 1,
      antwoorden text not null,
      kenmerk text unique,
      route text check (route in ('objecten', 'zaken')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      gewaarschuwd_at timestamptz,
      ontvangen_at timestamptz,
      object_url text,
      zaak_url text,
      rol_url text,
      afgeleverd_at timestamptz
    )`.execute(db);
  await sql`create index aanvragen_owner on aanvragen (owner_key, status)`.execute(db);
  await sql`create index aanvragen_subject on aanvragen (subject_key, status)`.execute(db);
  await sql`create index aanvragen_concept_updated on aanvragen (updated_at) where status = 'concept'`.execute(db);
  await sql`create index aanvragen_niet_afgeleverd on aanvragen (ontvangen_at) where status = 'ontvangen' and afgeleverd_at is null`.execute(db);
  await sql`
    create table aanvraag_bestanden (
      aanvraag text not null references aanvragen (id) on delete cascade,
      veld text not null,
      volgnummer integer not null,
      bestandsnaam text not null,
      formaat text not null,
      grootte integer not null,
      inhoud text not null,
      document_url text,
      primary key (aanvraag, veld, volgnummer)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table aanvraag_bestanden`.execute(db);
  await sql`drop table aanvragen`.execute(db);
}
