/** Builds Voordeur for a test, on a fresh database, with configuration overrides. */
import { Writable } from 'node:stream';
import { type BuildOptions, buildApp, type Voordeur } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { testDatabase } from './database.ts';

export interface TestApp extends Voordeur {
  config: Config;
  /** Everything the app logged, one JSON line per entry. */
  logs: string[];
}

export const baseEnvironment = {
  NODE_ENV: 'test',
  DEMO_MODE: 'true',
  LOG_LEVEL: 'info',
  OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
  OIDC_CLIENT_ID: 'voordeur',
  OIDC_CLIENT_SECRET: 'voordeur-test-secret',
  SESSION_CACHE_SECONDS: '0',
  // A test that changes a source (a fault, new data) sees it on the next page; test/integration/fresh-pages.test.ts tests the kept answers.
  PERSONAL_CACHE_SECONDS: '0',
};

export async function testApp(
  environment: Record<string, string> = {},
  { pglite, ...options }: Pick<BuildOptions, 'resolve' | 'countRoundTrips'> & { pglite?: boolean } = {},
): Promise<TestApp> {
  const config = loadConfig({ ...baseEnvironment, ...environment });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const database = await testDatabase({ pglite });
  const voordeur = await buildApp(config, { database, logger: { stream }, ...options });
  return {
    ...voordeur,
    config,
    logs,
    async close() {
      await voordeur.close();
      await database.close();
    },
  };
}
