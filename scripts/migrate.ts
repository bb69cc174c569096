/** `npm run migrate`: brings the database schema up to date (Voordeur also does this at start). */
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

// Only the database settings matter here: the login settings are set to unused values, whatever the environment says
// (a production environment with DEMO_MODE=true and its real OIDC_ISSUER would be refused).
const environment = { ...process.env, DEMO_MODE: 'true', OIDC_ISSUER: 'http://unused.invalid', OIDC_CLIENT_ID: 'unused', OIDC_CLIENT_SECRET: 'unused' };
const config = loadConfig(environment);
const database = await openDatabase(config.database);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
}
