/**
 * What tests turn on to see how the portal copes with NotifyNL being slow, down, failing, refusing
 * or never answering, and the request counter. A fault set without `times` holds until it is
 * changed and hits every API request ('reject' only sends); with `{ times: n }` it hits only the
 * next n sends and then goes back to 'none', for tests of retries.
 */

export type NotifyFault = 'none' | 'down' | 'error500' | 'reject' | 'ratelimit' | 'hang';

export class Faults {
  latencyMs = 0;
  /** Set when the app closes: held requests are released and answered with 503. */
  closed = false;
  private current: NotifyFault = 'none';
  /** Sends the current fault still applies to; undefined: every request until changed. */
  private remaining: number | undefined;
  private count = 0;
  /** Requests held by 'hang': released when the fault changes or the app closes. */
  private readonly hanging = new Set<() => void>();

  setFault(fault: NotifyFault, options: { times?: number } = {}): void {
    if (options.times !== undefined && (!Number.isInteger(options.times) || options.times < 1)) {
      throw new Error(`Notify simulator: times must be a positive integer, not ${options.times}`);
    }
    this.current = fault;
    this.remaining = fault === 'none' ? undefined : options.times;
    if (fault !== 'hang') this.release();
  }

  /**
   * The fault this request meets. A counted fault is used up by sends only; other requests pass.
   * 'reject' is for sends only.
   */
  take(isSend: boolean): NotifyFault {
    const fault = this.current;
    if (fault === 'none') return 'none';
    if (fault === 'reject' && !isSend) return 'none';
    if (this.remaining === undefined) return fault;
    if (!isSend) return 'none';
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

  private release(): void {
    for (const done of [...this.hanging]) done();
  }
}
