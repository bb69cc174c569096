import { sql, type Kysely } from 'kysely';

/**
 * An organisation's counts per day (migration 0019) in up to 16 rows per day and result code
 * (`deel`: the writing connection's process id modulo 16), added up when read. One row per day was
 * updated by every batch of that organisation, in the batch's transaction: a row lock held until
 * the commit, so that its batches were stored one after the other however many came at once
 * (batches with 300 kB PDFs waited for each other's 6 MB to be written: 41 berichten/s where
 * PostgreSQL takes 120 rows/s of that size on its own). Now batches on different connections
 * touch the same row only when their process ids share a part (1 in 16).
 */

/** The trigger function of migration 0019: counts into the part `deel` (an SQL expression) when given, else into the day's one row. */
function countVerwerkt(db: Kysely<unknown>, deel?: string) {
  const column = sql.raw(deel ? ', deel' : '');
  const value = sql.raw(deel ? `, ${deel}` : '');
  return sql`
    create or replace function organisatie_berichten_verwerkt() returns trigger language plpgsql as $$
    begin
      insert into organisatie_resultaten (organisatie_id, dag, resultaat${column}, aantal)
        select organisatie_id, (received_at at time zone 'Europe/Amsterdam')::date, 'verwerkt'${value}, count(*) from nieuw
        group by 1, 2
      on conflict (organisatie_id, dag, resultaat${column}) do update set aantal = organisatie_resultaten.aantal + excluded.aantal;
      return null;
    end $$`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisatie_resultaten add column deel smallint not null default 0`.execute(db);
  await sql`alter table organisatie_resultaten drop constraint organisatie_resultaten_pkey`.execute(db);
  await sql`alter table organisatie_resultaten add primary key (organisatie_id, dag, resultaat, deel)`.execute(db);
  await countVerwerkt(db, 'pg_backend_pid() % 16');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Each day's parts added up into part 0 (-1 while the others are removed), then one row per day again.
  await sql`
    insert into organisatie_resultaten (organisatie_id, dag, resultaat, deel, aantal)
    select organisatie_id, dag, resultaat, -1, sum(aantal) from organisatie_resultaten group by 1, 2, 3`.execute(db);
  await sql`delete from organisatie_resultaten where deel <> -1`.execute(db);
  await sql`alter table organisatie_resultaten drop constraint organisatie_resultaten_pkey`.execute(db);
  await sql`alter table organisatie_resultaten drop column deel`.execute(db);
  await sql`alter table organisatie_resultaten add primary key (organisatie_id, dag, resultaat)`.execute(db);
  await countVerwerkt(db);
}
