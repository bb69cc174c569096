/**
 * The /metrics route, and the duration of every request handled, by route. /metrics tells an
 * outsider how busy Voordeur is and which sources fail, so it is not public: with
 * `METRICS_TOKEN` it answers only `Authorization: Bearer <token>`; with `METRICS_PORT` it is
 * served on a port of its own (for the monitoring network) and not on the public one; both may
 * be set. With neither, it is open in demo mode and not served otherwise.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../crypto.ts';
import type { Metrics } from '../metrics.ts';

export interface MetricsAccess {
  token?: string;
  /** Serve /metrics on this port (on `host`) instead of the application's. */
  port?: number;
  host?: string;
  /** Neither a token nor a port: serve it to anyone (demo mode). */
  open: boolean;
}

export function registerMetrics(app: FastifyInstance, metrics: Metrics, access: MetricsAccess = { open: true }): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'not_found', status_code: reply.statusCode },
      reply.elapsedTime / 1000,
    );
    done();
  });
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (access.token !== undefined) {
      const [scheme, sent] = (request.headers.authorization ?? '').split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !sent || !constantTimeEqual(sent, access.token)) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('Unauthorized\n');
      }
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  };
  if (access.port !== undefined) {
    const server = Fastify({ logger: false });
    server.get('/metrics', handler);
    // Listening with the application: a port in use stops the start, as for the application's own.
    app.addHook('onReady', async () => {
      await server.listen({ host: access.host ?? '0.0.0.0', port: access.port });
      app.log.info({ port: access.port, token: access.token !== undefined }, '/metrics served on its own port');
    });
    app.addHook('onClose', async () => {
      await server.close();
    });
    return;
  }
  if (access.token === undefined && !access.open) {
    app.log.info('/metrics is not served: set METRICS_TOKEN or METRICS_PORT (docs/configuration.md)');
    return;
  }
  app.get('/metrics', { logLevel: 'warn' }, handler);
}
