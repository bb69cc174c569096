/**
 * What changed for whom, and the messages about it (notification_changes and
 * notification_messages, in Voordeur's own database). A person is their keyed hash; who they
 * are is kept sealed (IdentityKeys.seal) with their changes only until every message about them
 * is final. Each step is one statement (or one transaction) and safe to repeat: a change is
 * stored once per person, claimed into one message group by one worker, and a message being
 * sent is held by its worker for `messageLeaseMs`; a statement that must queue a job queues it
 * in the same statement (`jobsForEach`), so a crash cannot leave work that no job will do.
 */
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Subject } from '../../domain/identity.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { jobsForEach } from '../../platform/queue/queue.ts';
import type { Channel, Topic } from '../../domain/preferences.ts';

/** One thing that changed for one person. */
export interface Change {
  subject: Subject;
  topic: Topic;
  /** The same change has the same key, whichever source reports it. */
  key: string;
  /** The notification it came from, if any. */
  inboxId?: string;
}

/** Per channel: the address to send to, or why not. */
export interface PlannedMessage {
  channel: Channel;
  address?: string;
  reason?: string;
}

/** A message to a person as staff see it: when, by which channel, and what became of it. */
export interface SentMessage {
  id: string;
  channel: Channel;
  state: 'sending' | 'sent' | 'failed' | 'skipped';
  /** Why it was not sent (e.g. geen-bevestigd-adres), or why it failed. */
  reason?: string;
  changes: number;
  createdAt: Date;
  sentAt?: Date;
  /** What Notify said became of it: delivered, permanent-failure, temporary-failure, technical-failure, … */
  deliveryStatus?: string;
}

/** The payloads of the jobs this store queues. */
export interface SendJob {
  subjectKey: string;
}
export interface DeliveryJob {
  messageId: string;
}

interface JobSettings {
  queue: string;
  maxAttempts: number;
}

export interface NotificationMessagesOptions {
  /** Queued, one pending per person, when a person has a new change: now, or at the end of the bundle window. */
  sendJob: JobSettings & { bundleWindowMs: number };
  /** Queued when a message is sent, to ask Notify after `afterMs` what became of it. */
  deliveryJob: JobSettings & { afterMs: number };
  /** How long a message being sent is its worker's. */
  messageLeaseMs: number;
}

/** A length of time in SQL. */
const interval = (ms: number) => sql`make_interval(secs => ${ms / 1000}::float8)`;

