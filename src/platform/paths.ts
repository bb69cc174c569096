import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder with Voordeur's package.json, whether running from source or from a bundle. */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'voordeur') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find Voordeur's package.json above ${start}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
