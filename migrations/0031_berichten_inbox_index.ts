import { sql, type Kysely } from 'kysely';

/**
 * Mijn berichten pages in the database (docs/decisions/0021-berichten-partitioned-by-recipient.md):
 * the index of a person's berichten by publicatiedatum becomes two partial indexes, one of the
 * berichten in the inbox and one of the archived ones, each in the order the inbox shows them
 * (publicatiedatum, then id, newest first) and holding the sender (`organisatie_id`). A page of
 * the inbox or the archive is then the first rows of one index; the number of berichten for the
 * pager and the senders for the filter are index-only scans of that person's entries. Every row
 * is in exactly one of the two, so a bericht costs the same number of index entries as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index organisatie_berichten_inbox on organisatie_berichten (recipient_key, publicatiedatum desc, id desc)
    include (organisatie_id) where archived_at is null`.execute(db);
  await sql`
    create index organisatie_berichten_archief on organisatie_berichten (recipient_key, publicatiedatum desc, id desc)
    include (organisatie_id) where archived_at is not null`.execute(db);
  await sql`drop index organisatie_berichten_recipient`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index organisatie_berichten_recipient on organisatie_berichten (recipient_key, publicatiedatum desc)`.execute(db);
  await sql`drop index organisatie_berichten_archief`.execute(db);
  await sql`drop index organisatie_berichten_inbox`.execute(db);
}
