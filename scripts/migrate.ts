/** `npm run migrate`: brings the database schema up to date (Voordeur also does this at start). */
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

const environment = { DEMO_MODE: 'true', OIDC_ISSUER: 'http://unused.invalid', OIDC_CLIENT_ID: 'unused', OIDC_CLIENT_SECRET: 'unused', ...process.env };
const config = loadConfig(environment);
const database = await openDatabase(config.database);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
}
