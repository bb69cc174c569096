/**
 * Runs a TypeScript entry point (`node scripts/run.mjs src/server.ts`): bundles our own code with
 * esbuild (~0.2 s; npm packages stay external) and imports the result. Without a module loader
 * hook on every import, start-up is about a second shorter than running through tsx on Node 20.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run.mjs <entry.ts>');
  process.exit(2);
}
process.setSourceMapsEnabled(true);
const outDir = path.resolve('node_modules', '.cache', 'voordeur', 'build');
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, `${path.basename(entry).replace(/\.tsx?$/, '')}.mjs`);
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: 'inline',
  logLevel: 'warning',
});
// The entry sees the arguments as if it had been started itself: process.argv[1] is its path.
process.argv.splice(1, 2, path.resolve(entry));
await import(pathToFileURL(outfile).href);
