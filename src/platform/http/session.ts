/**
 * Resolves the session for every page request, sends people without one to log in, and checks
 * the CSRF token of every POST. Static files, health and metrics skip all this. A form that
 * arrives after its session expired is kept for the person who sent it (see kept-forms.ts), so
 * that what they typed is not lost.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../auth/return-path.ts';
import { constantTimeEqual } from '../crypto.ts';
import { type Handeling, mayAct } from '../../domain/identity.ts';
import type { KeptForms } from '../session/kept-forms.ts';
import type { SessionRecord, SessionStore } from '../session/store.ts';
import { HttpError } from './errors.ts';
import { sentFields } from './form-fields.ts';
import { setKeptFormCookie } from './kept-forms.tsx';

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

const portalPrefixes = ['/medewerkers', '/leveranciers'];
/**
 * The medewerkersportaal (features/medewerkers) and the leveranciersportaal (features/organisaties/leveranciers)
 * have their own sessions: a resident's session is never read there.
 */
export const isStaffPath = (url: string) => portalPrefixes.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));
const skipsSession = (url: string) => url.startsWith('/static/') || url.startsWith('/health/') || url === '/metrics' || isStaffPath(url);
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where a person without a (valid) session is sent from a page that needs one. */
function loginRedirect(request: FastifyRequest, reason: 'expired' | 'unknown' | 'none'): string {
  if (reason === 'expired') return '/uitgelogd?reden=verlopen';
  if (reason === 'unknown') return '/uitgelogd';
  const back = request.method === 'GET' && safeReturnPath(request.url) ? `?terug=${encodeURIComponent(request.url)}` : '';
  return `/${back}`;
}

/** A form sent the classic way (not a file upload, not a script), whose answers can be kept. */
const isFormPost = (request: FastifyRequest) =>
  request.method === 'POST' &&
  request.headers['x-requested-with'] !== 'fetch' &&
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

export function registerSessions(
  app: FastifyInstance,
  store: SessionStore,
  cookie: SessionCookie,
  options: {
    /** Where forms that arrive after their session expired are kept (none: they are not). */
    kept?: KeptForms;
    /** What a gemachtigde may change (routes name theirs in `config.handeling`). */
    gemachtigdeHandelingen?: readonly Handeling[];
  } = {},
): void {
  const { kept, gemachtigdeHandelingen = [] } = options;
  app.decorateRequest('session', null);
  app.decorateRequest('expiredSession', null);
  app.decorateRequest('mayAct', function mayActHere(this: FastifyRequest, handeling: Handeling) {
    return this.session !== null && mayAct(this.session.identity, handeling, gemachtigdeHandelingen);
  });

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
    // A form sent too late: its answers are kept once the body is read (preHandler below).
    if (needsSession && found.status === 'expired' && kept && isFormPost(request)) {
      request.expiredSession = found.session;
      return;
    }
    // The page that says so is shown to anyone who was logged in; other public pages just go on.
    if (needsSession || found.status === 'expired') {
      if (request.url.startsWith('/uitgelogd')) return;
      return redirectOrRefuse(request, reply, loginRedirect(request, found.status));
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (skipsSession(request.url)) return;
    if (request.expiredSession && kept) return keepExpiredForm(request, reply, request.expiredSession, kept, cookie.secure);
    // A gemachtigde may only change what the organisation allows (reading is always allowed).
    const handeling = request.routeOptions.config.handeling;
    if (handeling && request.session && !request.mayAct(handeling)) {
      request.log.info({ handeling }, 'refused: a gemachtigde may not do this');
      throw new HttpError(403, 'machtiging.notAllowed', 'machtiging.notAllowed.title');
    }
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

/**
 * Keeps the answers of a form that arrived after its session expired, for the person who had
 * logged in, and sends them to log in again (after which they are offered). Only a form that
 * carries that session's CSRF token is kept: another site cannot plant answers to be sent later.
 */
async function keepExpiredForm(request: FastifyRequest, reply: FastifyReply, expired: SessionRecord, kept: KeptForms, secure: boolean) {
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  const fields = sentFields(request.body);
  if (typeof sent !== 'string' || !constantTimeEqual(sent, expired.csrfToken) || !fields || !safeReturnPath(request.url)) {
    return reply.redirect(loginRedirect(request, 'expired'), 303);
  }
  const page = refererPath(request);
  const token = await kept.keep(expired.identity, { action: request.url, ...(page ? { page } : {}), fields });
  setKeptFormCookie(reply, token, secure);
  request.log.info({ fields: fields.length }, 'form kept: it arrived after its session expired');
  return reply.redirect('/uitgelogd?reden=verlopen&bewaard=1', 303);
}

/** The path of the page a form was sent from, when the browser said so and it is on this site. */
function refererPath(request: FastifyRequest): string | undefined {
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    if (url.host !== request.host) return undefined;
    return safeReturnPath(url.pathname + url.search);
  } catch {
    return undefined;
  }
}

/** Pages get a redirect; scripts (fetch) get a 401 they can act on. */
function redirectOrRefuse(request: FastifyRequest, reply: FastifyReply, location: string) {
  if (request.headers['x-requested-with'] === 'fetch') {
    return reply.code(401).send({ error: 'session_ended', location });
  }
  return reply.redirect(location, 303);
}
