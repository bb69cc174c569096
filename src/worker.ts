/**
 * `npm run worker`: the notification worker as its own process, for scaling out (run as many as
 * needed next to WORKER_IN_PROCESS=false web processes; they share the job queue in PostgreSQL).
 * Stops cleanly on SIGTERM/SIGINT: the jobs in hand are finished, no new ones are claimed.
 */
import pino from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { notificaties } from './features/notificaties/index.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { Metrics } from './platform/metrics.ts';
import { IdentityKeys } from './platform/identity-keys.ts';
import { loggerOptions } from './platform/logging.ts';
import { connectSources } from './sources/index.ts';

try {
  const config = loadConfig(process.env);
  const log = pino(loggerOptions(config.logLevel));
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const metrics = new Metrics();
  const { run } = notificaties(config, { db: database.db, metrics, keys: new IdentityKeys(config.identityKeySecret), sources: connectSources(config, metrics), log });
  const stop = run();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'worker stopping');
      stop()
        .then(() => database.close())
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
