/**
 * Counting the source round trips an incoming request waited for, for the benchmark only
 * (bench/pages.ts's open loop subtracts them from the page's time to get Voordeur's overhead;
 * issue 19). Off unless buildApp is given `countRoundTrips: true`: then each request runs in a
 * context of its own (an AsyncLocalStorage), every call of `SourceClient` notes when it started
 * and ended in it, and the answer has the header `x-bench-round-trips`. Never on in production:
 * without a request context nothing is noted, and Node's AsyncLocalStorage costs nothing until
 * it is first used. The benchmark turns the counting off while it measures the CPU per page
 * (`setRoundTripCounting(false)`): an AsyncLocalStorage in use puts a hook on every promise, which
 * production never pays.
 *
 * The count is the depth of the calls: the longest chain of calls each of which started after
 * the one before it had ended (its answer read). Calls side by side count as one; a call that
 * starts while another is still on its way is not after it. With every source answering after
 * the same delay, the page waited about count × delay for its sources. Not counted: an answer
 * the request awaits that another request is asking (the kept answers share one request per
 * question; that wait is overhead of this request), and what is asked in the background
 * (`uncounted`: renewals of kept answers).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

interface Call {
  start: number;
  end: number;
}

const storage = new AsyncLocalStorage<Call[]>();
let counting = true;

/** Turns the counting of later requests on or off; off also removes the AsyncLocalStorage's promise hooks. */
export function setRoundTripCounting(on: boolean): void {
  counting = on;
  if (!on) storage.disable();
}

/** The header the count is sent in. */
export const roundTripsHeader = 'x-bench-round-trips';

/** Runs `fn` (the rest of a request's handling) with a count of its own; gives the calls list for `depthOf` (none while counting is off). */
export function countingRoundTrips<T>(fn: () => T): { calls: Call[] | undefined; result: T } {
  if (!counting) return { calls: undefined, result: fn() };
  const calls: Call[] = [];
  return { calls, result: storage.run(calls, fn) };
}

/** Notes a source call of the current request, if its round trips are counted; call the result when its answer is read. */
export function roundTripStarted(): (() => void) | undefined {
  const calls = storage.getStore();
  if (!calls) return undefined;
  const start = performance.now();
  return () => {
    calls.push({ start, end: performance.now() });
  };
}

/** Runs `fn` outside the current request's count (work it does not wait for). */
export function uncounted<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** The depth of these calls: the longest chain of calls each started after the previous one ended. */
export function depthOf(calls: readonly Call[]): number {
  const byEnd = [...calls].sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  let deepest = 0;
  for (let i = 0; i < byEnd.length; i++) {
    let before = 0;
    for (let j = 0; j < i; j++) if (byEnd[j]!.end <= byEnd[i]!.start && depth[j]! > before) before = depth[j]!;
    depth[i] = before + 1;
    if (depth[i]! > deepest) deepest = depth[i]!;
  }
  return deepest;
}
