/**
 * What tests turn on to see how the portal copes with a simulated system that is slow, down, talks
 * nonsense or never answers, and the request counter that shows how many round trips a page
 * costs (N+1 queries show up here first). One `Faults` per API; setUpApiScope (scope.ts) plays
 * them on every request:
 * - 'down': the API's own 503 (NotifyNL and Ogone: the HTML page of the gateway in front of it);
 * - 'garbage': 200 with a body that is not the API's shape, alternately `{"unexpected":true}` and
 *   an HTML page;
 * - 'hang': no answer until the fault is set to something else (held requests then go on) or the
 *   app closes;
 * and latency before every answer. A simulator may have faults of its own (NotifyNL's 'error500',
 * 'reject', 'ratelimit'). A fault set with `{ times: n }` hits only the next n requests that use it
 * up (NotifyNL: sends), and then goes back to 'none'.
 */

export type Fault = 'none' | 'down' | 'garbage' | 'hang';

/** The handles a simulator gives its tests (Faults.controls()); the module comment says what each fault does. */
export interface FaultControls<F extends string = Fault> {
  /** Extra delay before every answer (ms). */
  setLatency(ms: number): void;
  /** The fault every next request meets, until it is set again; 'none' = normal. */
  setFault(fault: F | 'none'): void;
  /** Requests received since the last reset (whatever their outcome). */
  requestCount(): number;
  resetCounts(): void;
}

export class Faults<F extends string = Fault> {
  latencyMs = 0;
  /** Set when the app closes: held requests are released and answered as 'down'. */
  closed = false;
  private current = 'none' as F | 'none';
  /** Requests the current fault still hits (`times`); undefined: every request until changed. */
  private remaining: number | undefined;
  private count = 0;
  /** How many garbage answers were given, to alternate between the two kinds. */
  private garbageCount = 0;
  /** Requests held by 'hang': released when the fault changes or the app closes. */
  private readonly hanging = new Set<() => void>();

  get fault(): F | 'none' {
    return this.current;
  }

  setFault(fault: F | 'none', options: { times?: number } = {}): void {
    if (options.times !== undefined && (!Number.isInteger(options.times) || options.times < 1)) {
      throw new Error(`Simulator faults: times must be a positive integer, not ${options.times}`);
    }
    this.current = fault;
    this.remaining = fault === 'none' ? undefined : options.times;
    this.garbageCount = 0;
    if (fault !== 'hang') this.release();
  }

  /**
   * The fault a request meets. A fault set with `times` hits only requests that use it up
   * (`usesUp`); the others pass. After the last one it goes back to 'none'.
   */
  take(usesUp: boolean): F | 'none' {
    const fault = this.current;
    if (fault === 'none' || this.remaining === undefined) return fault;
    if (!usesUp) return 'none';
    this.remaining -= 1;
    if (this.remaining === 0) {
      this.current = 'none';
      this.remaining = undefined;
    }
    return fault;
  }

  counted(): void {
    this.count += 1;
  }

  requestCount(): number {
    return this.count;
  }

  resetCounts(): void {
    this.count = 0;
  }

  /** Garbage alternates: first a JSON body of the wrong shape, then an HTML page, and so on. */
  nextGarbage(): 'json' | 'html' {
    return this.garbageCount++ % 2 === 0 ? 'json' : 'html';
  }

  /**
   * Resolves when setFault sets anything but 'hang' (also after a counted hang has been used up),
   * the client goes away, or the app closes.
   */
  hang(clientGone: (done: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.hanging.delete(done);
        resolve();
      };
      this.hanging.add(done);
      clientGone(done);
    });
  }

  close(): void {
    this.closed = true;
    this.release();
  }

  /** The handles a simulator gives its tests; `times` only where the simulator offers it (NotifyNL). */
  controls(): FaultControls<F> & { setFault(fault: F | 'none', options?: { times?: number }): void } {
    return {
      setLatency: (ms) => {
        this.latencyMs = Math.max(0, ms);
      },
      setFault: (fault: F | 'none', options?: { times?: number }) => this.setFault(fault, options),
      requestCount: () => this.requestCount(),
      resetCounts: () => this.resetCounts(),
    };
  }

  private release(): void {
    for (const done of [...this.hanging]) done();
  }
}
