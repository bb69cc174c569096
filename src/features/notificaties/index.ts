/**
 * Notificaties: telling people that something changed for them, without saying what (no personal
 * data in a message). Four stages over the job queue, each in a module of its own:
 *
 * 1. inbox (inbox.ts): the callback stores each notification once, with its job;
 * 2. resolve (resolve.ts): who it is about and what changed; each change stored once per person,
 *    with a send job for the person;
 * 3. send (send.ts): the person's unsent changes as one message per channel they chose, at once
 *    or, within the bundle window after their last message, bundled at its end;
 * 4. delivery (delivery.ts): later, what Notify says became of each message.
 *
 * Jobs may run more than once (a killed worker's job runs again), and two send jobs for one person
 * may run at once on two workers: every step is idempotent, and each change and each message is
 * claimed by one worker at a time. What is stored is in sources/voordeur/notification-*.ts.
 *
 * `createNotificaties` builds the feature (its plugin is the callback, its background work the
 * worker, when it runs in the web process) and what the worker process and beheer need.
 */
import { h } from 'preact';
import type { Config } from '../../config.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Feature } from '../../platform/http/feature.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { Log } from '../../platform/logging.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { JobQueue } from '../../platform/queue/queue.ts';
import { type JobHandler, Worker } from '../../platform/queue/worker.ts';
import type { Sources } from '../../sources/index.ts';
import { NotificationInbox } from '../../sources/voordeur/notification-inbox.ts';
import { type Change, NotificationMessages } from '../../sources/voordeur/notification-messages.ts';
import { PreferencesStore } from '../../sources/voordeur/preferences.ts';
import type { Channel } from '../../domain/preferences.ts';
import { callbackRoutes } from './callback.ts';
import { DeliveryCheck } from './delivery.ts';
import { MeldingenDossier } from './dossier.tsx';
import { resendAction } from './resend.ts';
import { Inbox } from './inbox.ts';
import { plainAddress } from './message-text.ts';
import type { Notificatie } from '../../sources/notificaties/notificatie.ts';
import { type ResolveDeps, Resolver } from './resolve.ts';
import { Sender } from './send.ts';

/** The job queues of the stages. */
export const queues = { resolve: 'notificatie.resolve', send: 'notificatie.send', delivery: 'notificatie.delivery' } as const;

export interface NotificatiesDeps {
  /** Other queues this worker handles (e.g. the organisation API's webhooks), each in a lane of its own. */
  jobs?: Record<string, JobHandler>;
  db: Db;
  keys: IdentityKeys;
  metrics: Metrics;
  log: Log;
  sources: Pick<Sources, 'zaaksystemen' | 'objecten' | 'klantinteracties' | 'notify'> & Partial<Pick<Sources, 'answers'>>;
  /**
   * The settings it reads: its own; the object types of taken and berichten in the Objecten API;
   * the deadline of a source call (a message is held for two: look-up and send at Notify); and
   * the portal's name and address, which messages name.
   */
  config: Pick<Config, 'notificaties' | 'objecten' | 'sources' | 'theme' | 'publicUrl'> & Partial<Pick<Config, 'database'>>;
  /** Where a staff member's look at the messages sent to a person is recorded (the medewerkersportaal). */
  processingLog?: ProcessingLog;
  /** Aanvragen sent through Voordeur, when Aanvragen is there: a new zaak made of one is news for its sender. */
  aanvragen?: ResolveDeps['aanvragen'];
  /** Told when a message went out, with its group (the organisation API tells the organisations whose berichten it was about). */
  notified?: (group: string, channel: Channel) => Promise<void>;
}

export interface Notificaties {
  /** The callback route (when a callback secret is set) and, when the worker runs in this process, the worker. */
  feature: Feature;
  queue: JobQueue;
  worker: Worker;
  /** Starts the worker and its hourly clean-up; returns what stops both. */
  start(): () => Promise<void>;
  /** Forgets done jobs, handled changes and notifications from before `olderThan` (messages stay, as the record of what was sent). */
  purge(olderThan: Date): Promise<void>;
  /** Tells people about changes Voordeur itself stored (e.g. a bericht an organisation pushed), in the caller's transaction when given. */
  record(changes: Change[], db?: Db): Promise<void>;
}

/** The stores of the stages, each queueing its jobs in its queue. */
export function notificationStores(db: Db, keys: IdentityKeys, timing: { bundleWindowMs: number; deliveryCheckMs: number; messageLeaseMs: number }) {
  return {
    inbox: new NotificationInbox<Notificatie>(db, { queue: queues.resolve, maxAttempts: 12 }),
    messages: new NotificationMessages(db, keys, {
      sendJob: { queue: queues.send, maxAttempts: 10, bundleWindowMs: timing.bundleWindowMs },
      deliveryJob: { queue: queues.delivery, maxAttempts: 8, afterMs: timing.deliveryCheckMs },
      messageLeaseMs: timing.messageLeaseMs,
    }),
  };
}

/** Finished jobs, handled notifications and changes are kept this long (for beheer), then removed. */
const keepMs = 30 * 24 * 60 * 60 * 1000;

/** The longest an idle worker waits on PGlite before it looks again (jobs added without waking it). */
const pgliteIdleMaxMs = 5_000;

