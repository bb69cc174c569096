import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

/** A handler that records each batch and finishes when told. */
function controlled() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const handle = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve) => finish.push(() => resolve(items.map((n) => n * 10))));
  };
  return { batches, finish, handle };
}

describe('Batcher', () => {
  it('handles a lone item at once, and what arrives meanwhile together in the next batch', async () => {
    const { batches, finish, handle } = controlled();
    const batcher = new Batcher(handle);
    const first = batcher.add(1);
    expect(batches).toEqual([[1]]);
    const rest = [batcher.add(2), batcher.add(3), batcher.add(4)];
    expect(batches).toHaveLength(1);
    finish.shift()!();
    expect(await first).toBe(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish.shift()!();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it("with gather 'turn', takes what is handed in during the same turn of the event loop in one batch", async () => {
    const batches: number[][] = [];
    const batcher = new Batcher(
      async (items: number[]) => {
        batches.push(items);
        return items.map((n) => n * 10);
      },
      { concurrency: 2, gather: 'turn' },
    );
    const first = [batcher.add(1), batcher.add(2)];
    // Handed in a few microtasks later (as the next block of a page is), still in this turn.
    await Promise.resolve();
    await Promise.resolve();
    const second = batcher.add(3);
    expect(batches).toEqual([]);
    expect(await Promise.all([...first, second])).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    // The next turn's items are a batch of their own.
    expect(await batcher.add(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('keeps batches within their maximum size', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher(
      async (items: number[]) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 3 },
    );
    expect(await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.add(i)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sizes).toEqual([1, 3, 3, 1]);
  });

  it('handles up to `concurrency` batches at once', async () => {
    const { batches, finish, handle } = controlled();
    const batcher = new Batcher(handle, { concurrency: 2 });
    const all = [1, 2, 3, 4].map((n) => batcher.add(n));
    expect(batches).toEqual([[1], [2]]);
    finish.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2], [3, 4]]);
    finish.shift()!();
    finish.shift()!();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
  });

  it('gives every item of a failed batch its error, and goes on with the next batch', async () => {
    let calls = 0;
    const batcher = new Batcher(async (items: string[]) => {
      calls++;
      if (items.includes('bad')) throw new Error('the database refused');
      return items.map((s) => s.toUpperCase());
    });
    const first = batcher.add('bad');
    const second = [batcher.add('a'), batcher.add('b')];
    await expect(first).rejects.toThrow('the database refused');
    expect(await Promise.all(second)).toEqual(['A', 'B']);
    expect(calls).toBe(2);
  });

  it('refuses a handler that returns the wrong number of results', async () => {
    const batcher = new Batcher(async () => [] as number[]);
    await expect(batcher.add(1)).rejects.toThrow('a batch of 1 got 0 results');
  });
});
