import { sql, type Kysely } from 'kysely';

/**
 * The ontvangstbevestiging of an aanvraag is also a bericht in Mijn berichten (features/aanvragen):
 * when the person first opened it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table aanvragen add column bevestiging_geopend_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table aanvragen drop column bevestiging_geopend_at`.execute(db);
}
