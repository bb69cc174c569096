import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';

describe('PGlite as Voordeur opens it', () => {
  const opened = openPglite();
  afterAll(async () => (await opened).close());

  it('keeps PostgreSQL buffers small: they stay in its WebAssembly memory for good', async () => {
    const db = await opened;
    const { rows } = await db.query<{ shared_buffers: string }>('show shared_buffers');
    expect(rows[0]?.shared_buffers).toBe('16MB');
  });

  it('still runs with PGlite own start parameters (the search path among them)', async () => {
    const db = await opened;
    const { rows } = await db.query<{ search_path: string }>('show search_path');
    expect(rows[0]?.search_path).toBe('public');
  });
});
