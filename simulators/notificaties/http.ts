/**
 * The Notificaties API's Fastify scope (shared/scope.ts): counts every request, waits the latency,
 * plays the fault, checks the ZGW JWT (the ZGW simulator's authenticator), adds API-version, and
 * answers errors and unknown paths with the spec's Fout and ValidatieFout, in Open Notificaties'
 * words (the same as Open Zaak's).
 */
import type { FastifyInstance } from 'fastify';
import type { Faults } from '../shared/faults.ts';
import { dutch, foutSender } from '../shared/problem.ts';
import { setUpApiScope } from '../shared/scope.ts';
import type { Authenticator } from '../zgw/auth.ts';

export type { InvalidParam } from '../shared/problem.ts';

export const apiVersion = '1.0.0';

export const { invalid, notFound, permissionDenied: forbidden } = dutch;

export interface ScopeContext {
  faults: Faults;
  authenticate: Authenticator;
  /** Origin of the public URL, for the `type` of error bodies. */
  origin: () => string;
  /** Remembers the client of an authenticated request (abonnementen belong to a client). */
  setClient(request: object, clientId: string): void;
}

export function setUpScope(scope: FastifyInstance, context: ScopeContext): void {
  const send = foutSender({ origin: context.origin });
  setUpApiScope(scope, {
    name: 'Notificaties simulator',
    faults: context.faults,
    apiVersion,
    send,
    down: (reply, closing) => send(reply, dutch.unavailable(closing ? 'De simulator stopt.' : 'De Notificaties API is (gesimuleerd) niet beschikbaar.')),
    async check(request) {
      const auth = await context.authenticate(request.headers.authorization);
      if (!auth.ok) return auth.status === 401 ? dutch.notAuthenticated(auth.detail) : forbidden(auth.detail);
      context.setClient(request, auth.clientId);
      return undefined;
    },
    fastifyError: dutch.fastifyError,
    serverError: dutch.serverError,
    unknownUrl: (reply) => send(reply, notFound('Deze URL bestaat niet in deze API.')),
  });
}
