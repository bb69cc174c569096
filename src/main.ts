/** Composition root: configuration → application → listen. */
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';

export async function main(environment: Record<string, string | undefined> = process.env) {
  const config = loadConfig(environment);
  // Opening the database (PGlite: ~1 s) overlaps with loading the application's modules.
  const database = openDatabase(config.database);
  const { buildApp } = await import('./app.ts');
  const voordeur = await buildApp(config, { database: await database });
  await voordeur.app.listen({ host: config.host, port: config.port });
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
