/**
 * Opening PGlite quickly. Creating a new PGlite cluster runs initdb in WebAssembly: 4–6 s on the
 * reference machine. So a template cluster is made once per machine (by `npm ci`, through the
 * postinstall script, or else on first use) in node_modules/.cache/voordeur/: as a directory,
 * which a new data directory is copied from (~0.1 s), and as a dump, which an in-memory
 * database (tests) is loaded from (~1 s).
 */
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { projectRoot } from '../paths.ts';

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
const templateName = `pglite-${packageVersion('@electric-sql/pglite')}-template`;
const templateDir = path.join(cacheDir, templateName);
const templateDump = path.join(cacheDir, `${templateName}.tar.gz`);

/** Makes the template (directory and dump) if it is not there yet. */
export async function ensurePgliteTemplate(): Promise<void> {
  if (existsSync(path.join(templateDir, 'PG_VERSION')) && existsSync(templateDump)) return;
  await mkdir(cacheDir, { recursive: true });
  // Build next to the final place and rename, so that a parallel or interrupted run leaves no half template.
  const partialDir = `${templateDir}.${process.pid}`;
  const fresh = await PGlite.create(partialDir);
  const dump = await fresh.dumpDataDir('gzip');
  await fresh.close();
  await writeFile(`${templateDump}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${templateDump}.${process.pid}`, templateDump);
  if (existsSync(templateDir)) rmSync(partialDir, { recursive: true, force: true });
  else renameSync(partialDir, templateDir);
}

/** Opens PGlite in `dataDir`, or in memory when dataDir is undefined. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir && existsSync(path.join(dataDir, 'PG_VERSION'))) return PGlite.create(dataDir);
  await ensurePgliteTemplate();
  if (!dataDir) return PGlite.create({ loadDataDir: new Blob([await readFile(templateDump)]) });
  await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  cpSync(templateDir, dataDir, { recursive: true });
  return PGlite.create(dataDir);
}
