/**
 * Group commit: items handed in while `concurrency` batches are being handled wait and are
 * handled together in the next batch. An item that finds a free slot is handled at once (no
 * timer, no added wait); under load the batches grow by themselves, so that many callers share
 * one database transaction. Each caller gets the result for its own item, or the error of its batch.
 *
 * With `gather: 'turn'` an item that finds a free slot waits for the end of this turn of the event
 * loop (setImmediate) before its batch starts, so that what the other requests handled in the
 * same turn hand in goes along: on PGlite a statement costs ~1 ms of the one thread whatever its
 * number of rows, and a page's statement often finished before the next page was handed in, so
 * that nothing gathered (docs/scaling.md). The added wait is the rest of the turn, not a timer.
 */
export class Batcher<I, O> {
  private waiting: { item: I; resolve: (result: O) => void; reject: (error: unknown) => void }[] = [];
  private running = 0;

  /** `handle` gets a batch (at most `maxBatch` items) and returns a result per item, in order. */
  constructor(
    private readonly handle: (items: I[]) => Promise<O[]>,
    private readonly options: { maxBatch?: number; concurrency?: number; gather?: 'turn' } = {},
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running < (this.options.concurrency ?? 1)) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running++;
    try {
      if (this.options.gather === 'turn') await new Promise((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.options.maxBatch ?? 500);
        try {
          const results = await this.handle(batch.map((b) => b.item));
          if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} got ${results.length} results`);
          batch.forEach((b, i) => b.resolve(results[i]!));
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.running--;
    }
  }
}
