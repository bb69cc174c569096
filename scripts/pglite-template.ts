/**
 * Run by `npm ci`/`npm install` (postinstall): makes the PGlite template once, so that the first
 * `npm start` and every test database start in about a second instead of five.
 */
import { ensurePgliteTemplate } from '../src/platform/db/pglite.ts';

try {
  await ensurePgliteTemplate();
} catch (error) {
  // Not fatal: Voordeur makes the template itself on first use.
  console.warn('Voordeur: could not prepare the PGlite template now:', error instanceof Error ? error.message : error);
}
