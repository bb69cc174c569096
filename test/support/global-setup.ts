import { ensurePgliteTemplate } from '../../src/platform/db/pglite.ts';

/** Makes the PGlite template once, before the test files start in parallel. */
export default async function setup(): Promise<void> {
  await ensurePgliteTemplate();
}
