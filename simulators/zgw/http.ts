/**
 * What the three APIs share: one Fastify scope per API (shared/scope.ts, under its own prefix),
 * the error bodies of the specs (Fout, ValidatieFout: shared/problem.ts), pagination, and reading
 * the query string.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Faults } from '../shared/faults.ts';
import { dutch, foutSender } from '../shared/problem.ts';
import { pageOf, queryOf, type Page } from '../shared/query.ts';
import { setUpApiScope } from '../shared/scope.ts';
import type { Authenticator } from './auth.ts';
import type { ApiName, Links } from './store.ts';

export type { InvalidParam } from '../shared/problem.ts';
export { queryOf, type Page };

export const { notFound, invalid } = dutch;

export interface ApiContext {
  links: Links;
  /** Each API has its own faults and counts. */
  faults: Record<ApiName, Faults>;
  authenticate: Authenticator;
  pageSize: number;
}

/**
 * Sets up one API's scope: counts every request, waits the latency, plays the fault, checks the
 * JWT, adds API-version, and answers errors and unknown paths in the spec's shapes.
 */
export function setUpZgwScope(scope: FastifyInstance, api: ApiName, apiVersion: string, context: ApiContext): void {
  const send = foutSender({ origin: () => context.links.origin });
  setUpApiScope(scope, {
    name: `ZGW simulator (${api})`,
    faults: context.faults[api],
    apiVersion,
    send,
    down: (reply, closing) => send(reply, dutch.unavailable(closing ? 'De simulator stopt.' : `De ${api} API is (gesimuleerd) niet beschikbaar.`)),
    async check(request) {
      const auth = await context.authenticate(request.headers.authorization);
      if (auth.ok) return undefined;
      return auth.status === 401 ? dutch.notAuthenticated(auth.detail) : dutch.permissionDenied(auth.detail);
    },
    fastifyError: dutch.fastifyError,
    serverError: dutch.serverError,
    unknownUrl: (reply) => send(reply, notFound('Deze URL bestaat niet in deze API.')),
  });
}

// ---------------------------------------------------------------------------------------------
// Query string and pagination

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
  return pageOf(request, items, page, pageSize, links.origin);
}
