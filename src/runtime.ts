/**
 * What every Voordeur process opens the same way from its configuration, before it does its own
 * work: the log, the database (migrated to the latest schema), the metrics, the identity keys and
 * the sources. Used by the web application and by the worker process.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { IdentityKeys } from './platform/identity-keys.ts';
import { loggerOptions } from './platform/logging.ts';
import { Metrics } from './platform/metrics.ts';
import { connectSources, type Sources } from './sources/index.ts';

export interface Runtime {
  /** Voordeur's log (pino, with redaction); a Fastify app takes it as its `loggerInstance`. */
  log: Logger;
  database: DatabaseHandle;
  metrics: Metrics;
  keys: IdentityKeys;
  sources: Sources;
  /** Closes the database, when the runtime opened it. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** A database opened by the caller (tests; or opened early, while modules load); otherwise opened from the configuration. */
  database?: DatabaseHandle | Promise<DatabaseHandle>;
  /** Where the log goes instead of standard output (tests read it). */
  logStream?: NodeJS.WritableStream;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const settings = loggerOptions(config.logLevel);
  const log = options.logStream ? pino(settings, options.logStream) : pino(settings);
  const database = await (options.database ?? openDatabase(config.database));
  await migrateToLatest(database.db);
  const metrics = new Metrics();
  return {
    log,
    database,
    metrics,
    keys: new IdentityKeys(config.identityKeySecret),
    sources: connectSources(config, metrics, log),
    async close() {
      if (!options.database) await database.close();
    },
  };
}
