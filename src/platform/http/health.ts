import type { FastifyInstance } from 'fastify';

/** Liveness (the process answers) and readiness (the database answers too). */
export function registerHealth(app: FastifyInstance, isDatabaseReady: () => Promise<boolean>): void {
  app.get('/health/live', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { logLevel: 'warn' }, async (_request, reply) => {
    const database = await isDatabaseReady();
    reply.code(database ? 200 : 503);
    return { status: database ? 'ok' : 'unavailable', checks: { database: database ? 'ok' : 'unavailable' } };
  });
}
