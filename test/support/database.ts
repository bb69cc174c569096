/**
 * A fresh database for one test file: PGlite in memory by default, or a schema of its own in
 * the PostgreSQL at TEST_DATABASE_URL (CI runs the suite both ways).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrateTo, migrateToLatest } from '../../src/platform/db/migrate.ts';
import type { migrations } from '../../migrations/index.ts';

/**
 * `pglite`: PGlite whatever TEST_DATABASE_URL says (a test that fixes the clock: PostgreSQL's now() cannot be fixed).
 * `upTo`: the schema as it was after that migration (to test the ones after it), else the latest.
 */
export async function testDatabase(options: { pglite?: boolean; upTo?: keyof typeof migrations } = {}): Promise<DatabaseHandle> {
  const migrate = (handle: DatabaseHandle) => (options.upTo ? migrateTo(handle.db, options.upTo) : migrateToLatest(handle.db));
  const url = options.pglite ? undefined : process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ pgliteDir: ':memory:', poolSize: 1 });
    await migrate(handle);
    return handle;
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const handle = await openDatabase({ url: scoped.href, poolSize: 5, pgliteDir: '' });
  await migrate(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
