/**
 * How long Voordeur keeps the berichten an organisation pushed: a number of days after their
 * publicatiedatum, per organisation and per bericht type (the organisation's `berichtType`; the
 * term for '' holds for every type without its own). Berichten past their term are deleted with
 * their attachments by the clean-up job; an organisation without a term keeps its berichten.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

export interface Bewaartermijn {
  /** '' for every bericht type without a term of its own. */
  berichtType: string;
  dagen: number;
}

export const maxBewaarDagen = 36_500;

/** A bericht type as the organisation API takes it, or '' for every type without a term of its own. */
export const berichtTypePattern = /^([a-z0-9][a-z0-9-]{0,39})?$/;

/** Berichten deleted per statement (each a transaction of its own, so no long lock on the table). */
const deleteChunk = 1_000;

/** What a change of a term would do, or did. */
export type BewaartermijnWijziging =
  | { gewijzigd: true }
  /** Not changed: with it, `teVerwijderen` berichten the organisation already sent would be past their term. */
  | { gewijzigd: false; teVerwijderen: number };

/** A change that would delete more berichten than were confirmed: undone, and counted. */
class NotConfirmed extends Error {
  constructor(readonly teVerwijderen: number) {
    super('retention change not confirmed');
  }
}

/**
 * Removes the senders (organisatie_afzenders, migration 0032) of these recipients that have no
 * bericht left for them. Their rows are locked first, in the order a batch that adds berichten
 * locks them, and only then is it looked whether a bericht is left (a statement of its own, which
 * sees what a batch committed meanwhile): a sender a batch just added a bericht of stays.
 */
async function forgetSenders(trx: Transaction<Database>, gone: { recipient_key: string; organisatie_id: string }[]): Promise<void> {
  const pairs = [...new Map(gone.map((g) => [`${g.organisatie_id}\u0000${g.recipient_key}`, g])).values()];
  if (pairs.length === 0) return;
  const these = sql<boolean>`(recipient_key, organisatie_id) in (${sql.join(pairs.map((p) => sql`(${p.recipient_key}, ${p.organisatie_id})`))})`;
  await trx.selectFrom('organisatie_afzenders').select('recipient_key').where(these).orderBy('recipient_key').orderBy('organisatie_id').forUpdate().execute();
  await trx
    .deleteFrom('organisatie_afzenders as a')
    .where(these)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('organisatie_berichten as b')
            .select(sql`1`.as('one'))
            .whereRef('b.recipient_key', '=', 'a.recipient_key')
            .whereRef('b.organisatie_id', '=', 'a.organisatie_id'),
        ),
      ),
    )
    .execute();
}

/** The berichten past their term at `now` (of one organisation, or of all). */
function expired(db: Executor, now: Date, organisatieId?: string) {
  let query = db
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
    .where('b.publicatiedatum', '<', sql<Date>`${now}::timestamptz - make_interval(days => t.dagen)`);
  if (organisatieId !== undefined) query = query.where('b.organisatie_id', '=', organisatieId);
  return query;
}

type Executor = Db | Transaction<Database>;

async function setTerm(db: Executor, organisatieId: string, berichtType: string, dagen: number | null): Promise<void> {
  if (dagen === null)
    await db.deleteFrom('organisatie_bewaartermijnen').where('organisatie_id', '=', organisatieId).where('bericht_type', '=', berichtType).execute();
  else
    await db
      .insertInto('organisatie_bewaartermijnen')
      .values({ organisatie_id: organisatieId, bericht_type: berichtType, dagen })
      .onConflict((oc) => oc.columns(['organisatie_id', 'bericht_type']).doUpdateSet({ dagen }))
      .execute();
}

export class OrganisatieBewaartermijnen {
  constructor(private readonly db: Db) {}

  /** Sets the organisation's term for a bericht type ('' for the others), or removes it (null); false when there is no such organisation. */
  async set(organisatieId: string, berichtType: string, dagen: number | null): Promise<boolean> {
    const organisatie = await this.db.selectFrom('organisaties').select('id').where('id', '=', organisatieId).executeTakeFirst();
    if (!organisatie) return false;
    await setTerm(this.db, organisatieId, berichtType, dagen);
    return true;
  }

  /**
   * Sets or removes a term as the organisation itself does (the leveranciersportaal): when the
   * new terms would make berichten it already sent past their term at `now`, the change is made
   * only when the organisation confirmed at least that many (`bevestigd`); otherwise nothing
   * changes and the answer says how many. Removing a type's term can do it too: its berichten
   * then follow the organisation's term for every type.
   */
  async change(organisatieId: string, berichtType: string, dagen: number | null, options: { now: Date; bevestigd: number }): Promise<BewaartermijnWijziging> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await setTerm(trx, organisatieId, berichtType, dagen);
        const { n } = await expired(trx, options.now, organisatieId)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        if (Number(n) > options.bevestigd) throw new NotConfirmed(Number(n));
      });
      return { gewijzigd: true };
    } catch (error) {
      if (error instanceof NotConfirmed) return { gewijzigd: false, teVerwijderen: error.teVerwijderen };
      throw error;
    }
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

  /**
   * Deletes every bericht past its term at `now` (with its attachments); how many. An organisation
   * whose last bericht to someone is deleted is no longer one of their senders.
   */
  async deleteExpired(now: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.db.transaction().execute(async (trx) => {
        // A bericht is deleted with its id (organisatie_bericht_ids): the bericht and its attachments go with it (on delete cascade).
        const gone = await trx
          .deleteFrom('organisatie_bericht_ids')
          .where('id', 'in', expired(trx, now).select('b.id').limit(deleteChunk))
          .returning(['recipient_key', 'organisatie_id'])
          .execute();
        await forgetSenders(trx, gone);
        return gone.length;
      });
      deleted += n;
      if (n < deleteChunk) return deleted;
    }
  }
}
