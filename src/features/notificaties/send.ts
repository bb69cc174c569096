/**
 * Send, the third stage (job handler): a person's unsent changes go out as one message per
 * channel they chose and have a confirmed address for. The changes are claimed and the messages
 * recorded as 'sending' in one transaction, before Notify is called with the message's id as its
 * reference. The worker sending a message holds it for `messageLeaseMs`, longer than its Notify
 * calls can take; only after that may another worker take it over (its worker died), and that one
 * first asks Notify for the reference, so that a message Notify already has is never sent again.
 * Two send jobs for one person may run at once on two workers (in one process they take turns):
 * each change and each message is claimed by one worker at a time.
 */
import pLimit from 'p-limit';
import type { Subject } from '../../domain/identity.ts';
import type { DigitaalAdres } from '../../domain/persoon.ts';
import { channelOf, channels, type Channel, type Preferences, type Topic } from '../../domain/preferences.ts';
import type { Lang } from '../../platform/i18n/index.ts';
import type { Log } from '../../platform/logging.ts';
import type { ClaimedJob } from '../../platform/queue/queue.ts';
import type { JobOutcome } from '../../platform/queue/worker.ts';
import { NotifyError, type NotifyClient } from '../../sources/notify/notify.ts';
import type { NotificationMessages, PlannedMessage, SendJob } from '../../sources/voordeur/notification-messages.ts';
import { personalisation, type Portal } from './message-text.ts';
import { retryLater } from './outcomes.ts';

/** A Notify template id per channel. */
export interface Templates {
  email: string;
  sms: string;
}

export interface SendDeps {
  messages: Pick<NotificationMessages, 'unsent' | 'takeOverAbandoned' | 'claim' | 'content' | 'release' | 'markFailed' | 'markSent' | 'forget'>;
  preferences: { get(subject: Subject): Promise<Preferences>; language(subject: Subject): Promise<Lang> };
  contacts?: { adressen(subject: Subject): Promise<DigitaalAdres[]> };
  /** Without it, nothing is sent: messages are recorded as skipped ('geen-notify'). English templates fall back to Dutch. */
  notify?: { client: Pick<NotifyClient, 'sendEmail' | 'sendSms' | 'sentWithReference'>; templates: { nl: Templates; en?: Templates } };
  portal: Portal;
  log: Log;
  /** Counts each message's end state (metrics). */
  count?: (channel: Channel, state: 'sent' | 'failed' | 'skipped') => void;
  /** Told when a message of this group went out (e.g. the organisations whose berichten it was about); a failure there is logged, the message stays sent. */
  notified?: (group: string, channel: Channel) => Promise<void>;
}

/** What a message says and where it goes. */
interface MessageContent {
  address: string;
  topics: Set<Topic>;
  lang: Lang;
}

