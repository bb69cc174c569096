/**
 * Delivery, the last stage (job handler): some minutes after a message was sent, Notify is asked
 * what became of it, and that is recorded for beheer (and for Mijn gegevens, which tells a person
 * when their address did not work). A message still on its way is asked about again later, after
 * twice as long a wait each time; one that did not arrive (an address that does not exist, a full
 * inbox) is logged and counted.
 */
import pLimit from 'p-limit';
import type { Channel } from '../../domain/preferences.ts';
import type { Log } from '../../platform/logging.ts';
import type { ClaimedJob } from '../../platform/queue/queue.ts';
import type { JobOutcome } from '../../platform/queue/worker.ts';
import { NotifyError, type NotifyClient } from '../../sources/notify/notify.ts';
import type { DeliveryJob, NotificationMessages } from '../../sources/voordeur/notification-messages.ts';
import { notifyLater } from './outcomes.ts';

/** Notify's statuses of a message still on its way; any other is final. */
const onItsWay = new Set(['created', 'sending', 'pending']);
/** Notify's statuses of a message that did not arrive. */
export const notDelivered = ['permanent-failure', 'temporary-failure', 'technical-failure'] as const;

export interface DeliveryDeps {
  messages: Pick<NotificationMessages, 'sent' | 'recordDelivery'>;
  notify?: { client: Pick<NotifyClient, 'status'> };
  /** How long after sending Notify is first asked; each next time twice as long. */
  deliveryCheckMs: number;
  log: Log;
  /** Counts what Notify said became of sent messages (metrics). */
  count?: (channel: Channel, status: string) => void;
}

export class DeliveryCheck {
  constructor(private readonly deps: DeliveryDeps) {}

  /** Job handler: asks Notify what became of sent messages and records it. */
  async check(jobs: ClaimedJob[]): Promise<JobOutcome[]> {
    const { messages, notify } = this.deps;
    const ids = jobs.map((job) => (job.payload as DeliveryJob).messageId);
    const sent = await messages.sent(ids);
    const limit = pLimit(16);
    return Promise.all(
      jobs.map((job, i) =>
        limit(async (): Promise<JobOutcome> => {
          const message = sent.get(ids[i]!);
          if (!message?.notifyId || !notify) return { ok: true };
          let status: string;
          try {
            status = await notify.client.status(message.notifyId);
          } catch (error) {
            if (!(error instanceof NotifyError)) throw error;
            if (error.retryable) return notifyLater(error);
            status = 'onbekend'; // Notify no longer knows it (it keeps messages for 7 days)
          }
          await messages.recordDelivery(message.id, status);
          if (onItsWay.has(status)) {
            return { ok: false, error: `notify: still ${status}`, retryAt: new Date(Date.now() + this.deps.deliveryCheckMs * 2 ** job.attempts) };
          }
          this.deps.count?.(message.channel, status);
          if ((notDelivered as readonly string[]).includes(status))
            this.deps.log.warn({ message: message.id, channel: message.channel, status }, 'notification not delivered');
          return { ok: true };
        }),
      ),
    );
  }
}
