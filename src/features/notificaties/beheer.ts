/**
 * What operators see of notifications (`npm run beheer`): tables of plain values, never a BSN,
 * an e-mail address or a phone number (people are keyed hashes, messages their ids).
 */
import type { Db } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import { messageCounts, messagesInTrouble } from '../../sources/voordeur/notification-messages.ts';
import { notDelivered } from './delivery.ts';

export type Table = Record<string, unknown>[];

/** Jobs per queue (pending, running, failed, age of the oldest), and messages per channel, state and delivery status. */
export async function status(db: Db, queue: JobQueue): Promise<{ jobs: Table; messages: Table }> {
  const [jobs, messages] = await Promise.all([queue.stats(), messageCounts(db)]);
  return { jobs: jobs.map((q) => ({ ...q })), messages };
}

/** Failed jobs with their reason; messages refused, not sent, or not delivered, newest first. */
export async function failures(db: Db, queue: JobQueue, limit = 100): Promise<{ jobs: Table; messages: Table }> {
  const [jobs, messages] = await Promise.all([queue.list('failed', { limit }), messagesInTrouble(db, notDelivered, limit)]);
  return {
    jobs: jobs.map((job) => ({ id: job.id, queue: job.queue, attempts: job.attempts, reason: job.lastError, since: job.createdAt.toISOString() })),
    messages,
  };
}
