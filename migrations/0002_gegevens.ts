import { sql, type Kysely } from 'kysely';

/**
 * Mijn gegevens: notification preferences, pending confirmations of new contact details, and
 * the processing log ("Wie heeft mijn gegevens gebruikt"). People are keyed by a keyed hash
 * (HMAC) of their BSN or KvK number, never by the number itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_preferences (
      subject_key text not null,
      channel text not null check (channel in ('email', 'sms')),
      topic text not null check (topic in ('zaak', 'taak', 'bericht')),
      enabled boolean not null,
      updated_at timestamptz not null default now(),
      primary key (subject_key, channel, topic)
    )`.execute(db);

  // A contact detail waiting for its code. The address is kept only until it is confirmed
  // or the code expires (then the row is purged); the code only as a hash.
  await sql`
    create table contact_confirmations (
      id text primary key,
      subject_key text not null,
      kind text not null check (kind in ('email', 'telefoonnummer')),
      address text not null,
      replaces text,
      code_hash text not null,
      attempts integer not null default 0,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index contact_confirmations_subject on contact_confirmations (subject_key, created_at)`.execute(db);

  // Append-only, in the manner of the Logboek Dataverwerkingen standard: what was done with
  // whose data, by whom, from which source, for which purpose.
  await sql`
    create table processing_log (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      subject_key text not null,
      actor text not null check (actor in ('betrokkene', 'gemachtigde', 'medewerker')),
      actor_key text,
      action text not null check (action in ('lezen', 'wijzigen', 'toevoegen', 'verwijderen')),
      category text not null,
      source text not null,
      purpose text not null,
      request_id text
    )`.execute(db);
  await sql`create index processing_log_subject on processing_log (subject_key, occurred_at desc)`.execute(db);
  await sql`
    create function processing_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'processing_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger processing_log_no_change before update or delete on processing_log
    for each row execute function processing_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table processing_log`.execute(db);
  await sql`drop function processing_log_append_only()`.execute(db);
  await sql`drop table contact_confirmations`.execute(db);
  await sql`drop table notification_preferences`.execute(db);
}
