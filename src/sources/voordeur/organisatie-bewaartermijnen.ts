/**
 * How long Voordeur keeps the berichten an organisation pushed: a number of days after their
 * publicatiedatum, per organisation and per bericht type (the organisation's `berichtType`; the
 * term for '' holds for every type without its own). Berichten past their term are deleted with
 * their attachments by the clean-up job; an organisation without a term keeps its berichten.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export interface Bewaartermijn {
  /** '' for every bericht type without a term of its own. */
  berichtType: string;
  dagen: number;
}

export const maxBewaarDagen = 36_500;

/** Berichten deleted per statement (each a transaction of its own, so no long lock on the table). */
const deleteChunk = 1_000;

export class OrganisatieBewaartermijnen {
  constructor(private readonly db: Db) {}

  /** Sets the organisation's term for a bericht type ('' for the others), or removes it (null); false when there is no such organisation. */
  async set(organisatieId: string, berichtType: string, dagen: number | null): Promise<boolean> {
    const organisatie = await this.db.selectFrom('organisaties').select('id').where('id', '=', organisatieId).executeTakeFirst();
    if (!organisatie) return false;
    if (dagen === null)
      await this.db.deleteFrom('organisatie_bewaartermijnen').where('organisatie_id', '=', organisatieId).where('bericht_type', '=', berichtType).execute();
    else
      await this.db
        .insertInto('organisatie_bewaartermijnen')
        .values({ organisatie_id: organisatieId, bericht_type: berichtType, dagen })
        .onConflict((oc) => oc.columns(['organisatie_id', 'bericht_type']).doUpdateSet({ dagen }))
        .execute();
    return true;
  }

  /** The organisation's terms, the one for every type ('') first. */
  async of(organisatieId: string): Promise<Bewaartermijn[]> {
    const rows = await this.db
      .selectFrom('organisatie_bewaartermijnen')
      .select(['bericht_type', 'dagen'])
      .where('organisatie_id', '=', organisatieId)
      .orderBy('bericht_type')
      .execute();
    return rows.map((row) => ({ berichtType: row.bericht_type, dagen: row.dagen }));
  }

  /** Deletes every bericht past its term at `now` (with its attachments); how many. */
  async deleteExpired(now: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = await this.db
        .deleteFrom('organisatie_berichten')
        .where(
          'id',
          'in',
          this.db
            .selectFrom('organisatie_berichten as b')
            .innerJoin('organisatie_bewaartermijnen as t', (join) =>
              join
                .onRef('t.organisatie_id', '=', 'b.organisatie_id')
                // The type's own term, else the organisation's term for every type.
                .on((eb) =>
                  eb.or([
                    eb('t.bericht_type', '=', eb.ref('b.bericht_type')),
                    eb.and([
                      eb('t.bericht_type', '=', ''),
                      eb.not(
                        eb.exists(
                          eb
                            .selectFrom('organisatie_bewaartermijnen as eigen')
                            .select(sql`1`.as('one'))
                            .whereRef('eigen.organisatie_id', '=', 'b.organisatie_id')
                            .whereRef('eigen.bericht_type', '=', 'b.bericht_type'),
                        ),
                      ),
                    ]),
                  ]),
                ),
            )
            .select('b.id')
            .where('b.publicatiedatum', '<', sql<Date>`${now}::timestamptz - make_interval(days => t.dagen)`)
            .limit(deleteChunk),
        )
        .executeTakeFirst();
      const n = Number(rows.numDeletedRows);
      deleted += n;
      if (n < deleteChunk) return deleted;
    }
  }
}
