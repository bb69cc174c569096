/**
 * The HTTP side of the Klantinteracties simulator: one Fastify scope under the API's prefix
 * (shared/scope.ts), Open Klant's token authentication, the error bodies, pagination, filters and
 * `expand`.
 *
 * The spec (klantinteracties-api.yaml 0.9.0) declares no error responses and no error schema at
 * all. Open Klant answers errors the way every vng-api-common API does, so the simulator does too:
 * `application/problem+json` with type, code, title, status, detail, instance, and for 400 an
 * `invalidParams` list of {name, code, reason} — the Fout/ValidatieFout shapes of the ZGW specs
 * (shared/problem.ts), in Open Klant's Dutch.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BaseUrl } from '../shared/base-url.ts';
import type { Faults } from '../shared/faults.ts';
import { checkToken, dutch, fout, foutSender } from '../shared/problem.ts';
import { dynamicPage, parseUuid, queryOf, type Page } from '../shared/query.ts';
import { setUpApiScope } from '../shared/scope.ts';

export type { InvalidParam } from '../shared/problem.ts';
export { parseUuid, queryOf, type Page };

export const apiVersion = '0.9.0';

/** Where the API lives under the simulator's base URL (the spec's `servers`). */
export const apiPath = '/klantinteracties/api/v1';

export const { notFound, invalid } = dutch;

/** Absolute URLs of every resource of the API. */
export class Links {
  constructor(private readonly base: BaseUrl) {}

  get origin(): string {
    return this.base.origin;
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

export interface ScopeContext {
  links: Links;
  faults: Faults;
  tokens: ReadonlySet<string>;
}

/** Counts every request, waits the latency, plays the fault, checks the token, adds API-version. */
export function setUpScope(scope: FastifyInstance, { links, faults, tokens }: ScopeContext): void {
  // DRF's TokenAuthentication names its scheme on every 401.
  const send = foutSender({ origin: () => links.origin, challenge: 'Token' });
  setUpApiScope(scope, {
    name: 'Klantinteracties simulator',
    faults,
    apiVersion,
    send,
    down: (reply, closing) => send(reply, dutch.unavailable(closing ? 'De simulator stopt.' : 'De Klantinteracties API is (gesimuleerd) niet beschikbaar.')),
    check: (request) => checkToken(request.headers.authorization, tokens, 'nl'),
    fastifyError(error) {
      // The body is not JSON (or empty): DRF's ParseError, in the ValidatieFout shape.
      if (error.statusCode === 400) {
        return fout(400, 'parse_error', 'Ongeldig verzoek.', error.message, [{ name: 'nonFieldErrors', code: 'parse_error', reason: error.message }]);
      }
      return dutch.fastifyError(error);
    },
    serverError: dutch.serverError,
    unknownUrl: (reply) => send(reply, notFound('Deze URL bestaat niet in deze API (of wordt niet gesimuleerd).')),
  });
}

/** 405 for a method the spec has on a path but the simulator does not play. */
export const notSimulated = (method: string) =>
  fout(405, 'method_not_allowed', `Methode "${method}" niet toegestaan.`, `De simulator speelt ${method} op dit pad niet na.`);

// ---------------------------------------------------------------------------------------------
// Query string, filters and pagination, as django-filter and DRF answer them in Open Klant:
// a value that does not parse is a 400 with invalidParams naming the filter, except for booleans
// (django-filter's BooleanWidget ignores a value it does not know); a filter name that the API
// does not have is ignored.

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
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(moment))
    throw invalid([{ name, code: 'invalid', reason: 'Voer een geldige datum/tijd in.' }]);
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
    throw invalid(
      wrong.map((value) => ({ name: 'expand', code: 'invalid_choice', reason: `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.` })),
    );
  }
  return [...new Set(values)];
}

/**
 * One page (vng-api-common's DynamicPageSizePagination, shared/query.ts). A page that does not
 * exist is a 404 "Ongeldige pagina.", as DRF answers it.
 */
export function paginate<T>(request: FastifyRequest, items: T[], defaultSize: number, links: Links): Page<T> {
  return dynamicPage(request, items, defaultSize, links.origin, () => notFound('Ongeldige pagina.'));
}
