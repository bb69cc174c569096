import { sql, type Kysely } from 'kysely';

/**
 * The client certificates an organisation registered in the leveranciersportaal (mutual TLS,
 * RFC 8705): known by their SHA-256 thumbprint (`x5t#S256`), with what the portal shows of them.
 * An organisation with at least one gets access tokens bound to the certificate it asked the token
 * with, and only over a registered one; without any, nothing changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisatie_certificaten (
      organisatie_id text not null references organisaties (id) on delete cascade,
      thumbprint text not null,
      onderwerp text not null,
      uitgever text not null,
      geldig_vanaf timestamptz not null,
      geldig_tot timestamptz not null,
      added_at timestamptz not null default now(),
      primary key (organisatie_id, thumbprint)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table organisatie_certificaten`.execute(db);
}
