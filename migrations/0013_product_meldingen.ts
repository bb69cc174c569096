import { sql, type Kysely } from 'kysely';

/**
 * A fourth topic of notifications: 'product', a product of the person's that is about to end
 * (features/producten/notices.ts). The topic checks of the preferences and the changes allow it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification_preferences', 'notification_changes']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_topic_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_topic_check`)} check (topic in ('zaak', 'taak', 'bericht', 'product'))`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification_preferences', 'notification_changes']) {
    await sql`delete from ${sql.table(table)} where topic = 'product'`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_topic_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_topic_check`)} check (topic in ('zaak', 'taak', 'bericht'))`.execute(db);
  }
}
