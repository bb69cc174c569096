import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../migrations/index.ts';
import type { Database } from './schema.ts';

/** The database as Kysely sees it (not database.ts's `Db`, which would make an import cycle: database.ts opens PGlite, which migrates). */
type Db = Kysely<Database>;

const provider: MigrationProvider = { getMigrations: async () => migrations as Record<string, Migration> };

/** True when every known migration has run (one query, so a normal start skips the migrator). */
async function isUpToDate(db: Db): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from voordeur_migrations`.execute(db);
    const done = new Set(rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => done.has(name));
  } catch {
    return false; // no migrations table yet
  }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  if (await isUpToDate(db)) return [];
  return run(db, (migrator) => migrator.migrateToLatest());
}

/** Brings the schema to the state after migration `name` (up or down): for tests and benchmarks of a migration. */
export async function migrateTo(db: Db, name: keyof typeof migrations): Promise<string[]> {
  return run(db, (migrator) => migrator.migrateTo(name));
}

async function run(db: Db, migrate: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  // The migration tables live in the schema Voordeur uses (search_path), not wherever one exists.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'voordeur_migrations',
    migrationLockTableName: 'voordeur_migrations_lock',
    migrationTableSchema: rows[0]?.schema ?? 'public',
  });
  const { error, results } = await migrate(migrator);
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed ? `"${failed.migrationName}" ` : ''}failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
