/**
 * "Stel een vraag" is sent once per form (a one-time token in the form): a double click, or the
 * form sent again after "back", registers one klantcontact, and the later requests are led to its
 * confirmation. The first request with a token claims it (an insert that only one can do); it
 * writes down the klantcontact once Open Klant registered it, or gives the claim back when that
 * failed (so the same form can be sent again). A request that finds the claim still open waits a
 * moment for the first one. Claims are bound to who asked (a keyed hash of the subject with the
 * token: another login's token is another claim) and kept a day: `purge`, every ten minutes with
 * the sessions' purge, deletes older ones, so the table holds about a day of questions.
 *
 * The moment of the claim (`created_at`, to the millisecond) is the klantcontact's
 * `plaatsgevondenOp`: Voordeur's reference on it. A process that stops (a crash, a deploy) after
 * Open Klant registered the question but before it was written down here leaves an open claim.
 * Once that claim is older than the lease (well past the longest time a request can take to
 * register a question), the next request with the form gets `stale`: it looks in Open Klant for the
 * person's klantcontact at that moment, and writes it down (`done`) when it is there, or takes the
 * claim over (`retake`, with a new moment; only one request can) and sends the question itself.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Subject } from '../../domain/identity.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';

/**
 * How a claim turned out: this request sends the question (as a klantcontact that took place `at`);
 * an earlier one did (its klantcontact); one is still sending it; or one claimed it `at` that moment
 * and never wrote down how it ended, longer ago than the lease (`stale`: look in Open Klant).
 */
export type VraagClaim = { status: 'new'; at: Date } | { status: 'done'; klantcontact: string } | { status: 'busy' } | { status: 'stale'; at: Date };

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
    /** How old an open claim must be before it counts as left behind by a process that stopped. */
    private readonly leaseMs = 60_000,
  ) {}

  private key(subject: Subject, token: string): string {
    return createHash('sha256')
      .update(`${this.keys.subject(subject)}:${token}`)
      .digest('hex');
  }

  /** Claims the form with this token for this subject; waits (a while) for an earlier request that is still sending it. */
  async claim(subject: Subject, token: string): Promise<VraagClaim> {
    const sleutel = this.key(subject, token);
    const at = this.now();
    const inserted = await this.db
      .insertInto('vraag_verzendingen')
      .values({ sleutel, created_at: at })
      .onConflict((oc) => oc.column('sleutel').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { status: 'new', at };
    const until = Date.now() + this.wait.ms;
    for (;;) {
      const row = await this.db.selectFrom('vraag_verzendingen').select(['klantcontact', 'created_at']).where('sleutel', '=', sleutel).executeTakeFirst();
      // Given back meanwhile (the first request failed): this one sends it.
      if (!row) return this.claim(subject, token);
      if (row.klantcontact) return { status: 'done', klantcontact: row.klantcontact };
      const claimed = new Date(row.created_at);
      if (this.now().getTime() - claimed.getTime() >= this.leaseMs) return { status: 'stale', at: claimed };
      if (Date.now() >= until) return { status: 'busy' };
      await new Promise((resolve) => setTimeout(resolve, this.wait.everyMs));
    }
  }

  /**
   * Takes over a claim left behind (`stale` at `at`) whose question is not in Open Klant: this
   * request sends it, at a new moment. When another request took it over or finished it first,
   * how that stands now (`busy` while the other one sends).
   */
  async retake(subject: Subject, token: string, at: Date): Promise<VraagClaim> {
    const sleutel = this.key(subject, token);
    const now = this.now();
    const taken = await this.db
      .updateTable('vraag_verzendingen')
      .set({ created_at: now })
      .where('sleutel', '=', sleutel)
      .where('created_at', '=', at)
      .where(sql<boolean>`klantcontact is null`)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return { status: 'new', at: now };
    const claim = await this.claim(subject, token);
    return claim.status === 'stale' ? { status: 'busy' } : claim;
  }

  /**
   * The question sent with this form became this klantcontact; `also` writes what comes with it
   * (its ontvangstbevestiging) in the same transaction. Only once: false (and nothing written)
   * when the claim was written down already, or is gone.
   */
  async done(subject: Subject, token: string, klantcontact: string, also?: (trx: Kysely<Database>) => Promise<unknown>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('vraag_verzendingen')
        .set({ klantcontact })
        .where('sleutel', '=', this.key(subject, token))
        .where(sql<boolean>`klantcontact is null`)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await also?.(trx);
      return true;
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
