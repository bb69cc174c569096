import { sql, type Kysely } from 'kysely';

/**
 * A message being sent is held by the worker sending it until `locked_until`: another worker
 * takes over a message still marked 'sending' only once that time has passed (its worker died),
 * never while its worker may still be waiting for Notify's answer.
 *
 * What became of a sent message, as Notify says some time after sending: `delivery_status`
 * ('delivered', 'permanent-failure', 'temporary-failure', 'technical-failure', …) and when it was
 * last asked; `address_key`, the keyed hash of the address it went to, so that Mijn gegevens can
 * say that an address of the person's does not work, and stop saying so once it is changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_messages add column locked_until timestamptz`.execute(db);
  await sql`alter table notification_messages add column delivery_status text`.execute(db);
  await sql`alter table notification_messages add column delivery_checked_at timestamptz`.execute(db);
  await sql`alter table notification_messages add column address_key text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_messages drop column address_key`.execute(db);
  await sql`alter table notification_messages drop column delivery_checked_at`.execute(db);
  await sql`alter table notification_messages drop column delivery_status`.execute(db);
  await sql`alter table notification_messages drop column locked_until`.execute(db);
}
