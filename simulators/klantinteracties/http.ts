/**
 * The HTTP side of the Klantinteracties simulator: one Fastify scope under the API's prefix (so
 * its hooks, error handler and 404 stay out of the other simulators on the same instance),
 * Open Klant's token authentication, the error bodies, pagination, filters and `expand`.
 *
 * The spec (klantinteracties-api.yaml 0.9.0) declares no error responses and no error schema at
 * all. Open Klant answers errors the way every vng-api-common API does, so the simulator does too:
 * `application/problem+json` with type, code, title, status, detail, instance, and for 400 an
 * `invalidParams` list of {name, code, reason} — the Fout/ValidatieFout shapes of the ZGW specs.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Faults } from './faults.ts';

export const apiVersion = '0.9.0';

/** Where the API lives under the simulator's base URL (the spec's `servers`). */
export const apiPath = '/klantinteracties/api/v1';

/** FieldValidationError of vng-api-common. */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** Thrown by handlers; the scope's error handler answers with a Fout or ValidatieFout body. */
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

const typeNames: Record<number, string> = {
  400: 'ValidationError',
  401: 'NotAuthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  405: 'MethodNotAllowed',
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
}

/** Absolute URLs of every resource of the API. */
export class Links {
  constructor(private readonly base: BaseUrl) {}

  get origin(): string {
    return new URL(this.base.href).origin;
  }

  get api(): string {
    return `${this.base.href}${apiPath}`;
  }

  partij = (uuid: string) => `${this.api}/partijen/${uuid}`;
  partijIdentificator = (uuid: string) => `${this.api}/partij-identificatoren/${uuid}`;
  digitaalAdres = (uuid: string) => `${this.api}/digitaleadressen/${uuid}`;
  klantcontact = (uuid: string) => `${this.api}/klantcontacten/${uuid}`;
  betrokkene = (uuid: string) => `${this.api}/betrokkenen/${uuid}`;
  onderwerpobject = (uuid: string) => `${this.api}/onderwerpobjecten/${uuid}`;
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
  // DRF's TokenAuthentication names its scheme on every 401.
  if (error.status === 401) reply.header('WWW-Authenticate', 'Token');
  return reply.code(error.status).type('application/problem+json').send(body);
}

const garbageHtml =
  '<!DOCTYPE html><html lang="nl"><head><title>Onderhoud</title></head><body><h1>Wij zijn bezig met onderhoud</h1><p>Probeer het later opnieuw.</p></body></html>';

/**
 * Open Klant's token authentication (DRF TokenAuthentication): `Authorization: Token <token>`.
 * Like DRF, every failure is a 401 (the scheme has an authenticate header, so DRF never turns
 * these into 403): no or another scheme → not_authenticated, a bad or unknown token →
 * authentication_failed.
 */
function authenticate(authorization: string | undefined, tokens: ReadonlySet<string>): ApiError | undefined {
  const parts = (authorization ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts[0]!.toLowerCase() !== 'token') {
    return new ApiError(401, 'not_authenticated', 'Authenticatiegegevens zijn niet opgegeven.', 'Authenticatiegegevens zijn niet opgegeven.');
  }
  const failed = (detail: string) => new ApiError(401, 'authentication_failed', 'Ongeldige authenticatiegegevens.', detail);
  if (parts.length === 1) return failed('Ongeldige token header. Geen credentials opgegeven.');
  if (parts.length > 2) return failed('Ongeldige token header. Token string mag geen spaties bevatten.');
  if (!tokens.has(parts[1]!)) return failed('Ongeldige token.');
  return undefined;
}

export interface ScopeContext {
  links: Links;
  faults: Faults;
  tokens: ReadonlySet<string>;
}

/** Counts every request, waits the latency, plays the fault, checks the token, adds API-version. */
export function setUpScope(scope: FastifyInstance, { links, faults, tokens }: ScopeContext): void {
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
      if (faults.closed) return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Dienst niet beschikbaar.', 'De simulator stopt.'), links);
    }
    if (faults.fault === 'down') {
      return sendProblem(reply, new ApiError(503, 'service_unavailable', 'Dienst niet beschikbaar.', 'De Klantinteracties API is (gesimuleerd) niet beschikbaar.'), links);
    }
    if (faults.fault === 'garbage') {
      return faults.nextGarbage() === 'json'
        ? reply.code(200).type('application/json').send('{"unexpected":true}')
        : reply.code(200).type('text/html; charset=utf-8').send(garbageHtml);
    }
    const error = authenticate(request.headers.authorization, tokens);
    if (error) return sendProblem(reply, error, links);
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
      // The body is not JSON (or empty): DRF's ParseError, in the ValidatieFout shape.
      return sendProblem(reply, new ApiError(400, 'parse_error', 'Ongeldig verzoek.', error.message, [{ name: 'nonFieldErrors', code: 'parse_error', reason: error.message }]), links);
    }
    if (status === 413) return sendProblem(reply, new ApiError(413, 'payload_too_large', 'Verzoek te groot.', error.message), links);
    if (status === 415) {
      return sendProblem(reply, new ApiError(415, 'unsupported_media_type', 'Niet-ondersteund mediatype.', 'Stuur Content-Type: application/json.'), links);
    }
    request.log.error({ err: error }, 'Klantinteracties simulator: unexpected error');
    return sendProblem(reply, new ApiError(500, 'error', 'Er is een serverfout opgetreden.', 'Er ging iets mis in de simulator.'), links);
  });

  scope.setNotFoundHandler((_request, reply) => sendProblem(reply, notFound('Deze URL bestaat niet in deze API (of wordt niet gesimuleerd).'), links));
}