export class NotificationMessages {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly options: NotificationMessagesOptions,
  ) {}

  /**
   * Stores each change once per person and, in the same statement, makes sure a send job is
   * pending for each person with a new change (so that a crash in between cannot leave a change
   * that no job will send): now, unless a message went to them within the bundle window, then at
   * the end of it. `db` may be a transaction: the changes are then stored with what caused them.
   */
  async record(changes: Change[], db: Db = this.db): Promise<void> {
    if (changes.length === 0) return;
    const { keys } = this;
    // Each person's identity sealed once, however many changes they have here.
    const sealed = new Map<string, string>();
    const rows = changes.map((change) => {
      const key = keys.subject(change.subject);
      if (!sealed.has(key)) sealed.set(key, keys.seal(change.subject));
      return { key, change: change.key, topic: change.topic, sealed: sealed.get(key)!, inbox: change.inboxId ?? null };
    });
    const { sendJob } = this.options;
    await sql`
      with new as (
        insert into notification_changes (subject_key, change_key, topic, subject_sealed, inbox_id)
        select * from unnest(${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.change)}::text[], ${rows.map((r) => r.topic)}::text[],
          ${rows.map((r) => r.sealed)}::text[], ${rows.map((r) => r.inbox)}::bigint[])
        on conflict (subject_key, change_key) do nothing
        returning subject_key
      ), people as (
        select distinct subject_key,
          (select max(created_at) from notification_messages m where m.subject_key = new.subject_key and m.state in ('sent', 'sending')) as last_message
        from new
      )
      ${jobsForEach('people', {
        queue: sendJob.queue,
        payload: sql`jsonb_build_object('subjectKey', subject_key)`,
        dedupeKey: sql<string>`subject_key`,
        runAt: sql<Date>`greatest(now(), coalesce(last_message + ${interval(sendJob.bundleWindowMs)}, now()))`,
        maxAttempts: sendJob.maxAttempts,
      })}
      select count(*) from new`.execute(db);
  }

  /** The person's changes not in a message yet, and who the person is; undefined when there are none. */
  async unsent(subjectKey: string): Promise<{ subject: Subject; changes: { id: string; topic: Topic }[] } | undefined> {
    const changes = await this.db
      .selectFrom('notification_changes')
      .select(['id', 'topic', 'subject_sealed'])
      .where('subject_key', '=', subjectKey)
      .where('message_group', 'is', null)
      .execute();
    const sealed = changes.find((c) => c.subject_sealed)?.subject_sealed;
    if (changes.length === 0 || !sealed) return undefined;
    return { subject: this.keys.unseal(sealed), changes: changes.map(({ id, topic }) => ({ id, topic })) };
  }

  /**
   * In one statement: takes over the person's messages still 'sending' whose hold has ended (their
   * worker died or gave up), now held by the caller, and reads until when the others (still
   * another worker's) are held. The second part reads the rows as they were before the first, so
   * the messages taken over are not among them.
   */
  async takeOverAbandoned(subjectKey: string): Promise<{ taken: { id: string; channel: Channel; group: string }[]; heldUntil?: Date }> {
    const { rows } = await sql<{ id: string | null; channel: Channel | null; message_group: string | null; held: Date | null }>`
      with taken as (
        update notification_messages set locked_until = ${this.holdUntil()}
        where subject_key = ${subjectKey} and state = 'sending' and (locked_until is null or locked_until <= now())
        returning id, channel, message_group
      )
      select id, channel, message_group, null::timestamptz as held from taken
      union all
      select null, null, null, max(locked_until) from notification_messages
      where subject_key = ${subjectKey} and state = 'sending' and locked_until > now()`.execute(this.db);
    const taken = rows.flatMap((row) => (row.id && row.channel && row.message_group ? [{ id: row.id, channel: row.channel, group: row.message_group }] : []));
    const held = rows.find((row) => !row.id)?.held;
    return { taken, heldUntil: held ? new Date(held) : undefined };
  }

  /**
   * In one transaction: claims these of the person's changes that no one claimed yet into a new
   * message group, and records a message per channel of `plan(topics)` (the topics of the changes
   * claimed): 'sending' and held by the caller when it has an address, else 'skipped' with its
   * reason. Undefined when another worker claimed them all first.
   */
  async claim(
    subjectKey: string,
    changeIds: string[],
    plan: (topics: Set<Topic>) => PlannedMessage[],
  ): Promise<{ group: string; topics: Set<Topic>; messages: (PlannedMessage & { id: string })[] } | undefined> {
    const group = randomUUID();
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('notification_changes')
        .set({ message_group: group })
        .where('id', 'in', changeIds)
        .where('message_group', 'is', null)
        .returning('topic')
        .execute();
      if (rows.length === 0) return undefined;
      const topics = new Set(rows.map((r) => r.topic));
      // A message's id is its group and channel; it is also Notify's reference, so that a retry can ask whether it went out.
      const messages = plan(topics).map((p) => ({ ...p, id: `${group}:${p.channel}` }));
      await trx
        .insertInto('notification_messages')
        .values(
          messages.map((m) => ({
            id: m.id,
            message_group: group,
            subject_key: subjectKey,
            channel: m.channel,
            state: m.address ? ('sending' as const) : ('skipped' as const),
            reason: m.reason ?? null,
            changes: rows.length,
            locked_until: m.address ? this.holdUntil() : null,
            address_key: m.address ? this.keys.address(m.address) : null,
          })),
        )
        .execute();
      return { group, topics, messages };
    });
  }

  /** Who a group's message was for and what it was about (after a crash: to send it again); undefined once that is forgotten. */
  async content(group: string): Promise<{ subject: Subject; topics: Set<Topic> } | undefined> {
    const changes = await this.db.selectFrom('notification_changes').select(['topic', 'subject_sealed']).where('message_group', '=', group).execute();
    const sealed = changes.find((c) => c.subject_sealed)?.subject_sealed;
    return sealed ? { subject: this.keys.unseal(sealed), topics: new Set(changes.map((c) => c.topic)) } : undefined;
  }

  /** Ends the caller's hold on a message it could not send now, so that the next try need not wait for it. */
  async release(id: string): Promise<void> {
    await this.db.updateTable('notification_messages').set({ locked_until: null }).where('id', '=', id).where('state', '=', 'sending').execute();
  }

  /** A message that will not be sent: refused by Notify, or its subject forgotten. */
  async markFailed(id: string, reason: string): Promise<void> {
    await this.db.updateTable('notification_messages').set({ state: 'failed', reason }).where('id', '=', id).execute();
  }

  /**
   * Marks a message sent and, in the same statement, queues asking Notify later what became of it.
   * `address` is where it went, when the message was recorded without it (sent again).
   */
  async markSent(id: string, notifyId: string, address?: string): Promise<void> {
    const { deliveryJob } = this.options;
    const addressKey = address ? this.keys.address(address) : null;
    await sql`
      with sent as (
        update notification_messages set state = 'sent', notify_id = ${notifyId}, sent_at = now(), locked_until = null,
          address_key = coalesce(address_key, ${addressKey})
        where id = ${id} and state = 'sending'
        returning id
      )
      ${jobsForEach('sent', {
        queue: deliveryJob.queue,
        payload: sql`jsonb_build_object('messageId', id)`,
        runAt: sql<Date>`now() + ${interval(deliveryJob.afterMs)}`,
        maxAttempts: deliveryJob.maxAttempts,
      })}
      select id from sent`.execute(this.db);
  }

  /** Once every message of a group is sent or failed, the identity is no longer kept. */
  async forget(group: string): Promise<void> {
    await this.db
      .updateTable('notification_changes')
      .set({ subject_sealed: null })
      .where('message_group', '=', group)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('notification_messages').select('id').where('message_group', '=', group).where('state', '=', 'sending'))),
      )
      .execute();
  }

  /** The messages with these ids, with the id Notify gave them, by id. */
  async sent(ids: string[]): Promise<Map<string, { id: string; channel: Channel; notifyId: string | null }>> {
    const rows = await this.db.selectFrom('notification_messages').select(['id', 'channel', 'notify_id']).where('id', 'in', ids).execute();
    return new Map(rows.map((m) => [m.id, { id: m.id, channel: m.channel, notifyId: m.notify_id }]));
  }

  /** What Notify said became of a message. */
  async recordDelivery(id: string, status: string): Promise<void> {
    await this.db.updateTable('notification_messages').set({ delivery_status: status, delivery_checked_at: new Date() }).where('id', '=', id).execute();
  }

  /**
   * The messages sent (or not sent, and why) to a person, newest first: for staff helping them
   * in the medewerkersportaal. Without addresses: those are keyed hashes here.
   */
  async history(subject: Subject, limit: number): Promise<SentMessage[]> {
    const rows = await this.db
      .selectFrom('notification_messages')
      .select(['id', 'channel', 'state', 'reason', 'changes', 'created_at', 'sent_at', 'delivery_status'])
      .where('subject_key', '=', this.keys.subject(subject))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      state: row.state,
      ...(row.reason ? { reason: row.reason } : {}),
      changes: row.changes,
      createdAt: new Date(row.created_at),
      ...(row.sent_at ? { sentAt: new Date(row.sent_at) } : {}),
      ...(row.delivery_status ? { deliveryStatus: row.delivery_status } : {}),
    }));
  }

  /**
   * Sends once more, in the background, a message to the person that did not arrive (Notify
   * refused it, or said it bounced), to the address the person has confirmed by then: a staff
   * member does this in the medewerkersportaal. The new message (same group and channel, its id
   * the old one's + ':opnieuw') is recorded as 'sending' and held by no one, and a send job is
   * queued in the same statement; the send stage then delivers it as one left by a worker that
   * died (`takeOverAbandoned`): it finds the words and the address again from the group's
   * changes, for which the person's sealed identity is kept again until it is sent. A message is
   * sent again once ('already' after that; its own failure can be sent again), and only while its
   * changes are kept ('too-old'), and only when `hasAddress(channel)` says the person now has an
   * address to send it to ('no-address').
   */
  async resend(
    subject: Subject,
    id: string,
    hasAddress: (channel: Channel) => boolean,
  ): Promise<{ outcome: 'resent' | 'unknown' | 'arrived' | 'already' | 'too-old' | 'no-address'; channel?: Channel }> {
    const subjectKey = this.keys.subject(subject);
    const { sendJob } = this.options;
    return this.db.transaction().execute(async (trx) => {
      const message = await trx
        .selectFrom('notification_messages')
        .select(['id', 'message_group', 'channel', 'state', 'delivery_status', 'changes'])
        .where('id', '=', id)
        .where('subject_key', '=', subjectKey)
        .executeTakeFirst();
      if (!message) return { outcome: 'unknown' };
      const { channel } = message;
      if (!didNotArrive(message)) return { outcome: 'arrived', channel };
      if (!hasAddress(channel)) return { outcome: 'no-address', channel };
      const again = `${message.id}:opnieuw`;
      if (again.split(':opnieuw').length > 4) return { outcome: 'already', channel };
      const sealedAgain = await trx
        .updateTable('notification_changes')
        .set({ subject_sealed: this.keys.seal(subject) })
        .where('message_group', '=', message.message_group)
        .returning('id')
        .execute();
      if (sealedAgain.length === 0) return { outcome: 'too-old', channel };
      const { rows } = await sql<{ id: string }>`
        with again as (
          insert into notification_messages (id, message_group, subject_key, channel, state, changes)
          values (${again}, ${message.message_group}, ${subjectKey}, ${channel}, 'sending', ${message.changes})
          on conflict (id) do nothing
          returning id, subject_key
        )
        ${jobsForEach('again', { queue: sendJob.queue, payload: sql`jsonb_build_object('subjectKey', subject_key)`, maxAttempts: sendJob.maxAttempts })}
        select id from again`.execute(trx);
      return { outcome: rows.length > 0 ? 'resent' : 'already', channel };
    });
  }

  /** Forgets handled changes from before `olderThan` (messages stay, as the record of what was sent). */
  async purge(olderThan: Date): Promise<void> {
    await this.db.deleteFrom('notification_changes').where('created_at', '<', olderThan).where('message_group', 'is not', null).execute();
  }

  private holdUntil(): RawBuilder<Date> {
    return sql<Date>`now() + ${interval(this.options.messageLeaseMs)}`;
  }
}

