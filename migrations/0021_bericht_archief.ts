import { sql, type Kysely } from 'kysely';

/**
 * Archiving in Mijn berichten: a person moves a bericht out of their inbox and back.
 * - organisatie_berichten.archived_at: a pushed bericht's own archive state (Voordeur holds it).
 * - bericht_archief: the archive state of berichten Voordeur does not hold (the Objecten API's
 *   Bericht type has no field for it), per person: the keyed hash of the subject and the
 *   bericht's uuid in its store. A row is an archived bericht; taking it back out deletes the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisatie_berichten add column archived_at timestamptz`.execute(db);
  await sql`
    create table bericht_archief (
      subject_key text not null,
      bericht_uuid text not null,
      archived_at timestamptz not null default now(),
      primary key (subject_key, bericht_uuid)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table bericht_archief`.execute(db);
  await sql`alter table organisatie_berichten drop column archived_at`.execute(db);
}
