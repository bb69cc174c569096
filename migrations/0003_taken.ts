import { sql, type Kysely } from 'kysely';

/**
 * Mijn taken: a taak is finished in the portal exactly once. Before Voordeur writes the answers
 * of a form (or a payment's outcome) to the Objecten API, it claims the taak here; a second
 * press of the button, a retried request or another instance finds the claim and does nothing.
 * A claim whose write failed is removed again, so the person can try once more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table taak_completions (
      taak_uuid text primary key,
      subject_key text not null,
      how text not null check (how in ('formulier', 'betaling')),
      claimed_at timestamptz not null default now(),
      completed_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table taak_completions`.execute(db);
}
