/**
 * What every simulated API does around its routes, in a Fastify scope of its own (under its
 * prefix, so that its hooks, error handler and 404 stay out of the other simulators on the same
 * instance): it takes JSON bodies only, counts every request, waits the latency, plays the fault
 * (faults.ts), checks the credentials, names its version, and answers errors and unknown URLs in
 * the API's own shape. Each simulator says what its API answers; the plumbing is here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';
import type { Fault, Faults } from './faults.ts';

export interface ApiScope<Body, F extends string = Fault> {
  /** Names the simulator in the log line of an unexpected error, e.g. 'ZGW simulator (zaken)'. */
  name: string;
  faults: Faults<F>;
  /** Sends an ApiError in the API's own shape. */
  send(reply: FastifyReply, error: ApiError<Body>): FastifyReply;
  /** The answer while the API is 'down'; `closing`: to a request held by 'hang' until the app closed. */
  down(reply: FastifyReply, closing: boolean): FastifyReply;
  /**
   * The fault a request meets, once, for APIs whose faults count requests (NotifyNL's count
   * sends); a request it held with 'hang' goes on when released. Without it a request meets the
   * fault that is set, and a held one the fault set when it is released.
   */
  meet?(request: FastifyRequest): F | 'none';
  /** The answer to a fault of the API's own (NotifyNL's 'error500'); undefined lets the request go on. */
  ownFault?(fault: F): ApiError<Body> | undefined;
  /**
   * What the API checks on every request before its routes (credentials; the BRP also the Accept
   * header): the error that refuses it, or undefined. `fault` is the one the request met.
   */
  check?(request: FastifyRequest, fault: F | 'none'): Promise<ApiError<Body> | undefined> | ApiError<Body> | undefined;
  /** The API's answer to an error Fastify raised (a body that is not JSON, too large, of another type); undefined: a server error. */
  fastifyError?(error: FastifyError, request: FastifyRequest): ApiError<Body> | undefined;
  /** The answer to anything unexpected, after it is logged. */
  serverError(): ApiError<Body>;
  /** The answer to a URL the API does not have. */
  unknownUrl(reply: FastifyReply): FastifyReply;
  /** Sent as the API-version header of every answer. */
  apiVersion?: string;
  /** Only JSON bodies (415 for text/plain), default true; false leaves Fastify's parsers as they are. */
  jsonOnly?: boolean;
}

const garbageHtml =
  '<!DOCTYPE html><html lang="nl"><head><title>Onderhoud</title></head><body><h1>Wij zijn bezig met onderhoud</h1><p>Probeer het later opnieuw.</p></body></html>';

export function setUpApiScope<Body, F extends string>(scope: FastifyInstance, api: ApiScope<Body, F>): void {
  const { faults } = api;

  // The APIs take JSON bodies only (415 otherwise); Fastify would also parse text/plain.
  if (api.jsonOnly ?? true) scope.removeContentTypeParser('text/plain');

  scope.addHook('onRequest', async (request, reply) => {
    faults.counted();
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    let fault = api.meet ? api.meet(request) : faults.fault;
    if (fault === 'hang') {
      await faults.hang((done) => reply.raw.once('close', done));
      if (request.raw.destroyed || reply.raw.destroyed) {
        // The client gave up: nobody to answer.
        reply.hijack();
        return reply;
      }
      if (faults.closed) return api.down(reply, true);
      fault = api.meet ? 'none' : faults.fault;
    }
    if (fault === 'down') return api.down(reply, false);
    if (fault === 'garbage') {
      return faults.nextGarbage() === 'json'
        ? reply.code(200).type('application/json').send('{"unexpected":true}')
        : reply.code(200).type('text/html; charset=utf-8').send(garbageHtml);
    }
    const failure = fault === 'none' ? undefined : api.ownFault?.(fault);
    if (failure) return api.send(reply, failure);
    const refusal = await api.check?.(request, fault);
    if (refusal) return api.send(reply, refusal);
    return undefined;
  });

  const { apiVersion } = api;
  if (apiVersion) {
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('API-version', apiVersion);
      return payload;
    });
  }

  scope.setErrorHandler((error: FastifyError | ApiError<Body>, request, reply) => {
    if (error instanceof ApiError) return api.send(reply, error);
    const answer = api.fastifyError?.(error, request);
    if (answer) return api.send(reply, answer);
    request.log.error({ err: error }, `${api.name}: unexpected error`);
    return api.send(reply, api.serverError());
  });

  scope.setNotFoundHandler((_request, reply) => api.unknownUrl(reply));
}
