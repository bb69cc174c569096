/** Who is asking, as a feature's service needs it: whose data, for the processing log and the log. */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Identity } from '../../domain/identity.ts';
import { HttpError } from './errors.ts';

export interface Caller {
  /** From the session, never from the URL or the form. */
  identity: Identity;
  /** Ties the processing log's entries to the request's log lines. */
  requestId: string;
  log: FastifyBaseLogger;
}

/** The caller of a logged-in route. */
export function callerOf(request: FastifyRequest): Caller {
  const session = request.session;
  if (!session) throw new HttpError(401, 'error.badRequest.text');
  return { identity: session.identity, requestId: request.id, log: request.log };
}
