import { sql, type Kysely } from 'kysely';

/**
 * The leveranciersportaal counts per day also the berichten refused because the attachment
 * storage (the S3 bucket) was down: result code `opslagNietBeschikbaar` (migration 0023 added the
 * code to the API, not to the counts' check).
 */
const codes = (extra: string[]) =>
  sql.join(['verwerkt', 'bestaatAl', 'ontvangerOnbekend', 'bijlageTeGroot', 'bijlageOngeldig', 'ongeldig', ...extra].map((code) => sql.lit(code)));

async function allow(db: Kysely<unknown>, extra: string[]) {
  await sql`alter table organisatie_resultaten drop constraint organisatie_resultaten_resultaat_check`.execute(db);
  await sql`alter table organisatie_resultaten add constraint organisatie_resultaten_resultaat_check check (resultaat in (${codes(extra)}))`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await allow(db, ['opslagNietBeschikbaar']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from organisatie_resultaten where resultaat = 'opslagNietBeschikbaar'`.execute(db);
  await allow(db, []);
}
