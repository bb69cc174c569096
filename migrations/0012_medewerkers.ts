import { sql, type Kysely } from 'kysely';

/**
 * The medewerkersportaal (docs/medewerkersportaal.md):
 * - staff_sessions: a staff member's own sessions, apart from residents' (another cookie, a
 *   shorter idle time); the token's SHA-256 only, as for residents.
 * - staff_access: a staff member's access to one person's or company's dossier, for a stated
 *   purpose (doelbinding), until it expires. Its random id is in the dossier's URL, so no BSN is.
 *   The subject is sealed with the identity keys.
 * - staff_audit: the internal audit log for the organisation's privacy officer: which staff
 *   member looked at whose dossier (keyed hash), why, what, which request. Append-only, kept
 *   longer than the processing log a resident sees.
 * - processing_log gets who acted as the resident may know it (the department, never the name)
 *   and a trace id that links the reads of one contact.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_sessions (
      id text primary key,
      medewerker jsonb not null,
      csrf_token text not null,
      id_token text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index staff_sessions_last_seen_at on staff_sessions (last_seen_at)`.execute(db);
  await sql`
    create table staff_access (
      id text primary key,
      session_id text not null references staff_sessions (id) on delete cascade,
      subject_sealed text not null,
      subject_key text not null,
      doel text not null,
      kenmerk text,
      trace_id text not null,
      granted_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index staff_access_session on staff_access (session_id)`.execute(db);
  await sql`
    create table staff_audit (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      medewerker_id text not null,
      medewerker_naam text not null,
      afdeling text not null,
      rollen text not null,
      handeling text not null,
      subject_key text,
      doel text,
      kenmerk text,
      trace_id text,
      request_id text,
      detail text
    )`.execute(db);
  await sql`create index staff_audit_occurred_at on staff_audit (occurred_at)`.execute(db);
  await sql`create index staff_audit_subject on staff_audit (subject_key, occurred_at)`.execute(db);
  await sql`
    create function staff_audit_append_only() returns trigger language plpgsql as $$
    begin
      -- Only the retention purge may remove rows, and only old ones.
      if tg_op = 'DELETE' and current_setting('voordeur.audit_purge', true) = 'on' then
        return old;
      end if;
      raise exception 'staff_audit is append-only';
    end $$`.execute(db);
  await sql`
    create trigger staff_audit_no_change before update or delete on staff_audit
    for each row execute function staff_audit_append_only()`.execute(db);
  await sql`alter table processing_log add column actor_afdeling text`.execute(db);
  await sql`alter table processing_log add column trace_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table processing_log drop column trace_id`.execute(db);
  await sql`alter table processing_log drop column actor_afdeling`.execute(db);
  await sql`drop table staff_audit`.execute(db);
  await sql`drop function staff_audit_append_only()`.execute(db);
  await sql`drop table staff_access`.execute(db);
  await sql`drop table staff_sessions`.execute(db);
}
