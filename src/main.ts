/** Composition root: configuration → application → listen. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

export async function main(environment: Record<string, string | undefined> = process.env) {
  const config = loadConfig(environment);
  const voordeur = await buildApp(config);
  await voordeur.app.listen({ host: config.host, port: config.port });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      voordeur.app.log.info({ signal }, 'shutting down');
      voordeur.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return { config, voordeur };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error('Voordeur could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
