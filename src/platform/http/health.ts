import type { FastifyInstance } from 'fastify';

/**
 * Liveness (the process answers) and readiness (the database answers too); and a clean stop:
 * once the application is closing, readiness says so and every answer closes its connection, so
 * that a keep-alive client (a load balancer, the Notificaties API) cannot hold the stop for the
 * server's keep-alive timeout after its last request is answered.
 */
export function registerHealth(app: FastifyInstance, isDatabaseReady: () => Promise<boolean>): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    app.server.closeIdleConnections();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.get('/health/live', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { logLevel: 'warn' }, async (_request, reply) => {
    const database = !closing && (await isDatabaseReady());
    reply.code(database ? 200 : 503);
    return { status: database ? 'ok' : 'unavailable', checks: { database: database ? 'ok' : 'unavailable' } };
  });
}
