/**
 * A per-client limit on starting logins (/inloggen/*): each start costs a row in login_attempts
 * and a request to the identity provider, so a script must not be able to start thousands.
 *
 * A fixed window per client address (request.ip: the X-Forwarded-For client when TRUST_PROXY is
 * set), in memory, per instance: with n instances a client gets at most n × the limit, which is
 * still far from an attack and needs no shared store. Chosen over @fastify/rate-limit: one route
 * family, a Dutch page in the page shell on 429, and no new dependency for ~30 lines.
 */
export interface RateLimitOptions {
  /** Starts allowed per client per window. */
  limit: number;
  windowMs: number;
  /** Clients remembered at most (the oldest window is dropped first). */
  maxClients?: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private readonly now: () => number;
  private readonly maxClients: number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
    this.maxClients = options.maxClients ?? 100_000;
  }

  /** Counts one request of this client; undefined when it may go on, else the seconds until it may try again. */
  take(client: string): number | undefined {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= this.options.windowMs) {
      this.windows.delete(client);
      if (this.windows.size >= this.maxClients) this.dropExpired(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(client, window);
    }
    window.count += 1;
    if (window.count <= this.options.limit) return undefined;
    return Math.max(1, Math.ceil((window.startedAt + this.options.windowMs - now) / 1000));
  }

  private dropExpired(now: number): void {
    for (const [client, window] of this.windows) {
      if (now - window.startedAt >= this.options.windowMs) this.windows.delete(client);
    }
    // Still full (a flood of addresses): forget the oldest, as a Map iterates in insertion order.
    while (this.windows.size >= this.maxClients) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
  }
}
