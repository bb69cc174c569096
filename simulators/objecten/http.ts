/**
 * The HTTP side shared by the Objects API and the Objecttypes endpoints: a Fastify scope per API
 * (so its hooks, error handler and 404 stay out of the other simulators on the same instance),
 * token authentication, error bodies, the query string and pagination.
 *
 * The Objects API spec (objects-api.yaml 2.7.0) declares no error responses. objects-api answers
 * errors with vng-api-common's exception handler, and renders them without camelCase:
 * `application/problem+json` with type, code, title, status, detail, instance, and for a 400
 * `invalid_params` (snake case, unlike the ZGW APIs' `invalidParams`), each {name, code, reason}.
 * Messages are DRF's and objects-api's English ones.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Faults } from './faults.ts';

/** One entry of `invalid_params`. */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** Thrown by handlers; the scope's error handler answers with the problem body. */
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

export const notFound = (detail = 'Not found.') => new ApiError(404, 'not_found', 'Not found.', detail);

export const invalid = (invalidParams: InvalidParam[]) => new ApiError(400, 'invalid', 'Invalid input.', '', invalidParams);

export const forbidden = () =>
  new ApiError(403, 'permission_denied', 'You do not have permission to perform this action.', 'You do not have permission to perform this action.');

/** Type names as vng-api-common puts them in `type` (…/ref/fouten/NotFound/). */
const typeNames: Record<number, string> = {
  400: 'ValidationError',
  401: 'NotAuthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  500: 'APIException',
  503: 'ServiceUnavailable',
};

/** A base URL that may have port 0 (tests listening on port 0): then the port the app listens on. */
export class BaseUrl {
  private resolved?: string;

  constructor(
    private readonly url: string,
    private readonly listeningPort: () => number | undefined,
  ) {}

  /** Without a trailing slash; complete once the app listens. */
  get href(): string {
    if (this.resolved) return this.resolved;
    const url = new URL(this.url);
    if (url.port !== '0') return (this.resolved = url.href.replace(/\/+$/, ''));
    const port = this.listeningPort();
    if (port === undefined) return url.href.replace(/\/+$/, '');
    url.port = String(port);
    return (this.resolved = url.href.replace(/\/+$/, ''));
  }

  get origin(): string {
    return new URL(this.href).origin;
  }
}

export function sendProblem(reply: FastifyReply, error: ApiError, origin: string): FastifyReply {
  const body: Record<string, unknown> = {
    type: `${origin}/ref/fouten/${typeNames[error.status] ?? 'APIException'}/`,
    code: error.code,
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: `urn:uuid:${randomUUID()}`,
  };
  if (error.invalidParams) body.invalid_params = error.invalidParams;
  // DRF's TokenAuthentication names its scheme on every 401.
  if (error.status === 401) reply.header('WWW-Authenticate', 'Token');
  return reply.code(error.status).type('application/problem+json').send(body);
}

const garbageHtml =
  '<!DOCTYPE html><html lang="nl"><head><title>Onderhoud</title></head><body><h1>Wij zijn bezig met onderhoud</h1><p>Probeer het later opnieuw.</p></body></html>';

/**
 * objects-api's token authentication (DRF TokenAuthentication, keyword "Token"). Every failure is
 * a 401: no header or another scheme → not_authenticated, a malformed or unknown token →
 * authentication_failed. What a known token may do is the permission check's business (403).
 */
function authenticate(authorization: string | undefined, tokens: ReadonlySet<string>): ApiError | undefined {
  const parts = (authorization ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts[0]!.toLowerCase() !== 'token') {
    return new ApiError(401, 'not_authenticated', 'Authentication credentials were not provided.', 'Authentication credentials were not provided.');
  }
  const failed = (detail: string) => new ApiError(401, 'authentication_failed', 'Incorrect authentication credentials.', detail);
  if (parts.length === 1) return failed('Invalid token header. No credentials provided.');
  if (parts.length > 2) return failed('Invalid token header. Token string should not contain spaces.');
  if (!tokens.has(parts[1]!)) return failed('Invalid token.');
  return undefined;
}

export interface ScopeContext {
  base: BaseUrl;
  faults: Faults;
  tokens: ReadonlySet<string>;
  apiVersion: string;
  /** Name in the 503 detail. */
  apiName: string;
}

