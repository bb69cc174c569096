/**
 * The notifications Voordeur received (notification_inbox, in its own database). Each is stored
 * once, by the hash of its canonical form, and in the same statement a job is queued to resolve
 * it: one round trip for a whole batch of callbacks, and no notification without its job, with
 * no transaction needed. A notification is kept until `purge`, and as long as a change still
 * names it.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { jobsForEach } from '../../platform/queue/queue.ts';

/** The fields of a notification the inbox is searched by (the whole of it is kept as well). */
export interface InboxFields {
  kanaal: string;
  resource: string;
  actie: string;
  resourceUrl: string;
}

/** The payload of the job queued with each notification stored. */
export interface ResolveJob {
  inboxId: string;
}

export type Stored = 'stored' | 'duplicate';

export class NotificationInbox<N extends InboxFields> {
  constructor(
    private readonly db: Db,
    /** The job queued for each notification stored. */
    private readonly job: { queue: string; maxAttempts: number },
  ) {}

  /**
   * Each notification once (by `hash`), each with its job, in one statement. Per notification:
   * 'stored', or 'duplicate' when it was here already or earlier in this batch.
   */
  async add(batch: { hash: string; notificatie: N }[]): Promise<Stored[]> {
    const firstOfHash = new Map<string, number>();
    batch.forEach(({ hash }, i) => firstOfHash.has(hash) || firstOfHash.set(hash, i));
    const unique = [...firstOfHash].map(([hash, i]) => ({ hash, n: batch[i]!.notificatie }));
    const { rows } = await sql<{ body_hash: string }>`
      with stored as (
        insert into notification_inbox (body_hash, kanaal, resource, actie, resource_url, body)
        select * from unnest(${unique.map((u) => u.hash)}::text[], ${unique.map((u) => u.n.kanaal)}::text[], ${unique.map((u) => u.n.resource)}::text[],
          ${unique.map((u) => u.n.actie)}::text[], ${unique.map((u) => u.n.resourceUrl)}::text[], ${unique.map((u) => JSON.stringify(u.n))}::jsonb[])
        on conflict (body_hash) do nothing
        returning id, body_hash
      )
      ${jobsForEach('stored', { queue: this.job.queue, payload: sql`jsonb_build_object('inboxId', id::text)`, maxAttempts: this.job.maxAttempts })}
      select body_hash from stored`.execute(this.db);
    const stored = new Set(rows.map((row) => row.body_hash));
    return batch.map(({ hash }, i) => (stored.has(hash) && firstOfHash.get(hash) === i ? 'stored' : 'duplicate'));
  }

  /** The notifications with these ids, by id; one that is gone (purged) is left out. */
  async get(ids: string[]): Promise<Map<string, N>> {
    const rows = await this.db.selectFrom('notification_inbox').select(['id', 'body']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [String(row.id), (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as N]));
  }

  /** Forgets notifications received before `olderThan` that no change names any more. */
  async purge(olderThan: Date): Promise<void> {
    await this.db
      .deleteFrom('notification_inbox')
      .where('received_at', '<', olderThan)
      .where(({ not, exists, selectFrom, ref }) =>
        not(exists(selectFrom('notification_changes').select('id').whereRef('notification_changes.inbox_id', '=', ref('notification_inbox.id')))),
      )
      .execute();
  }
}
