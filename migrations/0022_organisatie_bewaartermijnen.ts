import { sql, type Kysely } from 'kysely';

/**
 * Retention of pushed berichten (docs/organisaties.md), per organisation and per bericht type.
 * - organisatie_berichten.bericht_type: the organisation's own kind of bericht (optional).
 * - organisatie_bewaartermijnen: how many days after its publicatiedatum a bericht of this
 *   organisation (and type; '' for every type without a term of its own) is deleted, with its
 *   attachments. An organisation without a row keeps its berichten.
 * - an index on (organisatie_id, publicatiedatum) for the clean-up job's search.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisatie_berichten add column bericht_type text`.execute(db);
  await sql`
    create table organisatie_bewaartermijnen (
      organisatie_id text not null references organisaties (id) on delete cascade,
      bericht_type text not null default '',
      dagen integer not null check (dagen between 1 and 36500),
      primary key (organisatie_id, bericht_type)
    )`.execute(db);
  await sql`create index organisatie_berichten_publicatie on organisatie_berichten (organisatie_id, publicatiedatum)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index organisatie_berichten_publicatie`.execute(db);
  await sql`drop table organisatie_bewaartermijnen`.execute(db);
  await sql`alter table organisatie_berichten drop column bericht_type`.execute(db);
}
