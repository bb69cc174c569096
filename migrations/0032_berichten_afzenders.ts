import { sql, type Kysely } from 'kysely';

/**
 * The senders of a person's pushed berichten, for the sender filter of Mijn berichten
 * (docs/decisions/0021-berichten-partitioned-by-recipient.md): one row per recipient and
 * organisation that sent them a bericht, with the first publicatiedatum (a sender whose berichten
 * are all still to be published is not shown yet). Reading them was a scan of all the person's
 * index entries (2 ms for someone with 5,000 berichten); now it is a few rows of one index.
 * Written with every batch, in its transaction; retention removes a row when the organisation's
 * last bericht to that person is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisatie_afzenders (
      recipient_key text not null,
      organisatie_id text not null references organisaties (id),
      eerste_publicatie timestamptz not null,
      primary key (recipient_key, organisatie_id)
    )`.execute(db);
  await sql`
    insert into organisatie_afzenders (recipient_key, organisatie_id, eerste_publicatie)
    select recipient_key, organisatie_id, min(publicatiedatum) from organisatie_berichten group by recipient_key, organisatie_id`.execute(db);
  // Its statistics at once, so that the first inboxes are planned as an index look-up.
  await sql`analyze organisatie_afzenders`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table organisatie_afzenders`.execute(db);
}