export function createNotificaties(deps: NotificatiesDeps): Notificaties {
  const { db, keys, metrics, log, sources, config } = deps;
  const settings = config.notificaties;
  const queue = new JobQueue(db, { metrics });
  const { inbox: inboxStore, messages } = notificationStores(db, keys, {
    bundleWindowMs: settings.bundleWindowMs,
    deliveryCheckMs: settings.deliveryCheckMs,
    // A message's look-up and send at Notify, each within the source deadline, and a margin.
    messageLeaseMs: 2 * config.sources.timeoutMs + 1_000,
  });
  const preferences = new PreferencesStore(db, keys);
  const notify = sources.notify && settings.templates ? { client: sources.notify, templates: settings.templates } : undefined;

  const received = metrics.counter({
    name: 'voordeur_notifications_received_total',
    help: 'Notifications at the callback, by outcome (stored, duplicate, invalid, refused).',
    labelNames: ['outcome'],
  });
  const sent = metrics.counter({
    name: 'voordeur_notification_messages_total',
    help: 'Messages about changes, by channel and end state (sent, failed, skipped).',
    labelNames: ['channel', 'state'],
  });
  const delivered = metrics.counter({
    name: 'voordeur_notification_deliveries_total',
    help: 'What Notify said became of sent messages, by channel and status (delivered, permanent-failure, temporary-failure, technical-failure).',
    labelNames: ['channel', 'status'],
  });

  const inbox = new Inbox(inboxStore);
  const resolver = new Resolver({
    inbox: inboxStore,
    messages,
    zaaksystemen: sources.zaaksystemen,
    aanvragen: deps.aanvragen,
    objecten: sources.objecten && { api: sources.objecten, taak: config.objecten?.objecttypen.taak, bericht: config.objecten?.objecttypen.bericht },
    concurrency: settings.worker.sourceConcurrency,
  });
  const sender = new Sender({
    messages,
    preferences,
    contacts: sources.klantinteracties,
    notify,
    portal: { portalName: config.theme.portalName, organisationName: config.theme.organisationName, address: plainAddress(config.publicUrl) },
    log,
    count: (channel, state) => sent.inc({ channel, state }),
    notified: deps.notified,
  });
  const delivery = new DeliveryCheck({
    messages: {
      sent: (ids) => messages.sent(ids),
      async recordDelivery(id, status) {
        await messages.recordDelivery(id, status);
        // Mijn gegevens says which of a person's addresses did not work: what it kept is old now (for whom, the message does not say).
        sources.answers?.forgetEverywhere('afleveringen');
      },
    },
    notify,
    deliveryCheckMs: settings.deliveryCheckMs,
    log,
    count: (channel, status) => delivered.inc({ channel, status }),
  });

  const { batchSize, sendBatchSize, leaseMs, pollMs } = settings.worker;
  const worker = new Worker(
    queue,
    {
      [queues.resolve]: (jobs) => resolver.resolve(jobs),
      [queues.send]: (jobs) => sender.send(jobs),
      [queues.delivery]: (jobs) => delivery.check(jobs),
      ...deps.jobs,
    },
    {
      log,
      metrics,
      backoff: { baseMs: settings.retryBaseMs, maxMs: 3_600_000 },
      leaseMs,
      pollMs,
      // On PGlite only this process adds jobs (and wakes the worker when it does): an idle lane asks again when its next job is due, not every pollMs.
      idleMaxMs: config.database && !config.database.url ? pgliteIdleMaxMs : undefined,
      // Two batches in hand per lane: one is handled while the other waits for the database or a source.
      concurrency: 2,
      // Resolving apart from sending: a batch of sends waits for Notify, and must not hold up the
      // notifications coming in, which go quicker per notification the more there are in a batch
      // (each zaak's initiators are asked once per batch).
      lanes: [
        { queues: [queues.resolve], batchSize },
        { queues: [queues.send, queues.delivery], batchSize: sendBatchSize },
        ...(deps.jobs && Object.keys(deps.jobs).length > 0 ? [{ queues: Object.keys(deps.jobs), batchSize: sendBatchSize }] : []),
      ],
    },
  );

  async function purge(olderThan: Date): Promise<void> {
    await queue.purge(olderThan);
    await messages.purge(olderThan);
    await inboxStore.purge(olderThan);
  }

  function start(): () => Promise<void> {
    worker.start();
    const timer = setInterval(
      () => purge(new Date(Date.now() - keepMs)).catch((error: unknown) => log.warn({ err: error }, 'notification clean-up failed')),
      60 * 60 * 1000,
    );
    timer.unref();
    return async () => {
      clearInterval(timer);
      await worker.stop();
    };
  }

  const secret = settings.callbackSecret;
  return {
    feature: {
      id: 'notificaties',
      // In the medewerkersportaal: the messages sent to the person and what became of them.
      async dossierSection(view) {
        if (!view.may('notificaties')) return null;
        const { identity, requestId } = view.caller;
        const [history] = await Promise.all([
          messages.history(identity.subject, 20),
          deps.processingLog?.record(identity, [{ action: 'lezen', category: 'meldingen', source: 'voordeur' }], requestId),
        ]);
        return h(MeldingenDossier, { view, messages: history });
      },
      // A stored notification is resolved at once by the worker here, if there is one; another process finds it when it next looks.
      plugin: secret
        ? callbackRoutes({
            secret,
            previousSecret: settings.previousCallbackSecret,
            inbox,
            received,
            stored: () => worker.wake(queues.resolve),
            changed: (kanaal) => sources.answers?.notified(kanaal),
          })
        : undefined,
      start: settings.workerInProcess ? start : undefined,
      dossierActions: { 'opnieuw-versturen': resendAction({ messages, contacts: sources.klantinteracties, processingLog: deps.processingLog }) },
    },
    queue,
    worker,
    start,
    purge,
    record: (changes, db) => messages.record(changes, db),
  };
}
