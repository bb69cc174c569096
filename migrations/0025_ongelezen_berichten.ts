import { sql, type Kysely } from 'kysely';

/**
 * The unread count of Mijn berichten (the navigation, the overzicht) for the berichten
 * organisations pushed: a partial index of the ones not opened and not archived, per recipient,
 * so that the count is an index-only scan of that person's unread berichten only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index organisatie_berichten_ongelezen on organisatie_berichten (recipient_key, publicatiedatum)
    where opened_at is null and archived_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index organisatie_berichten_ongelezen`.execute(db);
}
