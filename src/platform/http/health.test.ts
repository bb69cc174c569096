import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { registerHealth } from './health.ts';

describe('stopping the application', () => {
  it('answers a request in flight, then closes its keep-alive connection instead of waiting for the client', async () => {
    const app = Fastify();
    registerHealth(app, async () => true);
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    app.get('/slow', async () => {
      arrived();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    // A client that keeps its connections open, as a load balancer or the Notificaties API does.
    const client = new Agent({ keepAliveTimeout: 120_000 });
    const answer = request(`http://127.0.0.1:${port}/slow`, { dispatcher: client });
    await inFlight;
    const started = Date.now();
    const closed = app.close();
    const response = await answer;
    expect(response.statusCode).toBe(200);
    expect(response.headers.connection).toBe('close');
    expect(await response.body.json()).toEqual({ done: true });
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000);
    await client.close();
  });
});
