import { readFileSync } from 'node:fs';

/**
 * The node flags an npm script of package.json gives Voordeur (`node <flags> scripts/run.mjs …`),
 * so that a benchmark measures the process a person gets: `start` is the demo (PGlite),
 * `start:production` the production server.
 */
export function startFlags(script: 'start' | 'start:production'): string[] {
  const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts as Record<string, string>;
  const words = scripts[script]!.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('scripts/run.mjs')).filter((word) => word.startsWith('--'));
}
