import { sql, type Kysely } from 'kysely';

/**
 * Attachments of pushed berichten in S3-compatible storage (docs/decisions/0020-bijlagen-in-s3.md):
 * - organisatie_bijlagen: `content` (in the database) or `storage_key` (the object in the bucket),
 *   never both, never neither; `grootte` in bytes (for one in the bucket: there is no content to measure).
 * - organisatie_bijlage_objecten: objects that may have to be removed from the bucket at `due_at`:
 *   written before an object is put (and removed in the transaction that stores its bericht, so what
 *   is left is what a crash or a refused batch left behind), and by a trigger when an attachment
 *   with an object is deleted (retention). The clean-up job removes them from the bucket.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisatie_bijlagen alter column content drop not null`.execute(db);
  await sql`alter table organisatie_bijlagen add column storage_key text`.execute(db);
  await sql`alter table organisatie_bijlagen add column grootte integer`.execute(db);
  await sql`alter table organisatie_bijlagen add constraint organisatie_bijlagen_opslag check ((content is null) <> (storage_key is null))`.execute(db);
  await sql`
    create table organisatie_bijlage_objecten (
      storage_key text primary key,
      due_at timestamptz not null
    )`.execute(db);
  await sql`create index organisatie_bijlage_objecten_due on organisatie_bijlage_objecten (due_at)`.execute(db);
  await sql`
    create function organisatie_bijlage_weg() returns trigger language plpgsql as $$
    begin
      insert into organisatie_bijlage_objecten (storage_key, due_at) values (old.storage_key, now())
        on conflict (storage_key) do update set due_at = excluded.due_at;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger organisatie_bijlage_weg after delete on organisatie_bijlagen
      for each row when (old.storage_key is not null) execute function organisatie_bijlage_weg()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger organisatie_bijlage_weg on organisatie_bijlagen`.execute(db);
  await sql`drop function organisatie_bijlage_weg()`.execute(db);
  await sql`drop table organisatie_bijlage_objecten`.execute(db);
  await sql`delete from organisatie_bijlagen where storage_key is not null`.execute(db);
  await sql`alter table organisatie_bijlagen drop constraint organisatie_bijlagen_opslag`.execute(db);
  await sql`alter table organisatie_bijlagen drop column grootte`.execute(db);
  await sql`alter table organisatie_bijlagen drop column storage_key`.execute(db);
  await sql`alter table organisatie_bijlagen alter column content set not null`.execute(db);
}
