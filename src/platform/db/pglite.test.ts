import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.ts';
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

describe('a new data directory', () => {
  it('is a copy of the template with every migration run, and keeps what is written in it after a restart', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'voordeur-pglite-'));
    const dataDir = path.join(parent, 'data');
    try {
      const first = await openPglite(dataDir);
      const { rows } = await first.query<{ name: string }>('select name from voordeur_migrations order by name desc limit 1');
      expect(rows[0]?.name).toBe(Object.keys(migrations).at(-1));
      await first.exec("create table kept (value text); insert into kept values ('nog hier')");
      await first.close();
      const again = await openPglite(dataDir);
      const kept = await again.query<{ value: string }>('select value from kept');
      expect(kept.rows).toEqual([{ value: 'nog hier' }]);
      await again.close();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
