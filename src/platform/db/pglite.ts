/**
 * Opening PGlite quickly. Creating a new PGlite cluster runs initdb in WebAssembly, which takes
 * 4–6 s on the reference machine; loading a dump of an empty cluster takes about 1 s. So the
 * first cluster ever made on a machine is dumped as a template (also done by `npm ci`, through
 * the postinstall script), and every new data directory or in-memory database starts from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

function packageVersion(name: string): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || !readFileSync(path.join(dir, 'package.json'), 'utf8').includes(`"name": "${name}"`)) {
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

const pgliteVersion = packageVersion('@electric-sql/pglite');
const templateFile = path.resolve('node_modules', '.cache', 'voordeur', `pglite-${pgliteVersion}-template.tar.gz`);

/** Makes the template if it is not there yet; returns its contents. */
export async function ensurePgliteTemplate(): Promise<Blob> {
  if (existsSync(templateFile)) return new Blob([await readFile(templateFile)]);
  const fresh = await PGlite.create();
  const dump = await fresh.dumpDataDir('gzip');
  await fresh.close();
  await mkdir(path.dirname(templateFile), { recursive: true });
  const partial = `${templateFile}.${process.pid}`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, templateFile);
  return dump;
}

/** Opens PGlite in `dataDir`, or in memory when dataDir is undefined. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir && existsSync(path.join(dataDir, 'PG_VERSION'))) return PGlite.create(dataDir);
  const template = await ensurePgliteTemplate();
  if (dataDir) await mkdir(dataDir, { recursive: true });
  return PGlite.create(dataDir, { loadDataDir: template });
}
