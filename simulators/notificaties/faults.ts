/**
 * What tests turn on to see how the portal copes with a Notificaties API that is slow, down,
 * talks nonsense or never answers, and the request counter. The same faults as the ZGW
 * simulator's. They are about the API's answers; deliveries to abonnementen go on regardless.
 */

export type NotificatiesFault = 'none' | 'down' | 'garbage' | 'hang';

export class Faults {
  latencyMs = 0;
  /** Set when the app closes: held requests are released and answered with 503. */
  closed = false;
  private current: NotificatiesFault = 'none';
  private count = 0;
  private garbageCount = 0;
  /** Requests held by 'hang': released when the fault changes or the app closes. */
  private readonly hanging = new Set<() => void>();

  get fault(): NotificatiesFault {
    return this.current;
  }

  setFault(fault: NotificatiesFault): void {
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
