/**
 * Runs a TypeScript entry point (`node scripts/run.mjs src/server.ts`): bundles our own code with
 * esbuild (npm packages stay external) and imports the result. Without a module loader hook on
 * every import, start-up is about a second shorter than running through tsx on Node 20.
 *
 * The bundle is kept in node_modules/.cache/voordeur/build/ with a list of the files it was made
 * from (size and modification time of each) and is made again only when one of them changed, or
 * esbuild, Node or these options did: bundling takes 0.5–2.5 s of a start on a 2-core machine, and
 * most starts run unchanged code. `npm ci` bundles the demo once (postinstall, `--bundle-only`), so
 * that a fresh clone's first `npm start` does not wait for it either. VOORDEUR_REBUILD=1 bundles
 * anyway.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

/**
 * V8 collects garbage once the heap has grown by this much since the last full collection. By
 * default it lets a busy process grow its heap to 3–4 times what is alive before it collects
 * (Voordeur's ~85 MB alive became 240–290 MB, an RSS of 310–370 MB on PostgreSQL); at 50% the RSS
 * stays at ~210 MB, flat, for 2–3% fewer pages a second (docs/scaling.md). It is not a limit: an
 * organisation API batch of 100 MB still gets the heap it needs. A `--heap-growing-percent` given
 * to node itself takes precedence.
 */
const heapGrowingPercent = 50;
if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);

/**
 * With no DATABASE_URL the database is PGlite, PostgreSQL compiled to WebAssembly, in this process.
 * V8 compiles WebAssembly twice: quickly at first (Liftoff), then its busy functions again,
 * optimised (TurboFan), and it keeps both: for PGlite that optimised code was 50–60 MB of the RSS
 * (273 against 317–332 MB at the highest, 60 s of the page mix of bench/pages.ts), for 0–3% more
 * pages a second. PGlite's simple queries take about as long with the quick code alone; a large
 * sort or aggregate 30–50% longer — the reason a busy installation runs on PostgreSQL anyway
 * (docs/scaling.md). A WebAssembly flag given to node itself takes precedence.
 */
if (!process.env.DATABASE_URL && !process.execArgv.some((arg) => /^--(no-)?(liftoff|wasm-)/.test(arg))) v8.setFlagsFromString('--liftoff-only');

// Two more settings of the demo (PGlite) can only be given to node itself, so they are in
// package.json's `start`: a young generation of 8 MB a semi-space instead of 16, and one V8
// background thread instead of four (fewer malloc arenas). Together they keep the demo's RSS under
// the mix of bench/pages.ts at 235 instead of 270 MB (docs/scaling.md).

const bundleOnly = process.argv[2] === '--bundle-only';
if (bundleOnly) process.argv.splice(2, 1);
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run.mjs [--bundle-only] <entry.ts>');
  process.exit(2);
}
process.setSourceMapsEnabled(true);

const options = {
  entryPoints: [entry],
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // In a file of its own and without the sources' text: an inline map made the bundle 3.5 times
  // larger, and Node kept it as strings in memory (12 MB of the heap) besides the parsed map.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
};
const outDir = path.resolve('node_modules', '.cache', 'voordeur', 'build');
mkdirSync(outDir, { recursive: true });
const name = path.basename(entry).replace(/\.tsx?$/, '');
const outfile = path.join(outDir, `${name}.mjs`);
const manifestFile = path.join(outDir, `${name}.inputs.json`);
// What else decides the bundle's content besides its input files.
// (esbuild's version from its package.json: importing esbuild itself is left to when it must bundle.)
const esbuildVersion = JSON.parse(readFileSync(new URL('../node_modules/esbuild/package.json', import.meta.url), 'utf8')).version;
const recipe = JSON.stringify({ esbuild: esbuildVersion, node: process.version, options, cwd: process.cwd() });

/** Size and modification time of a file, or null when it is gone. */
function stamp(file) {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return null;
  }
}

/** Whether the kept bundle was made by the same recipe from files that are all unchanged. */
function upToDate() {
  if (process.env.VOORDEUR_REBUILD === '1' || stamp(outfile) === null || stamp(`${outfile}.map`) === null) return false;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.recipe !== recipe || manifest.bundle !== stamp(outfile)) return false;
  return Object.entries(manifest.inputs).every(([file, kept]) => stamp(file) === kept);
}

if (!upToDate()) {
  // Written beside the final place and renamed, so that a process starting at the same moment
  // (a web process and a worker) never imports half a bundle; the map first, which the bundle names.
  // (A directory beside build/, not in it: the map's paths to the sources are relative.)
  const partialDir = `${outDir}-partial-${process.pid}`;
  const { build } = await import('esbuild');
  const buildStarted = Date.now();
  const result = await build({ ...options, outfile: path.join(partialDir, `${name}.mjs`), metafile: true });
  renameSync(path.join(partialDir, `${name}.mjs.map`), `${outfile}.map`);
  renameSync(path.join(partialDir, `${name}.mjs`), outfile);
  rmSync(partialDir, { recursive: true, force: true });
  // tsconfig.json and package.json are not inputs in the metafile, but change how files resolve.
  const inputs = [...Object.keys(result.metafile.inputs), 'tsconfig.json', 'package.json'];
  const stamps = Object.fromEntries(inputs.map((file) => [file, stamp(file)]));
  // A file saved while esbuild read it may be in the bundle as it was before: then no list is
  // written, and the next start bundles again.
  const changedMeanwhile = Object.keys(result.metafile.inputs).some((file) => {
    try {
      return statSync(file).mtimeMs >= buildStarted;
    } catch {
      return true;
    }
  });
  if (changedMeanwhile) rmSync(manifestFile, { force: true });
  else {
    writeFileSync(`${manifestFile}.${process.pid}`, JSON.stringify({ recipe, bundle: stamp(outfile), inputs: stamps }));
    renameSync(`${manifestFile}.${process.pid}`, manifestFile);
  }
}
if (!bundleOnly) {
  // The entry sees the arguments as if it had been started itself: process.argv[1] is its path.
  process.argv.splice(1, 2, path.resolve(entry));
  await import(pathToFileURL(outfile).href);
}