/** 405 for a method the spec has on a path but the simulator does not play. */
export const notSimulated = (method: string) =>
  new ApiError(405, 'method_not_allowed', `Methode "${method}" niet toegestaan.`, `De simulator speelt ${method} op dit pad niet na.`);

// ---------------------------------------------------------------------------------------------
// Query string, filters and pagination, as django-filter and DRF answer them in Open Klant:
// a value that does not parse is a 400 with invalidParams naming the filter, except for booleans
// (django-filter's BooleanWidget ignores a value it does not know); a filter name that the API
// does not have is ignored.

/** The query string as given (repeated keys and order intact). */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : request.url.slice(index + 1));
}

/** A filter's value; an empty value means "no filter", as in django-filter. */
export function text(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

export function choice<T extends string>(query: URLSearchParams, name: string, choices: readonly T[]): T | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw invalid([{ name, code: 'invalid_choice', reason: `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.` }]);
  }
  return value as T;
}

/** A UUID in any form Python's uuid.UUID reads (with or without hyphens), lowercased and hyphenated; undefined otherwise. */
export function parseUuid(value: string): string | undefined {
  const hex = value.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1').replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidFilter(query: URLSearchParams, name: string): string | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const uuid = parseUuid(value);
  if (!uuid) throw invalid([{ name, code: 'invalid', reason: 'Voer een geldige UUID in.' }]);
  return uuid;
}

/** Django's forms.URLField: a URL (http:// is assumed when there is no scheme) with a real host. */
function asUrl(value: string): URL | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  if (/\s/.test(value) || !URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  const { hostname } = url;
  const hostOk = hostname === 'localhost' || hostname.includes('.') || hostname.startsWith('[');
  return ['http:', 'https:', 'ftp:', 'ftps:'].includes(url.protocol) && hostOk ? url : undefined;
}

/**
 * Open Klant's URLViewFilter: the value must be a URL (400 otherwise), and only the UUID at the
 * end of its path counts, whatever host or path is in front of it. Gives the UUID, or null when
 * the URL does not end in one (then nothing matches).
 */
export function urlUuidFilter(query: URLSearchParams, name: string): string | null | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const url = asUrl(value);
  if (!url) throw invalid([{ name, code: 'invalid', reason: 'Voer een geldige URL in.' }]);
  const path = url.pathname.replace(/\/+$/, '');
  return parseUuid(path.slice(path.lastIndexOf('/') + 1)) ?? null;
}

/** django-filter's BooleanFilter (BooleanWidget): true/false/1/0 in any case; anything else means "no filter". */
export function booleanFilter(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name)?.toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

export function dateFilter(query: URLSearchParams, name: string): string | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (!isDate(value)) throw invalid([{ name, code: 'invalid', reason: 'Voer een geldige datum in.' }]);
  return value;
}

/** An ISO 8601 date-time (IsoDateTimeFilter), as a moment in ms. */
export function dateTimeFilter(query: URLSearchParams, name: string): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const moment = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(moment)) throw invalid([{ name, code: 'invalid', reason: 'Voer een geldige datum/tijd in.' }]);
  return moment;
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The `expand` parameter (form style, not exploded: expand=a,b.c), checked against the spec's enum. */
export function expandOf(query: URLSearchParams, allowed: readonly string[]): string[] {
  const values = query
    .getAll('expand')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const wrong = values.filter((value) => !allowed.includes(value));
  if (wrong.length > 0) {
    throw invalid(wrong.map((value) => ({ name: 'expand', code: 'invalid_choice', reason: `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.` })));
  }
  return [...new Set(values)];
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

const maxPageSize = 500;

/**
 * One page (vng-api-common's DynamicPageSizePagination: `page`, also `last`, and `pageSize` up
 * to 500; a pageSize that is not a positive number gives the default size). A page that does not
 * exist is a 404 "Ongeldige pagina.", as DRF answers it.
 */
export function paginate<T>(request: FastifyRequest, items: T[], defaultSize: number, links: Links): Page<T> {
  const query = queryOf(request);
  const rawSize = query.get('pageSize');
  const size = rawSize !== null && /^\d+$/.test(rawSize) && Number(rawSize) > 0 ? Math.min(Number(rawSize), maxPageSize) : defaultSize;
  const last = Math.max(1, Math.ceil(items.length / size));
  const rawPage = query.get('page');
  const page = rawPage === null || rawPage === '' ? 1 : rawPage === 'last' ? last : /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > last) throw notFound('Ongeldige pagina.');
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
    results: items.slice((page - 1) * size, page * size),
  };
}
