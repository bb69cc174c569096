/**
 * Delivery of notificaties to abonnementen, as Open Notificaties does it: after the notificatie
 * has been accepted, a POST of the JSON to the abonnement's callbackUrl with
 * `Authorization: <abonnement.auth>`; any answer outside 2xx, or no answer, is retried with
 * exponential backoff (delayMs, 2 × delayMs, 4 × delayMs, …) up to `retries` times. Every
 * attempt is logged. Also the check Open Notificaties makes of a callback URL when an abonnement
 * is created or changed.
 */

export interface Delivery {
  /** URL of the abonnement. */
  abonnement: string;
  callbackUrl: string;
  /** HTTP status of the callback's answer, or 'error' when there was none (refused, timed out). */
  status: number | 'error';
  /** 1 for the first try. */
  attempt: number;
  notificatie: unknown;
  at: Date;
}

export interface DeliveryOptions {
  /** Retries after the first attempt (default 5). */
  retries: number;
  /** Wait before the first retry, doubled for every next one (default 1000). */
  delayMs: number;
  /** How long an attempt may take (default 10000, Open Notificaties' NOTIFICATION_REQUESTS_TIMEOUT). */
  timeoutMs: number;
}

/** Where a delivery goes; looked up again before every attempt (a deleted abonnement gets no more tries). */
export type Target = () => { url: string; callbackUrl: string; auth: string } | undefined;

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
  controllers: Set<AbortController>,
): Promise<number | 'error'> {
  const controller = new AbortController();
  controllers.add(controller);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 'error';
  } finally {
    clearTimeout(timer);
    controllers.delete(controller);
  }
}

/** The test notificatie Open Notificaties sends to a callback URL to see that it can receive (validators.py). */
const testNotificatie = {
  kanaal: 'test',
  hoofdObject: 'http://some.hoofdobject.nl/',
  resource: 'some_resource',
  resourceUrl: 'http://some.resource.nl/',
  actie: 'create',
  aanmaakdatum: '2019-01-01T12:00:00Z',
  kenmerken: {},
};

export class Deliveries {
  readonly log: Delivery[] = [];
  private pending = 0;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();

  constructor(private readonly options: DeliveryOptions) {}

  /** Starts delivering `notificatie` to `target` once the current request is done. */
  deliver(target: Target, notificatie: unknown): void {
    if (this.closed) return;
    this.pending += 1;
    this.later(() => this.attempt(target, notificatie, 1), 0);
  }

  /** Resolves when no delivery is pending (right away when none is). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Open Notificaties' checks of a callback URL: without Authorization it must refuse (401 or
   * 403, CallbackURLAuthValidator), with it it must accept the test notificatie with 204
   * (CallbackURLValidator). Which check failed, or undefined. A callback that does not answer
   * at all is 'unreachable' (Open Notificaties itself then fails with a 500).
   */
  async checkCallback(callbackUrl: string, auth: string | undefined, checkUnauthenticated: boolean): Promise<'no-auth' | 'unreachable' | undefined> {
    const timeoutMs = this.options.timeoutMs;
    if (checkUnauthenticated) {
      const status = await post(callbackUrl, testNotificatie, {}, timeoutMs, this.controllers);
      if (status === 'error') return 'unreachable';
      if (status !== 401 && status !== 403) return 'no-auth';
    }
    const status = await post(callbackUrl, testNotificatie, auth === undefined ? {} : { authorization: auth }, timeoutMs, this.controllers);
    return status === 204 ? undefined : 'unreachable';
  }

  /** Stops: no more attempts, in-flight ones aborted, idle() resolves. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
    this.pending = 0;
    this.settle();
  }

  private later(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(target: Target, notificatie: unknown, attempt: number): Promise<void> {
    const abonnement = target();
    if (!abonnement) return this.done();
    const status = await post(abonnement.callbackUrl, notificatie, { authorization: abonnement.auth }, this.options.timeoutMs, this.controllers);
    if (this.closed) return;
    this.log.push({ abonnement: abonnement.url, callbackUrl: abonnement.callbackUrl, status, attempt, notificatie, at: new Date() });
    const delivered = typeof status === 'number' && status >= 200 && status < 300;
    if (delivered || attempt > this.options.retries) return this.done();
    this.later(() => this.attempt(target, notificatie, attempt + 1), this.options.delayMs * 2 ** (attempt - 1));
  }

  private done(): void {
    this.pending -= 1;
    this.settle();
  }

  private settle(): void {
    if (this.pending > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
