import { sql, type Kysely } from 'kysely';

/**
 * The senders of a person's pushed berichten (migration 0032) read from their index alone: its key
 * holds the first publicatiedatum too (`include`), so the sender filter of Mijn berichten no longer
 * fetches a table row per sender. A company whose three keys got berichten from 50 organisations
 * read 150 rows, each on a page of its own (164 buffers, a few ms when not in memory); now it reads
 * a few index pages. The batches that add berichten update a sender's row only when they bring an
 * earlier publicatiedatum (organisatie-berichten.ts), so its rows stay visible to index-only scans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organisatie_afzenders
      drop constraint organisatie_afzenders_pkey,
      add constraint organisatie_afzenders_pkey primary key (recipient_key, organisatie_id) include (eerste_publicatie)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organisatie_afzenders
      drop constraint organisatie_afzenders_pkey,
      add constraint organisatie_afzenders_pkey primary key (recipient_key, organisatie_id)`.execute(db);
}
