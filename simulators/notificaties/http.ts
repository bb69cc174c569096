/**
 * The Notificaties API's Fastify scope: counts every request, waits the latency, plays the fault,
 * checks the ZGW JWT (the ZGW simulator's authenticator), adds API-version, and answers errors and
 * unknown paths with the spec's Fout and ValidatieFout (the ZGW simulator's ApiError).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Authenticator } from '../zgw/auth.ts';
import { ApiError, invalid, notFound } from '../zgw/http.ts';
import type { Faults } from './faults.ts';

export { ApiError, invalid, notFound };
export type { InvalidParam } from '../zgw/http.ts';

export const apiVersion = '1.0.0';

/** Type names as Open Notificaties puts them in `type` (…/ref/fouten/NotFound/). */
const typeNames: Record<number, string> = {
  400: 'ValidationError',
  401: 'NotAuthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  500: 'APIException',
  503: 'ServiceUnavailable',
};

export const forbidden = (detail: string) => new ApiError(403, 'permission_denied', 'Je hebt geen toestemming om deze actie uit te voeren.', detail);

export function sendProblem(reply: FastifyReply, error: ApiError, origin: string): FastifyReply {
  const body: Record<string, unknown> = {
    type: `${origin}/ref/fouten/${typeNames[error.status] ?? 'APIException'}/`,
    code: error.code,
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: `urn:uuid:${randomUUID()}`,
  };
  if (error.invalidParams) body.invalidParams = error.invalidParams;
  return reply.code(error.status).type('application/problem+json').send(body);
}

const garbageHtml =
  '<!DOCTYPE html><html lang="nl"><head><title>Onderhoud</title></head><body><h1>Wij zijn bezig met onderhoud</h1><p>Probeer het later opnieuw.</p></body></html>';

export interface ScopeContext {
  faults: Faults;
  authenticate: Authenticator;
  /** Origin of the public URL, for the `type` of error bodies. */
  origin: () => string;
  /** Remembers the client of an authenticated request (abonnementen belong to a client). */
  setClient(request: object, clientId: string): void;
}

export function setUpScope(scope: FastifyInstance, context: ScopeContext): void {
  const { faults, authenticate, origin } = context;

  // The spec accepts only Content-Type: application/json (415 otherwise); Fastify would also parse text/plain.
  scope.removeContentTypeParser('text/plain');

  scope.addHook('onRequest', async (request, reply) => {
    faults.counted();
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.fault === 'hang') {
      await faults.hang((done) => reply.raw.once('close', done));
      if (request.raw.destroyed || reply.raw.destroyed) {
        // The client gave up: nobody to answer.
        reply.hijack();
        return reply;
      }
      if (faults.closed) return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Dienst niet beschikbaar.', 'De simulator stopt.'), origin());
    }
    if (faults.fault === 'down') {
      return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Dienst niet beschikbaar.', 'De Notificaties API is (gesimuleerd) niet beschikbaar.'), origin());
    }
    if (faults.fault === 'garbage') {
      return faults.nextGarbage() === 'json'
        ? reply.code(200).type('application/json').send('{"unexpected":true}')
        : reply.code(200).type('text/html; charset=utf-8').send(garbageHtml);
    }
    const auth = await authenticate(request.headers.authorization);
    if (!auth.ok) {
      const error =
        auth.status === 401 ? new ApiError(401, 'not_authenticated', 'Authenticatiegegevens zijn niet opgegeven.', auth.detail) : forbidden(auth.detail);
      return sendProblem(reply, error, origin());
    }
    context.setClient(request, auth.clientId);
    return undefined;
  });

  scope.addHook('onSend', async (_request, reply, payload) => {
    reply.header('API-version', apiVersion);
    return payload;
  });

  scope.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return sendProblem(reply, error, origin());
    const status = error.statusCode ?? 500;
    if (status === 400) return sendProblem(reply, invalid([{ name: 'nonFieldErrors', code: 'parse_error', reason: error.message }]), origin());
    if (status === 413) return sendProblem(reply, new ApiError(413, 'payload_too_large', 'Verzoek te groot.', error.message), origin());
    if (status === 415) {
      return sendProblem(reply, new ApiError(415, 'unsupported_media_type', 'Niet-ondersteund mediatype.', 'Stuur Content-Type: application/json.'), origin());
    }
    request.log.error({ err: error }, 'Notificaties simulator: unexpected error');
    return sendProblem(reply, new ApiError(500, 'error', 'Er is een serverfout opgetreden.', 'Er ging iets mis in de simulator.'), origin());
  });

  scope.setNotFoundHandler((_request, reply) => sendProblem(reply, notFound('Deze URL bestaat niet in deze API.'), origin()));
}
