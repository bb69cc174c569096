import { sql, type Kysely } from 'kysely';

/**
 * An organisation's webhook: where Voordeur tells it what became of its berichten (first opened),
 * and the secret (sealed with the identity keys) it signs those calls with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisaties add column callback_url text`.execute(db);
  await sql`alter table organisaties add column callback_secret text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisaties drop column callback_secret`.execute(db);
  await sql`alter table organisaties drop column callback_url`.execute(db);
}
