/**
 * The login of a portal with users of its own (the medewerkersportaal's staff, the
 * leveranciersportaal's organisation staff), under one path such as /medewerkers: the portal's
 * session read from its own cookie on each of its requests (never the resident's), the session's
 * CSRF token on every POST, the OpenID Connect login (PKCE, the state in a cookie bound to the
 * callback path, and only this portal's login attempt can be finished here), keeping the session
 * alive, logging out (at the identity provider too) and the login page. The portal adds its own
 * pages and decides who may log in (`userFrom`, `refuse`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../crypto.ts';
import { HttpError } from '../http/errors.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { PortalSession, PortalSessions } from '../session/portal-sessions.ts';
import { Alert, ButtonLink, Heading, Link, Paragraph } from '../ui/components.tsx';
import { type LoginAttempts, loginAttemptMaxAgeSeconds } from './login-attempts.ts';
import { LoginUnavailableError, type OidcClient, UnusableClaimsError } from './oidc.ts';

/** The portals with a login of their own; each has its texts under its name (`medewerkers.title`, `.intro`, `.login`, …). */
export type PortalName = 'medewerkers' | 'leveranciers';

export interface PortalLoginOptions<U, M extends 'medewerker' | 'leverancier'> {
  portal: PortalName;
  /** What the login attempt and the identity provider's client are for. */
  method: M;
  oidc: OidcClient<M>;
  attempts: LoginAttempts;
  sessions: PortalSessions<U>;
  /** The session cookie's name (with __Host- in front when cookies are secure). */
  cookie: string;
  secureCookies: boolean;
  /** The request's session of this portal: where it is kept (a request decoration of the portal's). */
  session: { get(request: FastifyRequest): PortalSession<U> | null; set(request: FastifyRequest, session: PortalSession<U>): void };
  /** Who logged in, from the ID token's claims; throws UnusableClaimsError when they cannot be used. */
  userFrom(claims: Record<string, unknown>): U;
  /** Their name in the header. */
  displayName(user: U): string;
  /** Why someone who did log in gets no session here (e.g. an organisation that is not connected), as a page; undefined: welcome. */
  refuse?(request: FastifyRequest, user: U): Promise<{ status: number; title: MessageKey; text: MessageKey } | undefined>;
  /** After logging in or out (e.g. the audit log). */
  loggedIn?(request: FastifyRequest, user: U): Promise<void>;
  loggedOut?(request: FastifyRequest, user: U): Promise<void>;
}

export interface PortalLogin {
  /** The portal's login page (what its home shows to someone not logged in), with why they are there. */
  loginPage(request: FastifyRequest, reply: FastifyReply, reason?: string): Promise<FastifyReply>;
  /** A page that says what went wrong, with the way back to the portal's home. */
  problemPage(request: FastifyRequest, reply: FastifyReply, status: number, title: MessageKey, text: MessageKey): Promise<FastifyReply>;
  /** Ends the request's session (e.g. when what it was for is gone) and clears its cookie. */
  endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

export function PortalLoginPage({ t, portal, reason }: { t: Translate; portal: PortalName; reason?: 'verlopen' | 'uitgelogd' }) {
  return (
    <>
      <Heading level={1}>{t(`${portal}.title`)}</Heading>
      {reason && (
        <Alert type="info" role="status">
          <Paragraph>{t(reason === 'verlopen' ? `${portal}.expired` : `${portal}.loggedOut`)}</Paragraph>
        </Alert>
      )}
      <Paragraph lead>{t(`${portal}.intro`)}</Paragraph>
      <Paragraph>
        <ButtonLink href={`/${portal}/inloggen`}>{t(`${portal}.login`)}</ButtonLink>
      </Paragraph>
    </>
  );
}

/** Registers the portal's session hooks and login routes in `app` (the portal's plugin context). */
export function registerPortalLogin<U, M extends 'medewerker' | 'leverancier'>(app: FastifyInstance, options: PortalLoginOptions<U, M>): PortalLogin {
  const { portal, method, oidc, attempts, sessions, session } = options;
  const base = `/${portal}`;
  const cookie = options.secureCookies ? `__Host-${options.cookie}` : options.cookie;
  const loginCookie = `${options.cookie}_login`;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies };

  app.addHook('onRequest', async (request, reply) => {
    request.portalPage = { name: request.t(`${portal}.portal`), home: base };
    reply.header('cache-control', 'no-store');
    const token = request.cookies[cookie];
    if (!token) return;
    const found = await sessions.resume(token);
    if (found.status !== 'active') {
      reply.clearCookie(cookie, cookieOptions);
      return;
    }
    session.set(request, found.session);
    request.portalPage.user = {
      name: options.displayName(found.session.user),
      csrfToken: found.session.csrfToken,
      secondsLeft: Math.max(0, Math.floor((sessions.deadline(found.session).getTime() - Date.now()) / 1000)),
      warningSeconds: 120,
      logoutAction: `${base}/uitloggen`,
      extendAction: `${base}/sessie/verlengen`,
      endedPath: `${base}?reden=verlopen`,
    };
  });

