/**
 * Notificaties put together: the pipeline (store → resolve → send) over the job queue, the
 * worker that runs it (inside the web process by default, or on its own with `npm run worker`),
 * and the metrics. Used by the web application and by the worker process.
 */
import client from 'prom-client';
import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { Log } from '../../platform/logging.ts';
import { JobQueue } from '../../platform/queue/queue.ts';
import { Worker } from '../../platform/queue/worker.ts';
import type { Sources } from '../../sources/index.ts';
import { PreferencesStore } from '../../sources/voordeur/preferences.ts';
import { NotificationPipeline, queues } from './pipeline.ts';

export interface Notificaties {
  pipeline: NotificationPipeline;
  queue: JobQueue;
  worker: Worker;
  received: client.Counter<'outcome'>;
  /** Starts the worker and its daily clean-up; returns what stops both. */
  run(): () => Promise<void>;
}

/** Finished jobs, handled notifications and changes are kept this long (for beheer), then removed. */
const keepMs = 30 * 24 * 60 * 60 * 1000;

export function notificaties(config: Config, deps: { db: Db; metrics: Metrics; keys: IdentityKeys; sources: Sources; log: Log }): Notificaties {
  const { db, metrics, keys, sources } = deps;
  const queue = new JobQueue(db, { metrics });
  const templates = config.notificaties.templates;
  const deliveries = new client.Counter({ name: 'voordeur_notification_deliveries_total', help: 'What Notify said became of sent messages, by channel and status (delivered, permanent-failure, temporary-failure, technical-failure).', labelNames: ['channel', 'status'], registers: [metrics.registry] });
  const messages = new client.Counter({ name: 'voordeur_notification_messages_total', help: 'Messages about changes, by channel and end state (sent, failed, skipped).', labelNames: ['channel', 'state'], registers: [metrics.registry] });
  const pipeline = new NotificationPipeline({
    db,
    keys,
    zaaksystemen: sources.zaaksystemen,
    objecten: sources.objecten && { api: sources.objecten, taak: config.objecten?.objecttypen.taak, bericht: config.objecten?.objecttypen.bericht },
    preferences: new PreferencesStore(db, keys),
    contacts: sources.klantinteracties,
    notify: sources.notify && templates ? { client: sources.notify, templates } : undefined,
    bundleWindowMs: config.notificaties.bundleWindowMs,
    // A message's look-up and send at Notify, each within the source deadline, and a margin.
    messageLeaseMs: 2 * config.sources.timeoutMs + 1_000,
    portal: {
      name: { nl: `${config.theme.portalName} van ${config.theme.organisationName}`, en: `${config.theme.portalName} of ${config.theme.organisationName}` },
      address: config.publicUrl.host + config.publicUrl.pathname.replace(/\/$/, ''),
    },
    log: deps.log,
    count: (channel, state) => messages.inc({ channel, state }),
    deliveryCheckMs: config.notificaties.deliveryCheckMs,
    countDelivery: (channel, status) => deliveries.inc({ channel, status }),
  });
  const { batchSize, sendBatchSize, leaseMs, pollMs } = config.notificaties.worker;
  const worker = new Worker(queue, { [queues.resolve]: (jobs) => pipeline.resolve(jobs), [queues.send]: (jobs) => pipeline.send(jobs), [queues.delivery]: (jobs) => pipeline.checkDelivery(jobs) }, {
    log: deps.log,
    metrics,
    backoff: { baseMs: config.notificaties.retryBaseMs, maxMs: 3_600_000 },
    leaseMs,
    pollMs,
    // Two batches in hand per lane: one is handled while the other waits for the database or a source.
    concurrency: 2,
    // Resolving apart from sending: a batch of sends waits for Notify, and must not hold up the
    // notifications coming in, which go quicker per notification the more there are in a batch
    // (each zaak's initiators are asked once per batch).
    lanes: [
      { queues: [queues.resolve], batchSize },
      { queues: [queues.send, queues.delivery], batchSize: sendBatchSize },
    ],
  });
  const received = new client.Counter({ name: 'voordeur_notifications_received_total', help: 'Notifications at the callback, by outcome (stored, duplicate, invalid, refused).', labelNames: ['outcome'], registers: [metrics.registry] });
  const housekeeping = async () => {
    const before = new Date(Date.now() - keepMs);
    await queue.purge(before);
    await pipeline.purge(before);
  };
  return {
    pipeline,
    queue,
    worker,
    received,
    run() {
      worker.start();
      const timer = setInterval(() => housekeeping().catch((error: unknown) => deps.log.warn({ err: error }, 'notification clean-up failed')), 60 * 60 * 1000);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await worker.stop();
      };
    },
  };
}
