import { sql, type Kysely } from 'kysely';

/**
 * A message being sent is held by the worker sending it until `locked_until`. Another worker
 * takes over a message still marked 'sending' only once that time has passed (its worker died),
 * never while its worker may still be waiting for Notify's answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_messages add column locked_until timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_messages drop column locked_until`.execute(db);
}
