/**
 * The HTTP side shared by the Objects API and the Objecttypes endpoints: a Fastify scope per API
 * (shared/scope.ts), token authentication, error bodies, the query string and pagination.
 *
 * The Objects API spec (objects-api.yaml 2.7.0) declares no error responses. objects-api answers
 * errors with vng-api-common's exception handler (shared/problem.ts), and renders them without
 * camelCase: `application/problem+json` with type, code, title, status, detail, instance, and for a
 * 400 `invalid_params` (snake case, unlike the ZGW APIs' `invalidParams`), each {name, code, reason}.
 * Messages are DRF's and objects-api's English ones.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BaseUrl } from '../shared/base-url.ts';
import type { ApiError } from '../shared/errors.ts';
import type { Faults } from '../shared/faults.ts';
import { checkToken, fout, foutSender, type Fout, type InvalidParam } from '../shared/problem.ts';
import { dynamicPage, type Page } from '../shared/query.ts';
import { setUpApiScope } from '../shared/scope.ts';

export type { InvalidParam } from '../shared/problem.ts';
export { parseUuid, queryOf } from '../shared/query.ts';

export const notFound = (detail = 'Not found.') => fout(404, 'not_found', 'Not found.', detail);

export const invalid = (invalidParams: InvalidParam[]) => fout(400, 'invalid', 'Invalid input.', '', invalidParams);

export const forbidden = () =>
  fout(403, 'permission_denied', 'You do not have permission to perform this action.', 'You do not have permission to perform this action.');

/** 405 for a method the spec has on a path but the simulator does not play. */
export const notSimulated = (method: string) =>
  fout(405, 'method_not_allowed', `Method "${method}" not allowed.`, `De simulator speelt ${method} op dit pad niet na.`);

const unavailable = (detail: string) => fout(503, 'service_unavailable', 'Service temporarily unavailable, try again later.', detail);

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
  // DRF's TokenAuthentication names its scheme on every 401.
  const send = foutSender({ origin: () => base.origin, invalidParamsName: 'invalid_params', challenge: 'Token' });
  setUpApiScope(scope, {
    name: `Objecten simulator (${apiName})`,
    faults,
    apiVersion,
    send,
    down: (reply, closing) => send(reply, unavailable(closing ? 'De simulator stopt.' : `De ${apiName} is (gesimuleerd) niet beschikbaar.`)),
    check: (request) => checkToken(request.headers.authorization, tokens, 'en'),
    fastifyError(error, request): ApiError<Fout> | undefined {
      const status = error.statusCode ?? 500;
      // The body is not JSON (or empty): DRF's ParseError.
      if (status === 400) return fout(400, 'parse_error', 'Malformed request.', `JSON parse error - ${error.message}`);
      if (status === 413) return fout(413, 'payload_too_large', 'Request entity too large.', error.message);
      if (status === 415) {
        const type = request.headers['content-type'] ?? '';
        return fout(415, 'unsupported_media_type', 'Unsupported media type.', `Unsupported media type "${type}" in request.`);
      }
      return undefined;
    },
    serverError: () => fout(500, 'error', 'A server error occurred.', 'Er ging iets mis in de simulator.'),
    unknownUrl: (reply) => send(reply, notFound('Deze URL bestaat niet in deze API (of wordt niet gesimuleerd).')),
  });
}

// ---------------------------------------------------------------------------------------------
// Query string and pagination

/**
 * One page (objects-api's DynamicPageSizePagination, shared/query.ts). A page that does not exist
 * is a 404 "Invalid page.", as DRF answers it. The links keep the query string; for POST
 * /objects/search they point at the same URL, to POST the same body to.
 */
export function paginate<T>(request: FastifyRequest, items: T[], defaultSize: number, origin: string): Page<T> {
  return dynamicPage(request, items, defaultSize, origin, () => notFound('Invalid page.'));
}
