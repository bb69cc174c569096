/**
 * Resolves the session for every page request, sends people without one to log in, and checks
 * the CSRF token of every POST. Static files, health and metrics skip all this.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../auth/return-path.ts';
import { constantTimeEqual } from '../crypto.ts';
import type { SessionStore } from '../session/store.ts';
import { HttpError } from './errors.ts';

export interface SessionCookie {
  name: string;
  secure: boolean;
}

export function sessionCookie(secure: boolean): SessionCookie {
  return { name: secure ? '__Host-voordeur_session' : 'voordeur_session', secure };
}

export function setSessionCookie(reply: FastifyReply, cookie: SessionCookie, token: string): void {
  reply.setCookie(cookie.name, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookie.secure });
}

export function clearSessionCookie(reply: FastifyReply, cookie: SessionCookie): void {
  reply.clearCookie(cookie.name, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookie.secure });
}

const skipsSession = (url: string) => url.startsWith('/static/') || url.startsWith('/health/') || url === '/metrics';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where a person without a (valid) session is sent from a page that needs one. */
function loginRedirect(request: FastifyRequest, reason: 'expired' | 'unknown' | 'none'): string {
  if (reason === 'expired') return '/uitgelogd?reden=verlopen';
  if (reason === 'unknown') return '/uitgelogd';
  const back = request.method === 'GET' && safeReturnPath(request.url) ? `?terug=${encodeURIComponent(request.url)}` : '';
  return `/${back}`;
}

export function registerSessions(app: FastifyInstance, store: SessionStore, cookie: SessionCookie): void {
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    if (skipsSession(request.url)) return;
    const token = request.cookies[cookie.name];
    const needsSession = request.routeOptions.config.auth === true;
    if (!token) {
      if (needsSession) return redirectOrRefuse(request, reply, loginRedirect(request, 'none'));
      return;
    }
    const found = await store.resume(token);
    if (found.status === 'active') {
      request.session = found.session;
      reply.header('cache-control', 'no-store');
      return;
    }
    clearSessionCookie(reply, cookie);
    // The page that says so is shown to anyone who was logged in; other public pages just go on.
    if (needsSession || found.status === 'expired') {
      if (request.url.startsWith('/uitgelogd')) return;
      return redirectOrRefuse(request, reply, loginRedirect(request, found.status));
    }
  });

  app.addHook('preHandler', async (request) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config.csrf === false || request.routeOptions.config.csrf === 'in-handler') return;
    assertCsrfToken(request, (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token']);
  });
}

/**
 * The CSRF check. Routes whose body is streamed (file uploads) read the token from the body
 * themselves and call this before they do anything else (route config `csrf: 'in-handler'`).
 */
export function assertCsrfToken(request: FastifyRequest, sent: unknown): void {
  const expected = request.session?.csrfToken;
  if (!expected || typeof sent !== 'string' || !constantTimeEqual(sent, expected)) {
    throw new HttpError(403, 'error.csrf.text');
  }
}

/** Pages get a redirect; scripts (fetch) get a 401 they can act on. */
function redirectOrRefuse(request: FastifyRequest, reply: FastifyReply, location: string) {
  if (request.headers['x-requested-with'] === 'fetch') {
    return reply.code(401).send({ error: 'session_ended', location });
  }
  return reply.redirect(location, 303);
}
