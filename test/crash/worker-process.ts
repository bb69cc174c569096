/**
 * Notification workers as processes of their own, as `npm run worker` runs them
 * (src/worker.ts), next to a test stack: the environment that points one at the stack's
 * database schema, simulators and keys, and starting one. Used by the crash test and by
 * bench/notificaties.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { notifySettings } from '../../simulators/data/notify-templates.ts';
import { baseEnvironment } from '../support/app.ts';
import type { Stack } from '../support/stack.ts';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the process has ended, however. */
  exited: Promise<void>;
  /** What it wrote, line by line (pino logs go to stdout). */
  output: string[];
}

/**
 * The environment of a worker for `stack`, which must run on PostgreSQL (TEST_DATABASE_URL):
 * the same schema (testDatabase() puts it in the connection's search_path), sources, Notify
 * templates and identity key as the stack's Voordeur, plus `extra` (WORKER_LEASE_MS, …).
 * It logs at info level: its first line says when it claims jobs.
 */
export async function workerEnvironment(
  stack: Pick<Stack, 'voordeur'> & { notify: Pick<Stack['notify'], 'url'> },
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(stack.voordeur.database.db);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${rows[0]!.schema}`);
  const config = stack.voordeur.config;
  return {
    ...(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined)) as Record<string, string>),
    ...baseEnvironment,
    LOG_LEVEL: 'info',
    PUBLIC_URL: config.publicUrl.href,
    DATABASE_URL: url.href,
    IDENTITY_KEY_SECRET: config.identityKeySecret,
    SOURCE_TIMEOUT_MS: String(config.sources.timeoutMs),
    ZAAKSYSTEMEN: JSON.stringify(config.zaken.systems),
    ...(config.klantinteracties ? { KLANTINTERACTIES_API_URL: config.klantinteracties.url, KLANTINTERACTIES_TOKEN: config.klantinteracties.token } : {}),
    ...notifySettings(stack.notify.url),
    ...(config.objecten
      ? {
          OBJECTEN_API_URL: config.objecten.url,
          OBJECTEN_TOKEN: config.objecten.token,
          ...(config.objecten.objecttypen.taak ? { OBJECTTYPE_TAAK: config.objecten.objecttypen.taak } : {}),
          ...(config.objecten.objecttypen.bericht ? { OBJECTTYPE_BERICHT: config.objecten.objecttypen.bericht } : {}),
          // Aanvragen (their delivery runs on the worker).
          ...(config.objecten.objecttypen.producttype ? { OBJECTTYPE_PRODUCTTYPE: config.objecten.objecttypen.producttype } : {}),
          ...(config.objecten.objecttypen.productaanvraag ? { OBJECTTYPE_PRODUCTAANVRAAG: config.objecten.objecttypen.productaanvraag } : {}),
        }
      : {}),
    NOTIFICATION_BUNDLE_SECONDS: String(config.notificaties.bundleWindowMs / 1000),
    WORKER_RETRY_BASE_MS: String(config.notificaties.retryBaseMs),
    ...extra,
  };
}

/** Starts a worker process; resolves once it claims jobs. `started` gets it at once (to kill it whatever happens). */
export async function startWorker(environment: Record<string, string>, started?: (worker: WorkerProcess) => void): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('../../src/worker.ts', import.meta.url).pathname], {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const worker = { child, exited, output };
  started?.(worker);
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (line.includes('"msg":"job worker started"')) resolve();
    });
    void exited.then(() => reject(new Error(`the worker exited before it was ready:\n${output.join('\n')}`)));
  });
  return worker;
}

/** Kills it (SIGKILL) unless it has ended already. */
export function killWorker(worker: WorkerProcess): void {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
}
