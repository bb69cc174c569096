import { sql, type Kysely } from 'kysely';

/**
 * The attachments kept in the database (organisatie_bijlagen.content, PDFs of at most 500 kB) are
 * stored out of line without PostgreSQL trying to compress them (`storage external`). A PDF's
 * streams are compressed already, but its first kilobyte (header, dictionaries) compresses, so
 * PostgreSQL ran its compressor over every whole PDF only to keep it as it was. That cost the
 * ingest a third: batches of 20 berichten with a 300 kB PDF each went from 148–159 to 221–233
 * berichten a second on the reference machine (bench/organisaties.ts, decision 0020). A PDF whose
 * streams are not compressed takes more room than before; only new rows are affected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisatie_bijlagen alter column content set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisatie_bijlagen alter column content set storage extended`.execute(db);
}
