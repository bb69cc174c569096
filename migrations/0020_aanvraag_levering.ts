import { sql, type Kysely } from 'kysely';

/**
 * Delivering aanvragen with their files (features/aanvragen/delivery.ts): the URL of the PDF of the
 * answers in the Documenten API, written down before the next step (as the object, zaak, rol and
 * attachments are). And a fifth topic of notifications, 'aanvraag': the person's aanvraag reached
 * the back office, became a zaak, or (a concept) is about to be deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table aanvragen add column pdf_url text`.execute(db);
  await topics(db, ['zaak', 'taak', 'bericht', 'product', 'aanvraag']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification_preferences', 'notification_changes']) await sql`delete from ${sql.table(table)} where topic = 'aanvraag'`.execute(db);
  await topics(db, ['zaak', 'taak', 'bericht', 'product']);
  await sql`alter table aanvragen drop column pdf_url`.execute(db);
}

async function topics(db: Kysely<unknown>, allowed: string[]): Promise<void> {
  for (const table of ['notification_preferences', 'notification_changes']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_topic_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_topic_check`)} check (topic in (${sql.join(allowed.map((topic) => sql.lit(topic)))}))`.execute(
      db,
    );
  }
}
