/**
 * Opening PGlite quickly. Creating a new PGlite cluster runs initdb in WebAssembly: 4–6 s on the
 * reference machine, and the migrations take almost a second more. So a template cluster, with
 * every migration already run, is made once per machine (by `npm ci`, through the postinstall
 * script, or else on first use) in node_modules/.cache/voordeur/: as a directory, which a new
 * data directory is copied from (~0.1 s), and as a dump, which an in-memory database (tests) is
 * loaded from (~1 s). Its name carries the PGlite version and a hash of the migration names, so
 * a new migration makes a new template.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { migrations } from '../../../migrations/index.ts';
import { projectRoot } from '../paths.ts';
import { migrateToLatest } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

function packageVersion(name: string): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || !readFileSync(path.join(dir, 'package.json'), 'utf8').includes(`"name": "${name}"`)) {
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

const cacheDir = path.join(projectRoot, 'node_modules', '.cache', 'voordeur');
const migrationsHash = createHash('sha256').update(Object.keys(migrations).join('\n')).digest('hex').slice(0, 10);
const templatePrefix = 'pglite-template-';
const templateName = `${templatePrefix}${packageVersion('@electric-sql/pglite')}-${migrationsHash}`;
const templateDir = path.join(cacheDir, templateName);
const templateDump = path.join(cacheDir, `${templateName}.tar.gz`);

/** Makes the template (directory and dump) if it is not there yet. */
export async function ensurePgliteTemplate(): Promise<void> {
  if (existsSync(path.join(templateDir, 'PG_VERSION')) && existsSync(templateDump)) return;
  await mkdir(cacheDir, { recursive: true });
  // Build next to the final place and rename, so that a parallel or interrupted run leaves no half template.
  const partialDir = `${templateDir}.${process.pid}`;
  const fresh = await PGlite.create(partialDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(fresh) });
  await migrateToLatest(db);
  const dump = await fresh.dumpDataDir('gzip');
  await fresh.close();
  await writeFile(`${templateDump}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${templateDump}.${process.pid}`, templateDump);
  if (existsSync(templateDir)) rmSync(partialDir, { recursive: true, force: true });
  else renameSync(partialDir, templateDir);
  // Templates of earlier PGlite versions or migration sets are no longer used.
  for (const entry of readdirSync(cacheDir)) {
    if ((entry.startsWith(templatePrefix) || entry.startsWith('pglite-0.')) && !entry.startsWith(templateName)) {
      rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
    }
  }
}

/**
 * PostgreSQL's settings for PGlite: PGlite's own start parameters, with smaller buffers. PostgreSQL's
 * default shared_buffers (128 MB) live in PGlite's WebAssembly memory, which never shrinks: with
 * 16 MB a new in-memory database holds ~120 MB less (RSS 423 → 303 MB after opening, and after 20,000
 * inserts 561 → 457 MB), and an insert costs less CPU (0.44 → 0.34 ms), because an embedded
 * database of one installation's sessions, preferences and logs is small (docs/scaling.md).
 */
export const pgliteStartParams: readonly string[] = [...PGlite.defaultStartParams, ...['-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB']];

/**
 * Copies a directory tree: its directories first, then every file at once on the thread pool, while
 * the event loop meanwhile loads the application's modules (src/main.ts). For the template's 1,300
 * files 2–3 times as fast as `fs.promises.cp`, which copies one file after another
 * (0.2–0.4 s against 0.6–0.9 s on the reference machine under load).
 */
export async function copyDirectory(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const target = (entry: { parentPath: string; name: string }) => path.join(to, path.relative(from, path.join(entry.parentPath, entry.name)));
  await mkdir(to, { recursive: true });
  for (const entry of entries) if (entry.isDirectory()) await mkdir(target(entry), { recursive: true });
  await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => copyFile(path.join(entry.parentPath, entry.name), target(entry))));
}

/** Opens PGlite in `dataDir`, or in memory when dataDir is undefined. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  const startParams = [...pgliteStartParams];
  if (dataDir && existsSync(path.join(dataDir, 'PG_VERSION'))) return PGlite.create(dataDir, { startParams });
  await ensurePgliteTemplate();
  if (!dataDir) return PGlite.create({ loadDataDir: new Blob([await readFile(templateDump)]), startParams });
  await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  await copyDirectory(templateDir, dataDir);
  return PGlite.create(dataDir, { startParams });
}
