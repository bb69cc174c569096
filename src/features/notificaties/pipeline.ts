/**
 * From a notification to at most one message per person and channel:
 *
 * 1. store: the callback stores the notification once (by the hash of its body) and, in the
 *    same statement, queues a job to resolve it; callbacks that arrive meanwhile are stored
 *    together (group commit: on PostgreSQL the round trips, not the rows, are what costs).
 * 2. resolve: who is it about, and what changed? A new status of a zaak → its initiators; a new
 *    TaakV2 or Bericht object → its identificatie. Each (person, change) is stored once, whatever
 *    source reported it, and in the same statement a send job is queued for the person (one
 *    pending at a time).
 * 3. send: the person's unsent changes go out as one message per channel they chose and have a
 *    confirmed address for: at once after a quiet period, else bundled at the end of the window.
 *    The changes are claimed and the message recorded as "sending" in one transaction, before
 *    Notify is called with the message's id as its reference. The worker sending it holds the
 *    message for `messageLeaseMs`, longer than its Notify calls can take; only after that may
 *    another worker take it over (its worker died), and that one first asks Notify for the
 *    reference, so that a message Notify already has is never sent again.
 *
 * 4. delivery: some minutes later Notify is asked what became of each sent message (delivered,
 *    or not: an address that does not exist, a full inbox), and that is recorded for beheer.
 *
 * Jobs may run more than once (a killed worker's job runs again), and two send jobs for one
 * person may run at once on two workers (in one process they take turns): every step is
 * idempotent, and each change and each message is claimed by one worker at a time.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pLimit from 'p-limit';
import type { Subject } from '../../domain/identity.ts';
import type { DigitaalAdres } from '../../domain/persoon.ts';
import { Batcher } from '../../platform/batcher.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { jobsForEach, type ClaimedJob } from '../../platform/queue/queue.ts';
import type { JobOutcome } from '../../platform/queue/worker.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import { NotifyError, type Notify } from '../../sources/notify/notify.ts';
import { belongsTo, type ObjectenApi } from '../../sources/objecten/objecten.ts';
import { channels, type Channel, type Preferences, type Topic } from '../../sources/voordeur/preferences.ts';
import { notificatieHash, type Notificatie } from './notificatie.ts';

export const queues = { resolve: 'notificatie.resolve', send: 'notificatie.send', delivery: 'notificatie.delivery' } as const;

/** Notify's statuses of a message still on its way; any other is final. */
const onItsWay = new Set(['created', 'sending', 'pending']);
/** Notify's statuses of a message that did not arrive. */
export const notDelivered = ['permanent-failure', 'temporary-failure', 'technical-failure'];

/** One thing that changed for one person. */
export interface Change {
  subject: Subject;
  topic: Topic;
  /** The same change has the same key, whichever source reports it. */
  key: string;
}

export interface PipelineDeps {
  db: Db;
  keys: IdentityKeys;
  zaaksystemen: { holdsZaak(url: string): boolean; initiatorsOf(zaakUrl: string): Promise<Subject[]> }[];
  objecten?: { api: ObjectenApi; taak?: string; bericht?: string };
  preferences: { get(subject: Subject): Promise<Preferences>; language(subject: Subject): Promise<Lang> };
  contacts?: { adressen(subject: Subject): Promise<DigitaalAdres[]> };
  notify?: { client: Pick<Notify, 'sendEmail' | 'sendSms' | 'sentWithReference' | 'status'>; templates: { nl: Templates; en?: Templates } };
  /** How long after sending Notify is first asked what became of a message; each next time twice as long. */
  deliveryCheckMs: number;
  /** Changes for one person within this time after a message are bundled into the next one. */
  bundleWindowMs: number;
  /** How long a message being sent is its worker's: more than its two Notify calls (look-up and send) can take. */
  messageLeaseMs: number;
  /** The portal's name (per language) and web address, as plain text in the message. */
  portal: { name: Record<Lang, string>; address: string };
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Counts each message's end state (metrics). */
  count?: (channel: Channel, state: 'sent' | 'failed' | 'skipped') => void;
  /** Counts what Notify said became of sent messages (metrics). */
  countDelivery?: (channel: Channel, status: string) => void;
}

type Lang = 'nl' | 'en';
interface Templates {
  email: string;
  sms: string;
}

/** What a message says and where it goes. */
interface MessageContent {
  address: string;
  topics: Set<Topic>;
  lang: Lang;
}

const addressChannel: Record<DigitaalAdres['soort'], Channel> = { email: 'email', telefoonnummer: 'sms' };

