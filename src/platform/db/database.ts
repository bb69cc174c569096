import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from './schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { openPglite } from './pglite.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** 'postgres' in production, 'pglite' for the embedded default. */
  kind: 'postgres' | 'pglite';
  /** True when the database answers a trivial query. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** PostgreSQL when a URL is given, otherwise PGlite in `pgliteDir` (or in memory when that is ':memory:'). */
export async function openDatabase(options: Pick<Config['database'], 'url' | 'poolSize' | 'pgliteDir'>): Promise<DatabaseHandle> {
  let db: Db;
  let kind: DatabaseHandle['kind'];
  if (options.url) {
    // Loaded only when PostgreSQL is used (not for PGlite, the demo's and the tests' default).
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    kind = 'postgres';
  } else {
    const pglite = await openPglite(options.pgliteDir === ':memory:' ? undefined : options.pgliteDir);
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    kind = 'pglite';
  }
  return {
    db,
    kind,
    async isReady() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