/** What Notify says of a message that did not reach the person. */
export const failedDeliveries = ['permanent-failure', 'temporary-failure', 'technical-failure'] as const;

/** Whether a message did not reach the person: Notify refused it, or said it did not arrive. */
export function didNotArrive(message: { state: SentMessage['state']; delivery_status?: string | null; deliveryStatus?: string }): boolean {
  const status = message.delivery_status ?? message.deliveryStatus;
  return message.state === 'failed' || (message.state === 'sent' && (failedDeliveries as readonly string[]).includes(status ?? ''));
}

/** For operators: messages per channel, state and delivery status. Nothing about whom they were for. */
export async function messageCounts(db: Db): Promise<{ channel: Channel; state: string; delivery_status: string | null; messages: number }[]> {
  const rows = await db
    .selectFrom('notification_messages')
    .select(['channel', 'state', 'delivery_status', (eb) => eb.fn.countAll<string>().as('messages')])
    .groupBy(['channel', 'state', 'delivery_status'])
    .orderBy('channel')
    .orderBy('state')
    .orderBy('delivery_status')
    .execute();
  return rows.map((m) => ({ ...m, messages: Number(m.messages) }));
}

/** For operators: messages refused, not sent, or with one of these delivery statuses, newest first; by id, never by whom. */
export async function messagesInTrouble(db: Db, deliveryStatuses: readonly string[], limit: number) {
  const rows = await db
    .selectFrom('notification_messages')
    .select(['id', 'channel', 'state', 'reason', 'delivery_status', 'created_at'])
    .where((eb) => eb.or([eb('state', 'in', ['failed', 'sending']), eb('delivery_status', 'in', deliveryStatuses)]))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((m) => ({ ...m, created_at: new Date(m.created_at).toISOString() }));
}
