/**
 * What a simulator of one API needs besides its routes (the BRP and KvK simulators use it): its
 * public base URL, also when the app listens on port 0; and the faults tests turn on, with the
 * same semantics as the ZGW simulator's (simulators/zgw/faults.ts):
 * 'down' = 503 with the API's own error body; 'garbage' = 200 with a body that is not the API's
 * shape (alternately `{"unexpected":true}` and an HTML page); 'hang' = no answer until the fault
 * is set to something else (held requests then go on) or the app closes; plus latency before
 * every answer and a request counter.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';

export type Fault = 'none' | 'down' | 'garbage' | 'hang';

/**
 * The base URL without a trailing slash. With port 0 (tests that listen on port 0) the port is
 * the one `app` listens on, once it listens.
 */
export function publicBase(app: FastifyInstance, baseUrl: string): () => string {
  let resolved: string | undefined;
  return () => {
    if (resolved) return resolved;
    const url = new URL(baseUrl);
    if (url.port !== '0') return (resolved = url.href.replace(/\/+$/, ''));
    const address = app.server.address();
    if (typeof address !== 'object' || address === null) return url.href.replace(/\/+$/, '');
    url.port = String(address.port);
    return (resolved = url.href.replace(/\/+$/, ''));
  };
}

export class Faults {
  latencyMs = 0;
  /** Set when the app closes: held requests are released and answered as 'down'. */
  closed = false;
  private current: Fault = 'none';
  private count = 0;
  private garbageCount = 0;
  private readonly hanging = new Set<() => void>();

  get fault(): Fault {
    return this.current;
  }

  setFault(fault: Fault): void {
    this.current = fault;
    this.garbageCount = 0;
    if (fault !== 'hang') this.release();
  }

  get requestCount(): number {
    return this.count;
  }

  resetCounts(): void {
    this.count = 0;
  }

  close(): void {
    this.closed = true;
    this.release();
  }

  private release(): void {
    for (const done of [...this.hanging]) done();
  }

  /**
   * Adds the onRequest hook to an API's scope that counts the request, waits the latency and
   * plays the fault. `down` sends the API's 503.
   */
  install(scope: FastifyInstance, down: (reply: FastifyReply) => FastifyReply): void {
    scope.addHook('onRequest', async (request, reply) => {
      this.count++;
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      if (this.current === 'hang') {
        await new Promise<void>((resolve) => {
          const done = () => {
            this.hanging.delete(done);
            resolve();
          };
          this.hanging.add(done);
          reply.raw.once('close', done);
        });
        if (request.raw.destroyed || reply.raw.destroyed) {
          // The client gave up: nobody to answer.
          reply.hijack();
          return reply;
        }
        if (this.closed) return down(reply);
      }
      if (this.current === 'down') return down(reply);
      if (this.current === 'garbage') {
        return this.garbageCount++ % 2 === 0
          ? reply.code(200).type('application/json').send('{"unexpected":true}')
          : reply.code(200).type('text/html; charset=utf-8').send(garbageHtml);
      }
      return undefined;
    });
  }
}

const garbageHtml =
  '<!DOCTYPE html><html lang="nl"><head><title>Onderhoud</title></head><body><h1>Wij zijn bezig met onderhoud</h1><p>Probeer het later opnieuw.</p></body></html>';
