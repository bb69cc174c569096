/**
 * `npm run worker`: the notification worker as its own process, for scaling out (run as many as
 * needed next to WORKER_IN_PROCESS=false web processes; they share the job queue in PostgreSQL).
 * Stops cleanly on SIGTERM/SIGINT: the jobs in hand are finished, no new ones are claimed.
 */
import { ConfigError, loadConfig } from './config.ts';
import { aanvraagDelivery, aanvraagJobs } from './features/aanvragen/index.ts';
import { createNotificaties } from './features/notificaties/index.ts';
import { bijlagenBucket, organisatieBerichtenStore, organisatieJobs } from './features/organisaties/index.ts';
import type { OrganisatieBerichten } from './sources/voordeur/organisatie-berichten.ts';
import { AanvraagStore } from './sources/voordeur/aanvragen.ts';
import { Organisaties } from './sources/voordeur/organisaties.ts';
import { openRuntime } from './runtime.ts';
import { PublicAddresses } from './platform/http/public-address.ts';

try {
  const config = loadConfig(process.env);
  const runtime = await openRuntime(config);
  const { log } = runtime;
  const aanvragen = new AanvraagStore(runtime.database.db, runtime.keys);
  // Made once the notification pipeline it tells is there.
  let organisatieBerichten: OrganisatieBerichten | undefined;
  const notificaties = createNotificaties({
    config,
    db: runtime.database.db,
    keys: runtime.keys,
    metrics: runtime.metrics,
    log,
    sources: runtime.sources,
    aanvragen: runtime.sources.producttypen ? aanvragen : undefined,
    notified: async (group, channel) => {
      if (organisatieBerichten) await organisatieBerichten.notified(group, channel);
    },
    // The organisation API's webhooks and publications, and the delivery of aanvragen, go out from the worker too.
    jobs: {
      ...organisatieJobs(config, new Organisaties(runtime.database.db, runtime.keys), () => organisatieBerichten, {
        db: runtime.database.db,
        queue: () => notificaties.queue,
        log,
        addresses: new PublicAddresses({ allowPrivate: config.organisatieApi?.privateAddresses ?? false }),
      }),
      ...aanvraagJobs(aanvraagDelivery(config, runtime.sources, aanvragen, log, (changes) => notificaties.record(changes))),
    },
  });
  if (config.organisatieApi)
    organisatieBerichten = organisatieBerichtenStore(
      runtime.database.db,
      runtime.keys,
      notificaties.record,
      notificaties.queue,
      undefined,
      bijlagenBucket(config),
    );
  const stop = notificaties.start();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'worker stopping');
      stop()
        .then(() => runtime.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('The worker could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