/** Counts every request, waits the latency, plays the fault, checks the token, adds API-version. */
export function setUpScope(scope: FastifyInstance, { base, faults, tokens, apiVersion, apiName }: ScopeContext): void {
  // Only JSON bodies (415 otherwise); Fastify would also parse text/plain.
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
      if (faults.closed) return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Service temporarily unavailable, try again later.', 'De simulator stopt.'), base.origin);
    }
    if (faults.fault === 'down') {
      return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Service temporarily unavailable, try again later.', `De ${apiName} is (gesimuleerd) niet beschikbaar.`), base.origin);
    }
    if (faults.fault === 'garbage') {
      return faults.nextGarbage() === 'json'
        ? reply.code(200).type('application/json').send('{"unexpected":true}')
        : reply.code(200).type('text/html; charset=utf-8').send(garbageHtml);
    }
    const error = authenticate(request.headers.authorization, tokens);
    if (error) return sendProblem(reply, error, base.origin);
    return undefined;
  });

  scope.addHook('onSend', async (_request, reply, payload) => {
    reply.header('API-version', apiVersion);
    return payload;
  });

  scope.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return sendProblem(reply, error, base.origin);
    const status = error.statusCode ?? 500;
    if (status === 400) {
      // The body is not JSON (or empty): DRF's ParseError.
      return sendProblem(reply, new ApiError(400, 'parse_error', 'Malformed request.', `JSON parse error - ${error.message}`), base.origin);
    }
    if (status === 413) return sendProblem(reply, new ApiError(413, 'payload_too_large', 'Request entity too large.', error.message), base.origin);
    if (status === 415) {
      const type = request.headers['content-type'] ?? '';
      return sendProblem(reply, new ApiError(415, 'unsupported_media_type', 'Unsupported media type.', `Unsupported media type "${type}" in request.`), base.origin);
    }
    request.log.error({ err: error }, `Objecten simulator (${apiName}): unexpected error`);
    return sendProblem(reply, new ApiError(500, 'error', 'A server error occurred.', 'Er ging iets mis in de simulator.'), base.origin);
  });

  scope.setNotFoundHandler((_request, reply) => sendProblem(reply, notFound('Deze URL bestaat niet in deze API (of wordt niet gesimuleerd).'), base.origin));
}

/** 405 for a method the spec has on a path but the simulator does not play. */
export const notSimulated = (method: string) => new ApiError(405, 'method_not_allowed', `Method "${method}" not allowed.`, `De simulator speelt ${method} op dit pad niet na.`);

// ---------------------------------------------------------------------------------------------
// Query string and pagination

/** The query string as given (repeated keys and order intact; `+` is a space, as in Django). */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : request.url.slice(index + 1));
}

/** A UUID in any form Python's uuid.UUID reads, lowercased and hyphenated; undefined otherwise. */
export function parseUuid(value: string): string | undefined {
  const hex = value.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1').replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

const maxPageSize = 500;

/**
 * One page (objects-api's DynamicPageSizePagination: `page`, also `last`, and `pageSize` up to
 * 500; a pageSize that is not a positive number gives the default size). A page that does not
 * exist is a 404 "Invalid page.", as DRF answers it. The links keep the query string; for POST
 * /objects/search they point at the same URL, to POST the same body to.
 */
export function paginate<T>(request: FastifyRequest, items: T[], defaultSize: number, origin: string): Page<T> {
  const query = queryOf(request);
  const rawSize = query.get('pageSize');
  const size = rawSize !== null && /^\d+$/.test(rawSize) && Number(rawSize) > 0 ? Math.min(Number(rawSize), maxPageSize) : defaultSize;
  const last = Math.max(1, Math.ceil(items.length / size));
  const rawPage = query.get('page');
  const page = rawPage === null || rawPage === '' ? 1 : rawPage === 'last' ? last : /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > last) throw notFound('Invalid page.');
  const pageUrl = (n: number) => {
    const url = new URL(request.url, origin);
    if (n === 1) url.searchParams.delete('page');
    else url.searchParams.set('page', String(n));
    return url.href;
  };
  return {
    count: items.length,
    next: page < last ? pageUrl(page + 1) : null,
    previous: page > 1 ? pageUrl(page - 1) : null,
    results: items.slice((page - 1) * size, page * size),
  };
}