const topicWords: Record<Lang, Record<Topic, string> & { and: string }> = {
  nl: { zaak: 'een wijziging in een van uw zaken', taak: 'een nieuwe taak', bericht: 'een nieuw bericht', and: 'en' },
  en: { zaak: 'a change in one of your cases', taak: 'a new task', bericht: 'a new message', and: 'and' },
};

/** "een wijziging in een van uw zaken en een nieuw bericht": what changed, in words, nothing personal. */
export function whatChanged(topics: Set<Topic>, lang: Lang = 'nl'): string {
  const words = topicWords[lang];
  const parts = (['zaak', 'taak', 'bericht'] as const).filter((topic) => topics.has(topic)).map((topic) => words[topic]);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${words.and} ${parts.at(-1)}` : (parts[0] ?? '');
}

/** Works each thing out once: the same key gets the same answer (a promise: the same failure too). */
type Memo = <T>(key: string, compute: () => T) => T;

/** Asks a source (named by `source`) a question (`key`) through `compute`. */
type Ask = <T>(source: string, key: string, compute: () => Promise<T>) => Promise<T>;

function memoize(): Memo {
  const answers = new Map<string, unknown>();
  return <T>(key: string, compute: () => T) => {
    if (!answers.has(key)) answers.set(key, compute());
    return answers.get(key) as T;
  };
}

/** A length of time in SQL. */
const interval = (ms: number) => sql`make_interval(secs => ${ms / 1000}::float8)`;

type Stored = 'stored' | 'duplicate';

export class NotificationPipeline {
  /** Callbacks that arrive while notifications are being written are written together next (group commit). */
  private readonly inbox = new Batcher<Notificatie, Stored>((batch) => this.storeAll(batch), { concurrency: 2 });

  /** Per person, the send under way in this process (see `inTurn`). */
  private readonly sending = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: PipelineDeps) {}

  /** Stores a notification once and queues its resolution; 'duplicate' when it was here already. Resolves once it is committed. */
  store(notificatie: Notificatie): Promise<Stored> {
    return this.inbox.add(notificatie);
  }

  /** Each notification once (by hash), each with its job, in one statement. */
  private async storeAll(batch: Notificatie[]): Promise<Stored[]> {
    const hashes = batch.map(notificatieHash);
    const firstOfHash = new Map<string, number>();
    hashes.forEach((hash, i) => firstOfHash.has(hash) || firstOfHash.set(hash, i));
    const unique = [...firstOfHash].map(([hash, i]) => ({ hash, n: batch[i]! }));
    const { rows } = await sql<{ body_hash: string }>`
      with stored as (
        insert into notification_inbox (body_hash, kanaal, resource, actie, resource_url, body)
        select * from unnest(${unique.map((u) => u.hash)}::text[], ${unique.map((u) => u.n.kanaal)}::text[], ${unique.map((u) => u.n.resource)}::text[],
          ${unique.map((u) => u.n.actie)}::text[], ${unique.map((u) => u.n.resourceUrl)}::text[], ${unique.map((u) => JSON.stringify(u.n))}::jsonb[])
        on conflict (body_hash) do nothing
        returning id, body_hash
      )
      ${jobsForEach('stored', { queue: queues.resolve, payload: sql`jsonb_build_object('inboxId', id::text)`, maxAttempts: 12 })}
      select body_hash from stored`.execute(this.deps.db);
    const stored = new Set(rows.map((row) => row.body_hash));
    return hashes.map((hash, i) => (stored.has(hash) && firstOfHash.get(hash) === i ? 'stored' : 'duplicate'));
  }

  /** Job handler: notifications → changes per person → a send job per person. */
  async resolve(jobs: ClaimedJob[]): Promise<JobOutcome[]> {
    const ids = jobs.map((job) => (job.payload as { inboxId: string }).inboxId);
    const rows = await this.deps.db.selectFrom('notification_inbox').select(['id', 'body']).where('id', 'in', ids).execute();
    const bodies = new Map(rows.map((row) => [String(row.id), (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as Notificatie]));
    // The sources get a bounded number of questions at a time, and each question once per batch.
    const limit = pLimit(16);
    const ask = this.askOnce();
    const found: (Change & { inboxId: string })[] = [];
    const outcomes = await Promise.all(
      ids.map((inboxId) =>
        limit(async (): Promise<JobOutcome> => {
          const body = bodies.get(inboxId);
          if (!body) return { ok: true };
          try {
            for (const change of await this.changesOf(body, ask)) found.push({ ...change, inboxId });
            return { ok: true };
          } catch (error) {
            if (error instanceof SourceUnavailableError) return { ok: false, error: `${error.source}: ${error.reason}` };
            throw error;
          }
        }),
      ),
    );
    await this.record(found);
    return outcomes;
  }

  /**
   * Asks each question of a batch once; and once a source did not answer at all (no answer in
   * time, no connection), the rest of the batch does not wait for it again: those notifications
   * are tried again later, as that one is. So a batch whose source hangs takes about one source
   * deadline, not one per 16 notifications.
   */
  private askOnce(): Ask {
    const memo = memoize();
    const down = new Map<string, SourceUnavailableError>();
    return (source, key, compute) => {
      const failed = down.get(source);
      if (failed) return Promise.reject(failed);
      return memo(key, () =>
        compute().catch((error: unknown) => {
          if (error instanceof SourceUnavailableError && (error.reason === 'timeout' || error.reason === 'network')) down.set(source, error);
          throw error;
        }),
      );
    };
  }

  /** What a notification means, for whom. Notifications Voordeur does not tell people about mean nothing. */
  private async changesOf(n: Notificatie, ask: Ask): Promise<Change[]> {
    if (n.kanaal === 'zaken' && n.resource === 'status' && n.actie === 'create') {
      const index = this.deps.zaaksystemen.findIndex((s) => s.holdsZaak(n.hoofdObject));
      const system = this.deps.zaaksystemen[index];
      if (!system) return [];
      const subjects = await ask(`zaaksysteem ${index}`, `initiators ${n.hoofdObject}`, () => system.initiatorsOf(n.hoofdObject));
      return subjects.map((subject) => ({ subject, topic: 'zaak', key: `zaak-status:${n.resourceUrl}` }));
    }
    const objecten = this.deps.objecten;
    if (objecten && n.kanaal === 'objecten' && n.actie === 'create') {
      const type = n.kenmerken?.objectType ?? n.kenmerken?.object_type;
      const topic: Topic | undefined = type && type === objecten.taak ? 'taak' : type && type === objecten.bericht ? 'bericht' : undefined;
      if (!topic) return [];
      const data = await ask('objecten', `object ${n.resourceUrl}`, () => objecten.api.dataAt(n.resourceUrl));
      const identificatie = data?.identificatie as { type?: string; value?: string } | undefined;
      const subject: Subject | undefined =
        identificatie?.type === 'bsn' && identificatie.value ? { type: 'persoon', bsn: identificatie.value } : identificatie?.type === 'kvk' && identificatie.value ? { type: 'bedrijf', kvkNummer: identificatie.value } : undefined;
      if (!subject || !data || !belongsTo(data, subject)) return [];
      const uuid = n.resourceUrl.split('/').filter(Boolean).at(-1);
      return [{ subject, topic, key: `${topic}:${uuid}` }];
    }
    return [];
  }

  /**
   * Stores each change once per person and, in the same statement, makes sure a send job is
   * pending for each person with a new change (so that a crash in between cannot leave a change
   * that no job will send): now, unless a message went to them within the bundle window, then at
   * the end of it.
   */
  async record(changes: (Change & { inboxId?: string })[]): Promise<void> {
    if (changes.length === 0) return;
    const { db, keys } = this.deps;
    // Each person's identity sealed once, however many changes they have here.
    const sealedOnce = memoize();
    const rows = changes.map((change) => {
      const key = keys.subject(change.subject);
      return { key, change: change.key, topic: change.topic, sealed: sealedOnce(key, () => keys.seal(change.subject)), inbox: change.inboxId ?? null };
    });
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
        queue: queues.send,
        payload: sql`jsonb_build_object('subjectKey', subject_key)`,
        dedupeKey: sql<string>`subject_key`,
        runAt: sql<Date>`greatest(now(), coalesce(last_message + ${interval(this.deps.bundleWindowMs)}, now()))`,
        maxAttempts: 10,
      })}
      select count(*) from new`.execute(db);
  }

  /** Job handler: one message per channel about a person's unsent changes. People side by side, each person's jobs in turn. */
  async send(jobs: ClaimedJob[]): Promise<JobOutcome[]> {
    const limit = pLimit(16);
    const byPerson = new Map<string, number[]>();
    jobs.forEach((job, i) => {
      const { subjectKey } = job.payload as { subjectKey: string };
      byPerson.set(subjectKey, [...(byPerson.get(subjectKey) ?? []), i]);
    });
    const outcomes: JobOutcome[] = [];
    await Promise.all(
      [...byPerson].map(([subjectKey, indexes]) =>
        limit(async () => {
          for (const i of indexes) outcomes[i] = await this.inTurn(subjectKey, () => this.sendFor(subjectKey));
        }),
      ),
    );
    return outcomes;
  }

  /**
   * One send at a time per person in this process: a job for someone whose message is being sent
   * by another batch here waits for it, instead of finding that message held and coming back
   * when the hold ends. (Between processes the hold does this.)
   */
  private async inTurn<T>(subjectKey: string, work: () => Promise<T>): Promise<T> {
    const before = this.sending.get(subjectKey);
    const mine = before ? before.then(work, work) : work();
    this.sending.set(subjectKey, mine);
    try {
      return await mine;
    } finally {
      if (this.sending.get(subjectKey) === mine) this.sending.delete(subjectKey);
    }
  }

  private async sendFor(subjectKey: string): Promise<JobOutcome> {
    const { db, keys } = this.deps;
    try {
      // First what a worker that died may have left half done.
      const busy = await this.finishAbandoned(subjectKey);

      const changes = await db.selectFrom('notification_changes').select(['id', 'topic', 'subject_sealed']).where('subject_key', '=', subjectKey).where('message_group', 'is', null).execute();
      const sealed = changes.find((c) => c.subject_sealed)?.subject_sealed;
      if (changes.length > 0 && sealed) await this.sendNew(subjectKey, keys.unseal(sealed), changes as { id: string; topic: Topic }[]);

      // A message to this person still on its way with another worker: come back when that worker's hold ends, in case it died.
      if (busy) return { ok: false, error: 'another worker is sending a message to this person', retryAt: busy };
      return { ok: true };
    } catch (error) {
      if (error instanceof SourceUnavailableError) return { ok: false, error: `${error.source}: ${error.reason}` };
      if (error instanceof NotifyError && error.retryable) return { ok: false, error: `notify: ${error.status ?? 'no answer'}` };
      throw error;
    }
  }

  /**
   * Delivers the person's messages still marked 'sending' whose worker's hold has ended (it
   * died or gave up), each taken over by one worker only. Returns when the hold ends of any
   * such message another worker still has, if any.
   */
  private async finishAbandoned(subjectKey: string): Promise<Date | undefined> {
    // In one statement: take over the messages whose hold has ended, and see until when the
    // others (still another worker's) are held. The second part reads the rows as they were
    // before the first part, so the messages taken over are not among them.
    const { rows } = await sql<{ id: string | null; channel: Channel | null; message_group: string | null; held: Date | null }>`
      with taken as (
        update notification_messages set locked_until = ${this.holdUntil()}
        where subject_key = ${subjectKey} and state = 'sending' and (locked_until is null or locked_until <= now())
        returning id, channel, message_group
      )
      select id, channel, message_group, null::timestamptz as held from taken
      union all
      select null, null, null, max(locked_until) from notification_messages
      where subject_key = ${subjectKey} and state = 'sending' and locked_until > now()`.execute(this.deps.db);
    for (const message of rows) {
      if (!message.id || !message.channel || !message.message_group) continue;
      await this.deliver(message.id, message.channel, undefined, message.message_group);
      await this.forget(message.message_group);
    }
    const held = rows.find((row) => !row.id)?.held;
    return held ? new Date(held) : undefined;
  }

  /** Claims these unsent changes, records a message per channel, and sends them. Another worker that got here too finds nothing left to claim. */
  private async sendNew(subjectKey: string, subject: Subject, changes: { id: string; topic: Topic }[]): Promise<void> {
    const { db } = this.deps;
    const [preferences, lang] = await Promise.all([this.deps.preferences.get(subject), this.deps.preferences.language(subject)]);
    // The addresses only when some channel is wanted for what may be sent.
    const anyWanted = this.plan(preferences, [], new Set(changes.map((c) => c.topic))).some((p) => p.reason !== 'voorkeur-uit');
    const adressen = anyWanted && this.deps.notify && this.deps.contacts ? await this.deps.contacts.adressen(subject) : [];
    const group = randomUUID();
    const claimed = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('notification_changes')
        .set({ message_group: group })
        .where('id', 'in', changes.map((c) => c.id))
        .where('message_group', 'is', null)
        .returning('topic')
        .execute();
      if (rows.length === 0) return undefined;
      const topics = new Set(rows.map((r) => r.topic as Topic));
      const plan = this.plan(preferences, adressen, topics);
      await trx
        .insertInto('notification_messages')
        .values(
          plan.map((p) => ({
            id: `${group}:${p.channel}`,
            message_group: group,
            subject_key: subjectKey,
            channel: p.channel,
            state: p.address ? ('sending' as const) : ('skipped' as const),
            reason: p.reason ?? null,
            changes: rows.length,
            locked_until: p.address ? this.holdUntil() : null,
            address_key: p.address ? this.deps.keys.address(p.address) : null,
          })),
        )
        .execute();
      return { plan, topics };
    });
    if (!claimed) return;
    for (const p of claimed.plan) if (!p.address) this.deps.count?.(p.channel, 'skipped');
    // E-mail and SMS side by side; when one cannot be sent now, the other is still tried.
    const sends = await Promise.allSettled(
      claimed.plan.flatMap((p) => (p.address ? [this.deliver(`${group}:${p.channel}`, p.channel, { address: p.address, topics: claimed.topics, lang }, group)] : [])),
    );
    const failed = sends.find((send): send is PromiseRejectedResult => send.status === 'rejected');
    if (failed) throw failed.reason;
    await this.forget(group);
  }

  private holdUntil() {
    return sql<Date>`now() + ${interval(this.deps.messageLeaseMs)}`;
  }

  /** Per channel: the address to send to, or why not. */
  private plan(preferences: Preferences, adressen: DigitaalAdres[], topics: Set<Topic>): { channel: Channel; address?: string; reason?: string }[] {
    const wanted = channels.filter((channel) => [...topics].some((topic) => preferences[channel][topic]));
    if (wanted.length === 0) return [{ channel: 'email', reason: 'voorkeur-uit' }];
    if (!this.deps.notify) return wanted.map((channel) => ({ channel, reason: 'geen-notify' }));
    return wanted.map((channel) => {
      const adres = adressen.find((a) => addressChannel[a.soort] === channel && a.geverifieerd);
      return adres ? { channel, address: adres.adres } : { channel, reason: 'geen-bevestigd-adres' };
    });
  }

  /**
   * Sends one recorded message. When it cannot be sent now, the hold on it ends at once, so that
   * the next try need not wait for it; except when Notify did not answer: it may still take the
   * message, so the next try waits for the hold to end and then asks Notify first.
   */
  private async deliver(id: string, channel: string, content: MessageContent | undefined, group: string): Promise<void> {
    try {
      await this.deliverOnce(id, channel, content, group);
    } catch (error) {
      const unanswered = error instanceof NotifyError && error.status === undefined;
      if (!unanswered) {
        await this.deps.db
          .updateTable('notification_messages')
          .set({ locked_until: null })
          .where('id', '=', id)
          .where('state', '=', 'sending')
          .execute()
          .catch(() => undefined); // the error that matters is the first one
      }
      throw error;
    }
  }

  /**
   * Without `content` the message is one taken over from a worker that died: unless Notify
   * already has it (by reference), it is sent to the address looked up again. A message Notify
   * refuses for good (a bad address, a wrong template) is recorded as failed, not retried.
   */
  private async deliverOnce(id: string, channel: string, content: MessageContent | undefined, group: string): Promise<void> {
    const { db, notify } = this.deps;
    if (!notify) return;
    if (!content) {
      const earlier = await notify.client.sentWithReference(id);
      if (earlier) return this.markSent(id, earlier);
    }
    const message = content ?? (await this.recover(group, channel));
    if (!message) {
      await db.updateTable('notification_messages').set({ state: 'failed', reason: 'onderwerp-onbekend' }).where('id', '=', id).execute();
      return;
    }
    const templates = (message.lang === 'en' && notify.templates.en) || notify.templates.nl;
    const lang: Lang = templates === notify.templates.en ? 'en' : 'nl';
    const personalisation = { wat: whatChanged(message.topics, lang), portaal: this.deps.portal.name[lang], adres: this.deps.portal.address };
    let sent: { id: string };
    try {
      sent =
        channel === 'email'
          ? await notify.client.sendEmail(templates.email, message.address, personalisation, id)
          : await notify.client.sendSms(templates.sms, message.address, personalisation, id);
    } catch (error) {
      if (!(error instanceof NotifyError) || error.retryable) throw error;
      await db.updateTable('notification_messages').set({ state: 'failed', reason: `notify-${error.status}${error.code ? `-${error.code}` : ''}` }).where('id', '=', id).execute();
      this.deps.log.warn({ message: id, status: error.status, code: error.code }, 'notification refused by Notify');
      this.deps.count?.(channel as Channel, 'failed');
      return;
    }
    await this.markSent(id, sent.id);
    this.deps.count?.(channel as Channel, 'sent');
  }

  /** Marks a message sent and, in the same statement, plans asking Notify later what became of it. */
  private async markSent(id: string, notifyId: string): Promise<void> {
    await sql`
      with sent as (
        update notification_messages set state = 'sent', notify_id = ${notifyId}, sent_at = now(), locked_until = null
        where id = ${id} and state = 'sending'
        returning id
      )
      ${jobsForEach('sent', {
        queue: queues.delivery,
        payload: sql`jsonb_build_object('messageId', id)`,
        runAt: sql<Date>`now() + ${interval(this.deps.deliveryCheckMs)}`,
        maxAttempts: 8,
      })}
      select id from sent`.execute(this.deps.db);
  }

  /**
   * Job handler: asks Notify what became of sent messages and records it. A message still on its
   * way is asked about again later (after twice as long a wait each time); one that did not
   * arrive (an address that does not exist, a full inbox) is logged and counted, for beheer.
   */
  async checkDelivery(jobs: ClaimedJob[]): Promise<JobOutcome[]> {
    const { db, notify } = this.deps;
    const ids = jobs.map((job) => (job.payload as { messageId: string }).messageId);
    const messages = new Map((await db.selectFrom('notification_messages').select(['id', 'channel', 'notify_id']).where('id', 'in', ids).execute()).map((m) => [m.id, m]));
    const limit = pLimit(16);
    return Promise.all(
      jobs.map((job, i) =>
        limit(async (): Promise<JobOutcome> => {
          const message = messages.get(ids[i]!);
          if (!message?.notify_id || !notify) return { ok: true };
          let status: string;
          try {
            status = await notify.client.status(message.notify_id);
          } catch (error) {
            if (!(error instanceof NotifyError)) throw error;
            if (error.retryable) return { ok: false, error: `notify: ${error.status ?? 'no answer'}` };
            status = 'onbekend'; // Notify no longer knows it (it keeps messages for 7 days)
          }
          await db.updateTable('notification_messages').set({ delivery_status: status, delivery_checked_at: new Date() }).where('id', '=', message.id).execute();
          if (onItsWay.has(status)) {
            return { ok: false, error: `notify: still ${status}`, retryAt: new Date(Date.now() + this.deps.deliveryCheckMs * 2 ** job.attempts) };
          }
          this.deps.countDelivery?.(message.channel, status);
          if (notDelivered.includes(status)) this.deps.log.warn({ message: message.id, channel: message.channel, status }, 'notification not delivered');
          return { ok: true };
        }),
      ),
    );
  }

  /** After a crash: the address and the words of a message that was recorded but perhaps not sent. */
  private async recover(group: string, channel: string): Promise<MessageContent | undefined> {
    const changes = await this.deps.db.selectFrom('notification_changes').select(['topic', 'subject_sealed']).where('message_group', '=', group).execute();
    const sealed = changes.find((c) => c.subject_sealed)?.subject_sealed;
    if (!sealed) return undefined;
    const subject = this.deps.keys.unseal(sealed);
    const [adressen, lang] = await Promise.all([this.deps.contacts?.adressen(subject), this.deps.preferences.language(subject)]);
    const adres = adressen?.find((a) => addressChannel[a.soort] === channel && a.geverifieerd);
    return adres && { address: adres.adres, topics: new Set(changes.map((c) => c.topic as Topic)), lang };
  }

  /** Forgets handled changes and notifications from before `olderThan` (messages stay, as the record of what was sent). */
  async purge(olderThan: Date): Promise<void> {
    const { db } = this.deps;
    await db.deleteFrom('notification_changes').where('created_at', '<', olderThan).where('message_group', 'is not', null).execute();
    await db
      .deleteFrom('notification_inbox')
      .where('received_at', '<', olderThan)
      .where(({ not, exists, selectFrom, ref }) => not(exists(selectFrom('notification_changes').select('id').whereRef('notification_changes.inbox_id', '=', ref('notification_inbox.id')))))
      .execute();
  }

  /** Once every message of a group is sent or failed, the identity is no longer kept. */
  private async forget(group: string): Promise<void> {
    await this.deps.db
      .updateTable('notification_changes')
      .set({ subject_sealed: null })
      .where('message_group', '=', group)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('notification_messages').select('id').where('message_group', '=', group).where('state', '=', 'sending'))),
      )
      .execute();
  }
}
