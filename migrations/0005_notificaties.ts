import { sql, type Kysely } from 'kysely';

/**
 * Notificaties: what came in at the callback (each notification once, by the hash of its body),
 * the changes it meant for a person (each change once per person, whichever source reported it),
 * and the messages sent about them (one per person and channel per bundle). People are keyed
 * by the keyed hash of their identity; the identity itself, needed to look up their contact
 * details when sending, is stored encrypted and only until the change is sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_inbox (
      id bigint generated always as identity primary key,
      body_hash text not null unique,
      kanaal text not null,
      resource text not null,
      actie text not null,
      resource_url text not null,
      body jsonb not null,
      received_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table notification_changes (
      id bigint generated always as identity primary key,
      subject_key text not null,
      change_key text not null,
      topic text not null check (topic in ('zaak', 'taak', 'bericht')),
      subject_sealed text,
      inbox_id bigint references notification_inbox (id),
      created_at timestamptz not null default now(),
      message_group text,
      unique (subject_key, change_key)
    )`.execute(db);
  await sql`create index notification_changes_unsent on notification_changes (subject_key) where message_group is null`.execute(db);

  await sql`
    create table notification_messages (
      id text primary key,
      message_group text not null,
      subject_key text not null,
      channel text not null check (channel in ('email', 'sms')),
      state text not null check (state in ('sending', 'sent', 'failed', 'skipped')),
      reason text,
      notify_id text,
      changes integer not null,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db);
  await sql`create index notification_messages_subject on notification_messages (subject_key, created_at)`.execute(db);
  await sql`create index notification_messages_state on notification_messages (state, created_at) where state in ('sending', 'failed')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notification_messages`.execute(db);
  await sql`drop table notification_changes`.execute(db);
  await sql`drop table notification_inbox`.execute(db);
}
