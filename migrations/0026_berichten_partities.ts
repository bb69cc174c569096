import { sql, type Kysely } from 'kysely';

/**
 * Berichten that organisations pushed, partitioned by the keyed hash of their recipient
 * (docs/decisions/0021-berichten-partitioned-by-recipient.md): `organisatie_berichten` becomes a table
 * `partition by hash (recipient_key)` with `partities` partitions, so that everything of one
 * person (the inbox, the unread count, opening, archiving) is in one partition, and the table
 * can later be spread over machines by the same key (Citus).
 *
 * A unique constraint on a partitioned table must hold the partition key, so `(organisatie_id,
 * bericht_id)` can no longer be unique there. `organisatie_bericht_ids` keeps it: one narrow row
 * per bericht (its uuid, the organisation's id of it and the recipient's key), written first in
 * the transaction that stores a batch; a berichtId already there is `bestaatAl`, also for a
 * batch running at the same moment (it waits for the other's commit). The attachments and the
 * berichten hang from it (`on delete cascade`): deleting a bericht is deleting its id.
 *
 * Existing berichten are copied (with their opened and archived state), then the tables swapped.
 */
export const partities = 16;

const columns = sql.raw(
  'id, organisatie_id, bericht_id, recipient_key, recipient, onderwerp, tekst, referentie, handelingsperspectief, einddatum_handelingstermijn, publicatiedatum, received_at, opened_at, archived_at, bericht_type',
);

const table = (name: string, tail: string) =>
  sql`
    create table ${sql.raw(name)} (
      id uuid not null,
      organisatie_id text not null,
      bericht_id text not null,
      recipient_key text not null,
      recipient text not null,
      onderwerp text not null,
      tekst text not null,
      referentie text,
      handelingsperspectief text,
      einddatum_handelingstermijn text,
      publicatiedatum timestamptz not null,
      received_at timestamptz not null default now(),
      opened_at timestamptz,
      archived_at timestamptz,
      bericht_type text
    ) ${sql.raw(tail)}`;

async function indexesAndTrigger(db: Kysely<unknown>): Promise<void> {
  await sql`create index organisatie_berichten_recipient on organisatie_berichten (recipient_key, publicatiedatum desc)`.execute(db);
  await sql`
    create index organisatie_berichten_ongelezen on organisatie_berichten (recipient_key, publicatiedatum)
    where opened_at is null and archived_at is null`.execute(db);
  await sql`create index organisatie_berichten_publicatie on organisatie_berichten (organisatie_id, publicatiedatum)`.execute(db);
  await sql`alter table organisatie_berichten add foreign key (organisatie_id) references organisaties (id)`.execute(db);
  await sql`
    create trigger organisatie_berichten_verwerkt after insert on organisatie_berichten
    referencing new table as nieuw
    for each statement execute function organisatie_berichten_verwerkt()`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisatie_bericht_ids (
      id uuid primary key,
      organisatie_id text not null references organisaties (id),
      bericht_id text not null,
      recipient_key text not null,
      unique (organisatie_id, bericht_id)
    )`.execute(db);
  await sql`
    insert into organisatie_bericht_ids (id, organisatie_id, bericht_id, recipient_key)
    select id, organisatie_id, bericht_id, recipient_key from organisatie_berichten`.execute(db);
  await table('organisatie_berichten_verdeeld', 'partition by hash (recipient_key)').execute(db);
  for (let remainder = 0; remainder < partities; remainder++)
    await sql`
      create table ${sql.raw(`organisatie_berichten_${String(remainder).padStart(2, '0')}`)}
      partition of organisatie_berichten_verdeeld for values with (modulus ${sql.lit(partities)}, remainder ${sql.lit(remainder)})`.execute(db);
  await sql`insert into organisatie_berichten_verdeeld (${columns}) select ${columns} from organisatie_berichten`.execute(db);
  await sql`alter table organisatie_bijlagen drop constraint organisatie_bijlagen_bericht_uuid_fkey`.execute(db);
  await sql`drop table organisatie_berichten`.execute(db);
  await sql`alter table organisatie_berichten_verdeeld rename to organisatie_berichten`.execute(db);
  await sql`alter table organisatie_berichten add primary key (id, recipient_key)`.execute(db);
  await sql`alter table organisatie_berichten add foreign key (id) references organisatie_bericht_ids (id) on delete cascade`.execute(db);
  await indexesAndTrigger(db);
  await sql`
    alter table organisatie_bijlagen add constraint organisatie_bijlagen_bericht_uuid_fkey
    foreign key (bericht_uuid) references organisatie_bericht_ids (id) on delete cascade`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await table('organisatie_berichten_heel', '').execute(db);
  await sql`insert into organisatie_berichten_heel (${columns}) select ${columns} from organisatie_berichten`.execute(db);
  await sql`alter table organisatie_bijlagen drop constraint organisatie_bijlagen_bericht_uuid_fkey`.execute(db);
  await sql`drop table organisatie_berichten`.execute(db);
  await sql`alter table organisatie_berichten_heel rename to organisatie_berichten`.execute(db);
  await sql`alter table organisatie_berichten add primary key (id)`.execute(db);
  await sql`alter table organisatie_berichten add unique (organisatie_id, bericht_id)`.execute(db);
  await indexesAndTrigger(db);
  await sql`
    alter table organisatie_bijlagen add constraint organisatie_bijlagen_bericht_uuid_fkey
    foreign key (bericht_uuid) references organisatie_berichten (id) on delete cascade`.execute(db);
  await sql`drop table organisatie_bericht_ids`.execute(db);
}