export class Sender {
  /** Per person, the send under way in this process (see `inTurn`). */
  private readonly sending = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: SendDeps) {}

  /** Job handler: one message per channel about a person's unsent changes. People side by side, each person's jobs in turn. */
  async send(jobs: ClaimedJob[]): Promise<JobOutcome[]> {
    const limit = pLimit(16);
    const byPerson = new Map<string, number[]>();
    jobs.forEach((job, i) => {
      const { subjectKey } = job.payload as SendJob;
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
    try {
      // First what a worker that died may have left half done.
      const busy = await this.finishAbandoned(subjectKey);

      const unsent = await this.deps.messages.unsent(subjectKey);
      if (unsent) await this.sendNew(subjectKey, unsent.subject, unsent.changes);

      // A message to this person still on its way with another worker: come back when that worker's hold ends, in case it died.
      if (busy) return { ok: false, error: 'another worker is sending a message to this person', retryAt: busy };
      return { ok: true };
    } catch (error) {
      return retryLater(error);
    }
  }

  /**
   * Delivers the person's messages still marked 'sending' whose worker's hold has ended (it
   * died or gave up), each taken over by one worker only. Returns when the hold ends of any
   * such message another worker still has, if any.
   */
  private async finishAbandoned(subjectKey: string): Promise<Date | undefined> {
    const { taken, heldUntil } = await this.deps.messages.takeOverAbandoned(subjectKey);
    for (const message of taken) {
      await this.deliver(message.id, message.channel, undefined, message.group);
      await this.deps.messages.forget(message.group);
    }
    return heldUntil;
  }

  /** Claims these unsent changes, records a message per channel, and sends them. Another worker that got here too finds nothing left to claim. */
  private async sendNew(subjectKey: string, subject: Subject, changes: { id: string; topic: Topic }[]): Promise<void> {
    const [preferences, lang] = await Promise.all([this.deps.preferences.get(subject), this.deps.preferences.language(subject)]);
    // The addresses only when some channel is wanted for what may be sent.
    const anyWanted = this.plan(preferences, [], new Set(changes.map((c) => c.topic))).some((p) => p.reason !== 'voorkeur-uit');
    const adressen = anyWanted && this.deps.notify && this.deps.contacts ? await this.deps.contacts.adressen(subject) : [];
    const claimed = await this.deps.messages.claim(
      subjectKey,
      changes.map((c) => c.id),
      (topics) => this.plan(preferences, adressen, topics),
    );
    if (!claimed) return;
    for (const m of claimed.messages) if (!m.address) this.deps.count?.(m.channel, 'skipped');
    // E-mail and SMS side by side; when one cannot be sent now, the other is still tried.
    const sends = await Promise.allSettled(
      claimed.messages.flatMap((m) => (m.address ? [this.deliver(m.id, m.channel, { address: m.address, topics: claimed.topics, lang }, claimed.group)] : [])),
    );
    const failed = sends.find((send): send is PromiseRejectedResult => send.status === 'rejected');
    if (failed) throw failed.reason;
    await this.deps.messages.forget(claimed.group);
  }

  /** Per channel: the address to send to, or why not. */
  private plan(preferences: Preferences, adressen: DigitaalAdres[], topics: Set<Topic>): PlannedMessage[] {
    const wanted = channels.filter((channel) => [...topics].some((topic) => preferences[channel][topic]));
    if (wanted.length === 0) return [{ channel: 'email', reason: 'voorkeur-uit' }];
    if (!this.deps.notify) return wanted.map((channel) => ({ channel, reason: 'geen-notify' }));
    return wanted.map((channel) => {
      const adres = confirmedAddress(adressen, channel);
      return adres ? { channel, address: adres } : { channel, reason: 'geen-bevestigd-adres' };
    });
  }

  /**
   * Sends one recorded message. When it cannot be sent now, the hold on it ends at once, so that
   * the next try need not wait for it; except when Notify did not answer: it may still take the
   * message, so the next try waits for the hold to end and then asks Notify first.
   */
  private async deliver(id: string, channel: Channel, content: MessageContent | undefined, group: string): Promise<void> {
    try {
      await this.deliverOnce(id, channel, content, group);
    } catch (error) {
      const unanswered = error instanceof NotifyError && error.status === undefined;
      if (!unanswered) await this.deps.messages.release(id).catch(() => undefined); // the error that matters is the first one
      throw error;
    }
  }

  /**
   * Without `content` the message is one taken over from a worker that died: unless Notify
   * already has it (by reference), it is sent to the address looked up again. A message Notify
   * refuses for good (a bad address, a wrong template) is recorded as failed, not retried.
   */
  private async deliverOnce(id: string, channel: Channel, content: MessageContent | undefined, group: string): Promise<void> {
    const { messages, notify } = this.deps;
    if (!notify) return;
    if (!content) {
      const earlier = await notify.client.sentWithReference(id);
      if (earlier) {
        await messages.markSent(id, earlier);
        return this.tellSent(group, channel);
      }
    }
    const message = content ?? (await this.recover(group, channel));
    if (!message) return messages.markFailed(id, 'onderwerp-onbekend');
    const templates = (message.lang === 'en' && notify.templates.en) || notify.templates.nl;
    const lang: Lang = templates === notify.templates.en ? 'en' : 'nl';
    const words = personalisation(message.topics, lang, this.deps.portal);
    let sent: { id: string };
    try {
      sent =
        channel === 'email'
          ? await notify.client.sendEmail(templates.email, message.address, words, id)
          : await notify.client.sendSms(templates.sms, message.address, words, id);
    } catch (error) {
      if (!(error instanceof NotifyError) || error.retryable) throw error;
      await messages.markFailed(id, `notify-${error.status}${error.code ? `-${error.code}` : ''}`);
      this.deps.log.warn({ message: id, status: error.status, code: error.code }, 'notification refused by Notify');
      this.deps.count?.(channel, 'failed');
      return;
    }
    await messages.markSent(id, sent.id, content ? undefined : message.address);
    this.deps.count?.(channel, 'sent');
    await this.tellSent(group, channel);
  }

  private async tellSent(group: string, channel: Channel): Promise<void> {
    await this.deps.notified?.(group, channel).catch((error: unknown) => this.deps.log.warn({ err: error, group }, 'could not tell that a message went out'));
  }

  /** After a crash: the address and the words of a message that was recorded but perhaps not sent. */
  private async recover(group: string, channel: Channel): Promise<MessageContent | undefined> {
    const content = await this.deps.messages.content(group);
    if (!content) return undefined;
    const [adressen, lang] = await Promise.all([this.deps.contacts?.adressen(content.subject), this.deps.preferences.language(content.subject)]);
    const address = confirmedAddress(adressen ?? [], channel);
    return address ? { address, topics: content.topics, lang } : undefined;
  }
}

/** The person's confirmed address that a channel sends to, if any. */
function confirmedAddress(adressen: DigitaalAdres[], channel: Channel): string | undefined {
  return adressen.find((a) => channelOf[a.soort] === channel && a.geverifieerd)?.adres;
}
