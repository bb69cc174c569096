/** Who is asking, as a feature's service needs it: whose data, for the processing log and the log. */
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';
import type { Caller } from './types.ts';

export type { Caller };

/** The caller of a logged-in route. */
export function callerOf(request: FastifyRequest): Caller {
  const session = request.session;
  if (!session) throw new HttpError(401, 'error.badRequest.text');
  return { identity: session.identity, requestId: request.id, log: request.log };
}
