/**
 * What the three APIs share: one Fastify scope per API (under its own prefix, so that its hooks,
 * error handler and 404 stay out of the other simulators on the same instance), the error
 * bodies of the specs (Fout, ValidatieFout), pagination, and reading the query string.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from './auth.ts';
import type { Faults } from './faults.ts';
import type { ApiName, Links } from './store.ts';

/** FieldValidationError of the specs. */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** Thrown by handlers; the scope's error handler answers with the spec's Fout or ValidatieFout. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly invalidParams?: InvalidParam[],
  ) {
    super(detail);
  }
}

export const notFound = (detail = 'Niet gevonden.') => new ApiError(404, 'not_found', 'Niet gevonden.', detail);

export const invalid = (invalidParams: InvalidParam[]) =>
  new ApiError(400, 'invalid', 'Ongeldige invoer.', 'Er zijn fouten in de invoer. Zie invalidParams.', invalidParams);

/** Type names as Open Zaak puts them in `type` (…/ref/fouten/NotFound/). */
const typeNames: Record<number, string> = {
  400: 'ValidationError',
  401: 'NotAuthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  406: 'NotAcceptable',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  500: 'APIException',
  503: 'ServiceUnavailable',
};

export interface ApiContext {
  links: Links;
  faults: Faults;
  authenticate: Authenticator;
  pageSize: number;
}

function sendProblem(reply: FastifyReply, error: ApiError, links: Links): FastifyReply {
  const body: Record<string, unknown> = {
    type: `${links.origin}/ref/fouten/${typeNames[error.status] ?? 'APIException'}/`,
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

/**
 * Sets up one API's scope: counts every request, waits the latency, plays the fault, checks the
 * JWT, adds API-version, and answers errors and unknown paths in the spec's shapes.
 */
export function setUpApiScope(scope: FastifyInstance, api: ApiName, apiVersion: string, context: ApiContext): void {
  const { faults, links, authenticate } = context;

  // The specs accept only Content-Type: application/json (415 otherwise); Fastify would also parse text/plain.
  scope.removeContentTypeParser('text/plain');

  scope.addHook('onRequest', async (request, reply) => {
    faults.count(api);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.fault(api) === 'hang') {
      await faults.hang(api, (done) => reply.raw.once('close', done));
      if (request.raw.destroyed || reply.raw.destroyed) {
        // The client gave up: nobody to answer.
        reply.hijack();
        return reply;
      }
      if (faults.closed) return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Dienst niet beschikbaar.', 'De simulator stopt.'), links);
    }
    const fault = faults.fault(api);
    if (fault === 'down') {
      return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Dienst niet beschikbaar.', `De ${api} API is (gesimuleerd) niet beschikbaar.`), links);
    }
    if (fault === 'garbage') {
      return faults.nextGarbage(api) === 'json'
        ? reply.code(200).type('application/json').send('{"unexpected":true}')
        : reply.code(200).type('text/html; charset=utf-8').send(garbageHtml);
    }
    const auth = await authenticate(request.headers.authorization);
    if (!auth.ok) {
      const error =
        auth.status === 401
          ? new ApiError(401, 'not_authenticated', 'Authenticatiegegevens zijn niet opgegeven.', auth.detail)
          : new ApiError(403, 'permission_denied', 'Je hebt geen toestemming om deze actie uit te voeren.', auth.detail);
      return sendProblem(reply, error, links);
    }
    return undefined;
  });

  scope.addHook('onSend', async (_request, reply, payload) => {
    reply.header('API-version', apiVersion);
    return payload;
  });

  scope.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return sendProblem(reply, error, links);
    const status = error.statusCode ?? 500;
    if (status === 400) {
      // The body is not JSON (or empty): say so in the ValidatieFout shape of the spec.
      return sendProblem(reply, invalid([{ name: 'nonFieldErrors', code: 'parse_error', reason: error.message }]), links);
    }
    if (status === 413) return sendProblem(reply, new ApiError(413, 'payload_too_large', 'Verzoek te groot.', error.message), links);
    if (status === 415) {
      return sendProblem(reply, new ApiError(415, 'unsupported_media_type', 'Niet-ondersteund mediatype.', `Stuur Content-Type: application/json.`), links);
    }
    request.log.error({ err: error }, `ZGW simulator (${api}): unexpected error`);
    return sendProblem(reply, new ApiError(500, 'error', 'Er is een serverfout opgetreden.', 'Er ging iets mis in de simulator.'), links);
  });

  scope.setNotFoundHandler((_request, reply) => sendProblem(reply, notFound('Deze URL bestaat niet in deze API.'), links));
}

// ---------------------------------------------------------------------------------------------
// Query string and pagination

/** The query string as given (repeated keys and order intact). */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : request.url.slice(index + 1));
}

/** A filter value that must be one of `choices` (400 otherwise, as django-filter does). */
export function choice<T extends string>(query: URLSearchParams, name: string, choices: readonly T[]): T | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw invalid([{ name, code: 'invalid_choice', reason: `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.` }]);
  }
  return value as T;
}

/** A filter that is a URL; a value that is not a URL at all is a 400. */
export function urlFilter(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!URL.canParse(value)) throw invalid([{ name, code: 'invalid', reason: 'Voer een geldige URL in.' }]);
  return value;
}

/** A boolean filter ('true'/'false', as Django accepts them). */
export function booleanFilter(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (['true', 'True', '1'].includes(value)) return true;
  if (['false', 'False', '0'].includes(value)) return false;
  throw invalid([{ name, code: 'invalid', reason: 'Geef true of false.' }]);
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/**
 * One page of `items` with absolute next/previous links (DRF PageNumberPagination). A page
 * number that is not a positive integer, or past the last page, is a 400 (the specs give list
 * operations no 404).
 */
export function paginate<T>(request: FastifyRequest, items: T[], pageSize: number, links: Links): Page<T> {
  const query = queryOf(request);
  const raw = query.get('page');
  const page = raw === null || raw === '' ? 1 : /^\d+$/.test(raw) ? Number(raw) : NaN;
  const last = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > last) {
    throw invalid([{ name: 'page', code: 'invalid', reason: 'Ongeldige pagina.' }]);
  }
  const pageUrl = (n: number) => {
    const url = new URL(request.url, links.origin);
    if (n === 1) url.searchParams.delete('page');
    else url.searchParams.set('page', String(n));
    return url.href;
  };
  return {
    count: items.length,
    next: page < last ? pageUrl(page + 1) : null,
    previous: page > 1 ? pageUrl(page - 1) : null,
    results: items.slice((page - 1) * pageSize, page * pageSize),
  };
}
