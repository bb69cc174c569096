/** Prometheus metrics: request durations per route, outgoing call durations per source. */
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';

export class Metrics {
  readonly registry = new client.Registry();
  readonly httpDuration = new client.Histogram({
    name: 'voordeur_http_request_duration_seconds',
    help: 'Duration of HTTP requests handled by Voordeur, by route',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly sourceDuration = new client.Histogram({
    name: 'voordeur_source_request_duration_seconds',
    help: 'Duration of calls from Voordeur to an external source, by source and outcome',
    labelNames: ['source', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'voordeur_' });
  }

  /** Times an outgoing call: `await metrics.timeSource('oidc', () => fetch(…))`. */
  async timeSource<T>(source: string, call: () => Promise<T>): Promise<T> {
    const end = this.sourceDuration.startTimer({ source });
    try {
      const result = await call();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }
}

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'not_found', status_code: reply.statusCode },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
