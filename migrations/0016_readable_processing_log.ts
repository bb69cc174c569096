import { sql, type Kysely } from 'kysely';

/**
 * "Wie heeft mijn gegevens gebruikt" names who acted as the person knows them (issue 17 §6):
 * - actor_naam: the gemachtigde's name as the login gave it, or the name of the organisation
 *   that pushed something through the organisation API (never a staff member's name: that stays
 *   in staff_audit);
 * - actor_rol: what the machtiging makes the gemachtigde, e.g. 'bewindvoerder';
 * - a fourth kind of actor, 'organisatie': a connected organisation that wrote the person's data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table processing_log add column actor_naam text`.execute(db);
  await sql`alter table processing_log add column actor_rol text`.execute(db);
  await sql`alter table processing_log drop constraint processing_log_actor_check`.execute(db);
  await sql`alter table processing_log add constraint processing_log_actor_check check (actor in ('betrokkene', 'gemachtigde', 'medewerker', 'organisatie'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The log is append-only: rows of organisations stay, so the old check cannot come back without them going.
  await sql`alter table processing_log drop constraint processing_log_actor_check`.execute(db);
  await sql`alter table processing_log drop column actor_rol`.execute(db);
  await sql`alter table processing_log drop column actor_naam`.execute(db);
}
