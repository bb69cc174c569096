import { sql, type Kysely } from 'kysely';

/**
 * The ontvangstbevestiging of a question asked with "Stel een vraag", as a bericht in Mijn
 * berichten: one row per klantcontact registered in Open Klant (its UUID, so one question has one
 * confirmation however often the form is sent), for the person (the keyed hash of the subject),
 * with what it says sealed. Kept as berichten are; unlike vraag_verzendingen (the forms' one-time
 * tokens, kept a day).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table vraag_bevestigingen (
      klantcontact text primary key,
      subject_key text not null,
      kenmerk text not null,
      inhoud text not null,
      ontvangen_at timestamptz not null,
      geopend_at timestamptz
    )
  `.execute(db);
  await sql`create index vraag_bevestigingen_subject on vraag_bevestigingen (subject_key, ontvangen_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table vraag_bevestigingen`.execute(db);
}