  // Every POST: the session's CSRF token (the callback and the login are GETs).
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const current = session.get(request);
    if (!current) {
      if (request.headers['x-requested-with'] === 'fetch') return reply.code(401).send({ error: 'session_ended' });
      return reply.redirect(`${base}?reden=verlopen`, 303);
    }
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !constantTimeEqual(sent, current.csrfToken)) throw new HttpError(403, 'error.csrf.text');
  });

  const problemPage: PortalLogin['problemPage'] = (request, reply, status, title, text) =>
    reply.page(
      <>
        <Heading level={1}>{request.t(title)}</Heading>
        <Alert type="warning">
          <Paragraph>{request.t(text)}</Paragraph>
        </Alert>
        <Paragraph>
          <Link href={base}>{request.t(`${portal}.back`)}</Link>
        </Paragraph>
      </>,
      { title: request.t(title), status },
    );
  const loginPage: PortalLogin['loginPage'] = (request, reply, reason) =>
    reply.page(<PortalLoginPage t={request.t} portal={portal} reason={reason === 'verlopen' || reason === 'uitgelogd' ? reason : undefined} />, {
      title: request.t(`${portal}.title`),
    });
  const endSession: PortalLogin['endSession'] = async (request, reply) => {
    const current = session.get(request);
    if (current) await sessions.destroy(current);
    reply.clearCookie(cookie, cookieOptions);
  };

  const loginFailed = (request: FastifyRequest, reply: FastifyReply, status: number, text: MessageKey) =>
    problemPage(request, reply, status, 'login.failed.title', text);

  app.get(`${base}/inloggen`, async (request, reply) => {
    let start;
    try {
      start = await oidc.start(method);
    } catch (error) {
      if (!(error instanceof LoginUnavailableError)) throw error;
      request.log.warn({ err: error, portal }, 'portal login provider unavailable');
      return loginFailed(request, reply, 503, 'login.unavailable.text');
    }
    await attempts.start(start.state, { codeVerifier: start.codeVerifier, nonce: start.nonce, method });
    reply.setCookie(loginCookie, start.state, { ...cookieOptions, path: `${base}/auth`, maxAge: loginAttemptMaxAgeSeconds });
    return reply.redirect(start.url.href, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(`${base}/auth/callback`, async (request, reply) => {
    const browserState = request.cookies[loginCookie];
    reply.clearCookie(loginCookie, { ...cookieOptions, path: `${base}/auth` });
    if (request.query.error) return loginFailed(request, reply, 400, request.query.error === 'access_denied' ? 'login.cancelled.text' : 'login.failed.text');
    if (!browserState || request.query.state !== browserState) {
      request.log.warn({ portal }, 'portal login callback with a state this browser did not start');
      return loginFailed(request, reply, 400, 'login.failed.text');
    }
    // Only this portal's login attempt: a resident's, or another portal's, cannot be finished here.
    const attempt = await attempts.take(browserState);
    if (attempt?.method !== method) return loginFailed(request, reply, 400, 'login.failed.text');
    let user: U;
    let idToken: string;
    try {
      const callbackUrl = new URL(oidc.redirectUri);
      callbackUrl.search = new URL(request.url, callbackUrl).search;
      const result = await oidc.finish(callbackUrl, { state: browserState, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier });
      user = options.userFrom(result.claims);
      idToken = result.idToken;
    } catch (error) {
      if (error instanceof LoginUnavailableError) return loginFailed(request, reply, 503, 'login.unavailable.text');
      request.log.warn({ err: error, portal, unusableClaims: error instanceof UnusableClaimsError }, 'portal login could not be completed');
      return loginFailed(request, reply, 400, 'login.failed.text');
    }
    const refused = await options.refuse?.(request, user);
    if (refused) return problemPage(request, reply, refused.status, refused.title, refused.text);
    const before = session.get(request);
    if (before) await sessions.destroy(before);
    const { token } = await sessions.create(user, idToken);
    reply.setCookie(cookie, token, cookieOptions);
    await options.loggedIn?.(request, user);
    return reply.redirect(base, 303);
  });

  app.post(`${base}/sessie/verlengen`, async (request) => {
    const current = session.get(request)!;
    return { secondsLeft: Math.floor((sessions.deadline(current).getTime() - Date.now()) / 1000) };
  });

  app.post(`${base}/uitloggen`, async (request, reply) => {
    const current = session.get(request)!;
    await endSession(request, reply);
    await options.loggedOut?.(request, current.user);
    const atProvider = await oidc.logoutUrl(current.idToken);
    return reply.redirect(atProvider?.href ?? `${base}/uitgelogd`, 303);
  });

  app.get(`${base}/uitgelogd`, async (request, reply) => {
    if (session.get(request)) return reply.redirect(base, 303);
    return loginPage(request, reply, 'uitgelogd');
  });

  return { loginPage, problemPage, endSession };
}
