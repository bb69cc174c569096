/**
 * What tests turn on to see how the portal copes with a simulated API that is slow, down, talks
 * nonsense or never answers, and the request counter that shows how many round trips a page
 * costs (N+1 queries show up here first). The same faults as the ZGW simulator's, for one API;
 * the Klantinteracties, Notificaties and Objecten simulators use it.
 */

export type Fault = 'none' | 'down' | 'garbage' | 'hang';

export class Faults {
  latencyMs = 0;
  /** Set when the app closes: held requests are released and answered with 503. */
  closed = false;
  private current: Fault = 'none';
  private count = 0;
  private garbageCount = 0;
  /** Requests held by 'hang': released when the fault changes or the app closes. */
  private readonly hanging = new Set<() => void>();

  get fault(): Fault {
    return this.current;
  }

  setFault(fault: Fault): void {
    this.current = fault;
    this.garbageCount = 0;
    if (fault !== 'hang') this.release();
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

  /** Resolves when the 'hang' fault is lifted, the client goes away, or the app closes. */
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

  private release(): void {
    for (const done of [...this.hanging]) done();
  }
}
