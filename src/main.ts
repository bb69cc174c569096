/** Composition root: configuration → application → listen. */
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';

/** `subscribe: false` when the caller makes the abonnement itself (the demo, whose Notificaties API starts later). */
export async function main(environment: Record<string, string | undefined> = process.env, options: { subscribe?: boolean } = {}) {
  const config = loadConfig(environment);
  // Opening the database (PGlite: ~1 s) overlaps with loading the application's modules.
  const database = openDatabase(config.database);
  const { buildApp } = await import('./app.ts');
  const voordeur = await buildApp(config, { database: await database });
  await voordeur.app.listen({ host: config.host, port: config.port });
  const { api, callbackSecret } = config.notificaties;
  if (api && callbackSecret && options.subscribe !== false) {
    // In the background: the Notificaties API may be slow or down; Voordeur serves pages meanwhile.
    const { ensureAbonnement } = await import('./features/notificaties/subscribe.ts');
    const { Metrics } = await import('./platform/metrics.ts');
    ensureAbonnement({
      api,
      callbackSecret,
      publicUrl: config.publicUrl,
      previousCallbackUrls: config.notificaties.previousCallbackUrls,
      metrics: new Metrics(),
      timeoutMs: config.sources.timeoutMs,
    }).then(
      (outcome) => voordeur.app.log.info({ outcome }, 'abonnement at the Notificaties API'),
      (error: unknown) => voordeur.app.log.error({ err: error }, 'no abonnement at the Notificaties API: run npm run subscribe when it is reachable'),
    );
  }
  const stop = async () => {
    await voordeur.close();
    await voordeur.database.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      voordeur.app.log.info({ signal }, 'shutting down');
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return { config, voordeur, stop };
}
