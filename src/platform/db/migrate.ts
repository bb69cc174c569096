import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../../migrations/index.ts';
import type { Db } from './database.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations as Record<string, Migration> };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'voordeur_migrations', migrationLockTableName: 'voordeur_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed ? `"${failed.migrationName}" ` : ''}failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
