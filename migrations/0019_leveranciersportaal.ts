import { sql, type Kysely } from 'kysely';

/**
 * The leveranciersportaal (/leveranciers, docs/organisaties.md): organisation staff manage their
 * organisation's connection to the organisation API.
 * - leverancier_sessions: their own sessions, as staff_sessions (the token's SHA-256 only).
 * - organisatie_resultaten: how many berichten an organisation sent per day, per result code.
 *   `verwerkt` is counted by a trigger on organisatie_berichten, per insert statement (one per
 *   batch), so it is in the same transaction as the berichten it counts and agrees with them even
 *   after a crash; the refusals are added by the API when it answers the batch.
 * - organisatie_audit: every change to a connection (keys, JWKS URL, webhook, a retried
 *   delivery), with who did it. Append-only.
 * - organisaties.jwks_url: where the organisation publishes its public keys, next to the
 *   registered ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table leverancier_sessions (
      id text primary key,
      gebruiker jsonb not null,
      csrf_token text not null,
      id_token text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index leverancier_sessions_last_seen_at on leverancier_sessions (last_seen_at)`.execute(db);
  await sql`
    create table organisatie_resultaten (
      organisatie_id text not null,
      dag date not null,
      resultaat text not null check (resultaat in ('verwerkt', 'bestaatAl', 'ontvangerOnbekend', 'bijlageTeGroot', 'bijlageOngeldig', 'ongeldig')),
      aantal bigint not null,
      primary key (organisatie_id, dag, resultaat)
    )`.execute(db);
  await sql`
    create function organisatie_berichten_verwerkt() returns trigger language plpgsql as $$
    begin
      insert into organisatie_resultaten (organisatie_id, dag, resultaat, aantal)
        select organisatie_id, (received_at at time zone 'Europe/Amsterdam')::date, 'verwerkt', count(*) from nieuw
        group by 1, 2
      on conflict (organisatie_id, dag, resultaat) do update set aantal = organisatie_resultaten.aantal + excluded.aantal;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger organisatie_berichten_verwerkt after insert on organisatie_berichten
    referencing new table as nieuw
    for each statement execute function organisatie_berichten_verwerkt()`.execute(db);
  await sql`
    create table organisatie_audit (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      organisatie_id text not null,
      gebruiker_id text not null,
      gebruiker_naam text not null,
      handeling text not null,
      detail text
    )`.execute(db);
  await sql`create index organisatie_audit_organisatie on organisatie_audit (organisatie_id, occurred_at)`.execute(db);
  await sql`
    create function organisatie_audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'organisatie_audit is append-only';
    end $$`.execute(db);
  await sql`
    create trigger organisatie_audit_no_change before update or delete on organisatie_audit
    for each row execute function organisatie_audit_append_only()`.execute(db);
  await sql`alter table organisaties add column jwks_url text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisaties drop column jwks_url`.execute(db);
  await sql`drop table organisatie_audit`.execute(db);
  await sql`drop function organisatie_audit_append_only()`.execute(db);
  await sql`drop trigger organisatie_berichten_verwerkt on organisatie_berichten`.execute(db);
  await sql`drop function organisatie_berichten_verwerkt()`.execute(db);
  await sql`drop table organisatie_resultaten`.execute(db);
  await sql`drop table leverancier_sessions`.execute(db);
}
