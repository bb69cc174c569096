/**
 * What operators see of notifications (`npm run beheer`): tables of plain values, never a BSN,
 * an e-mail address or a phone number (people are keyed hashes, messages their ids).
 */
import type { Db } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import { notDelivered } from './pipeline.ts';

export type Table = Record<string, unknown>[];

/** Jobs per queue (pending, running, failed, age of the oldest), and messages per channel, state and delivery status. */
export async function status(db: Db, queue: JobQueue): Promise<{ jobs: Table; messages: Table }> {
  const [jobs, messages] = await Promise.all([
    queue.stats(),
    db
      .selectFrom('notification_messages')
      .select(['channel', 'state', 'delivery_status', (eb) => eb.fn.countAll<string>().as('messages')])
      .groupBy(['channel', 'state', 'delivery_status'])
      .orderBy(['channel', 'state', 'delivery_status'])
      .execute(),
  ]);
  return { jobs: jobs.map((q) => ({ ...q })), messages: messages.map((m) => ({ ...m, messages: Number(m.messages) })) };
}

/** Failed jobs with their reason; messages refused, not sent, or not delivered, newest first. */
export async function failures(db: Db, queue: JobQueue, limit = 100): Promise<{ jobs: Table; messages: Table }> {
  const [jobs, messages] = await Promise.all([
    queue.list('failed', { limit }),
    db
      .selectFrom('notification_messages')
      .select(['id', 'channel', 'state', 'reason', 'delivery_status', 'created_at'])
      .where((eb) => eb.or([eb('state', 'in', ['failed', 'sending']), eb('delivery_status', 'in', notDelivered)]))
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return {
    jobs: jobs.map((job) => ({ id: job.id, queue: job.queue, attempts: job.attempts, reason: job.lastError, since: job.createdAt.toISOString() })),
    messages: messages.map((m) => ({ ...m, created_at: new Date(m.created_at).toISOString() })),
  };
}
