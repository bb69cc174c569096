/**
 * What tests turn on to see how the portal copes with a source that is slow, down, talks
 * nonsense or never answers, and the request counters that show how many round trips a page
 * costs (N+1 queries show up here first).
 */
import type { ApiName } from './store.ts';

export type Fault = 'none' | 'down' | 'garbage' | 'hang';

export const apiNames: readonly ApiName[] = ['zaken', 'catalogi', 'documenten'];

export class Faults {
  latencyMs = 0;
  /** Set when the app closes: held requests are released and answered with 503. */
  closed = false;
  private readonly faults = new Map<ApiName, Fault>(apiNames.map((api) => [api, 'none']));
  private readonly counts = new Map<ApiName, number>(apiNames.map((api) => [api, 0]));
  /** Requests held by 'hang', per API: released when the fault changes or the app closes. */
  private readonly hanging = new Map<ApiName, Set<() => void>>(apiNames.map((api) => [api, new Set()]));
  /** Per API: how many garbage answers were given, to alternate between the two kinds. */
  private readonly garbageCounts = new Map<ApiName, number>(apiNames.map((api) => [api, 0]));

  fault(api: ApiName): Fault {
    return this.faults.get(api)!;
  }

  setFault(api: ApiName, fault: Fault): void {
    this.faults.set(api, fault);
    this.garbageCounts.set(api, 0);
    if (fault !== 'hang') this.release(api);
  }

  count(api: ApiName): void {
    this.counts.set(api, this.counts.get(api)! + 1);
  }

  requestCount(api?: ApiName): number {
    if (api) return this.counts.get(api)!;
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }

  resetCounts(): void {
    for (const api of apiNames) this.counts.set(api, 0);
  }

  /** Garbage alternates: first a JSON body of the wrong shape, then an HTML page, and so on. */
  nextGarbage(api: ApiName): 'json' | 'html' {
    const n = this.garbageCounts.get(api)!;
    this.garbageCounts.set(api, n + 1);
    return n % 2 === 0 ? 'json' : 'html';
  }

  /** Resolves when the 'hang' fault of `api` is lifted, the client goes away, or the app closes. */
  hang(api: ApiName, clientGone: (done: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.hanging.get(api)!;
      const done = () => {
        waiters.delete(done);
        resolve();
      };
      waiters.add(done);
      clientGone(done);
    });
  }

  close(): void {
    this.closed = true;
    this.release();
  }

  release(api?: ApiName): void {
    for (const name of api ? [api] : apiNames) for (const done of [...this.hanging.get(name)!]) done();
  }
}
