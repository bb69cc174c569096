/**
 * "Stel een vraag" is sent once per form (a one-time token in the form): a double click, or the
 * form sent again after "back", registers one klantcontact, and the later requests are led to its
 * confirmation. The first request with a token claims it (an insert that only one can do); it
 * writes down the klantcontact once Open Klant registered it, or gives the claim back when that
 * failed (so the same form can be sent again). A request that finds the claim still open waits a
 * moment for the first one. Claims are bound to who asked (a keyed hash of the subject with the
 * token: another login's token is another claim) and kept a day: `purge`, every ten minutes with
 * the sessions' purge, deletes older ones, so the table holds about a day of questions.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Subject } from '../../domain/identity.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';

/** How a claim turned out: this request sends the question, or an earlier one did (its klantcontact), or one is still sending it. */
export type VraagClaim = { status: 'new' } | { status: 'done'; klantcontact: string } | { status: 'busy' };

/** The shape of a form's one-time token (randomToken: base64url). */
export const isVerzendToken = (token: string) => /^[A-Za-z0-9_-]{16,64}$/.test(token);

const DAY = 24 * 60 * 60 * 1000;

export class VraagVerzendingen {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: IdentityKeys,
    /** How long a request waits for an earlier one with the same token, and how often it looks. */
    private readonly wait: { ms: number; everyMs: number } = { ms: 5000, everyMs: 100 },
    private readonly now: () => Date = () => new Date(),
  ) {}

  private key(subject: Subject, token: string): string {
    return createHash('sha256')
      .update(`${this.keys.subject(subject)}:${token}`)
      .digest('hex');
  }

  /** Claims the form with this token for this subject; waits (a while) for an earlier request that is still sending it. */
  async claim(subject: Subject, token: string): Promise<VraagClaim> {
    const sleutel = this.key(subject, token);
    const inserted = await this.db
      .insertInto('vraag_verzendingen')
      .values({ sleutel, created_at: this.now() })
      .onConflict((oc) => oc.column('sleutel').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { status: 'new' };
    const until = Date.now() + this.wait.ms;
    for (;;) {
      const row = await this.db.selectFrom('vraag_verzendingen').select('klantcontact').where('sleutel', '=', sleutel).executeTakeFirst();
      // Given back meanwhile (the first request failed): this one sends it.
      if (!row) return this.claim(subject, token);
      if (row.klantcontact) return { status: 'done', klantcontact: row.klantcontact };
      if (Date.now() >= until) return { status: 'busy' };
      await new Promise((resolve) => setTimeout(resolve, this.wait.everyMs));
    }
  }

  /**
   * The question sent with this form became this klantcontact; `also` writes what comes with it
   * (its ontvangstbevestiging) in the same transaction.
   */
  async done(subject: Subject, token: string, klantcontact: string, also?: (trx: Kysely<Database>) => Promise<unknown>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('vraag_verzendingen').set({ klantcontact }).where('sleutel', '=', this.key(subject, token)).execute();
      await also?.(trx);
    });
  }

  /** Sending failed: the form can be sent again. */
  async release(subject: Subject, token: string): Promise<void> {
    await this.db.deleteFrom('vraag_verzendingen').where('sleutel', '=', this.key(subject, token)).where(sql<boolean>`klantcontact is null`).execute();
  }

  /** Deletes the claims older than a day; how many. */
  async purge(): Promise<number> {
    const result = await this.db
      .deleteFrom('vraag_verzendingen')
      .where('created_at', '<', new Date(this.now().getTime() - DAY))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
