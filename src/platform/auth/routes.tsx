/**
 * Logging in and out: /inloggen/:method starts the flow, /auth/callback finishes it and creates
 * a fresh session (a new token at every login), /uitloggen ends the session here and at the
 * identity provider, /uitgelogd says so, /sessie/verlengen keeps an idle session alive.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Identity, isLoginMethod } from '../../domain/identity.ts';
import type { ProcessingLog } from '../audit/processing-log.ts';
import { keptFormCookie } from '../http/kept-forms.tsx';
import { clearSessionCookie, setSessionCookie, type SessionCookie } from '../http/session.ts';
import type { KeptForms } from '../session/kept-forms.ts';
import type { SessionStore } from '../session/store.ts';
import { Alert, ButtonLink, Heading, Link, Paragraph } from '../ui/components.tsx';
import { loginAttemptMaxAgeSeconds, type LoginAttempts } from './login-attempts.ts';
import { LoginUnavailableError, UnusableClaimsError, type OidcClient, residentIdentity } from './oidc.ts';
import { RateLimiter } from './rate-limit.ts';
import { safeReturnPath } from './return-path.ts';

const LOGIN_COOKIE = 'voordeur_login';

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: {
    attempts: LoginAttempts;
    store: SessionStore;
    kept: KeptForms;
    oidc: OidcClient;
    /** Which claims of the ID token say who logged in (OIDC_CLAIM_*). */
    claims: Parameters<typeof residentIdentity>[2];
    cookie: SessionCookie;
    secureCookies: boolean;
    /** Logins a client may start per minute; 0: no limit. */
    loginsPerMinute: number;
    /** Adds to a new login's identity what is read once per session (a company's vestigingen). */
    completeIdentity?: (identity: Identity) => Promise<Identity>;
    /** Where a login for someone else is written down, in that person's log (as a switch of machtiging is). */
    processingLog?: ProcessingLog;
  },
): void {
  const { attempts, store, oidc, cookie } = deps;
  const limiter = deps.loginsPerMinute > 0 ? new RateLimiter({ limit: deps.loginsPerMinute, windowMs: 60_000 }) : undefined;

  // Abandoned logins leave a row each: removed once they are older than a login may take.
  let purge: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    purge = setInterval(
      () => attempts.purge().catch((error: unknown) => app.log.warn({ err: error }, 'login attempts purge failed')),
      loginAttemptMaxAgeSeconds * 1000,
    );
    purge.unref();
  });
  app.addHook('onClose', async () => clearInterval(purge));

  const loginProblem = (request: FastifyRequest, reply: FastifyReply, status: number, kind: 'failed' | 'unavailable' | 'cancelled') => {
    const t = request.t;
    const title = t(kind === 'unavailable' ? 'login.unavailable.title' : 'login.failed.title');
    const text = t(kind === 'unavailable' ? 'login.unavailable.text' : kind === 'cancelled' ? 'login.cancelled.text' : 'login.failed.text');
    return reply.page(
      <>
        <Heading level={1}>{title}</Heading>
        <Alert type={kind === 'cancelled' ? 'info' : 'warning'}>
          <Paragraph>{text}</Paragraph>
        </Alert>
        <Paragraph>
          <Link href="/">{t('login.back')}</Link>
        </Paragraph>
      </>,
      { title, status },
    );
  };

  app.get<{ Params: { method: string }; Querystring: { terug?: string } }>('/inloggen/:method', async (request, reply) => {
    const method = request.params.method;
    if (!isLoginMethod(method)) return reply.callNotFound();
    const retryAfter = limiter?.take(request.ip);
    if (retryAfter !== undefined) {
      request.log.warn({ retryAfter }, 'too many logins started from one client');
      const title = request.t('login.tooMany.title');
      reply.header('retry-after', String(retryAfter));
      return reply.page(
        <>
          <Heading level={1}>{title}</Heading>
          <Alert type="warning">
            <Paragraph>{request.t('login.tooMany.text')}</Paragraph>
          </Alert>
          <Paragraph>
            <Link href="/">{request.t('login.back')}</Link>
          </Paragraph>
        </>,
        { title, status: 429 },
      );
    }
    let start;
    try {
      start = await oidc.start(method);
    } catch (error) {
      if (!(error instanceof LoginUnavailableError)) throw error;
      request.log.warn({ err: error }, 'login provider unavailable');
      return loginProblem(request, reply, 503, 'unavailable');
    }
    await attempts.start(start.state, { codeVerifier: start.codeVerifier, nonce: start.nonce, method, returnTo: safeReturnPath(request.query.terug) });
    reply.setCookie(LOGIN_COOKIE, start.state, {
      path: '/auth',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      maxAge: loginAttemptMaxAgeSeconds,
    });
    return reply.redirect(start.url.href, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/auth/callback', async (request, reply) => {
    const browserState = request.cookies[LOGIN_COOKIE];
    reply.clearCookie(LOGIN_COOKIE, { path: '/auth', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies });
    if (request.query.error) {
      request.log.info({ error: request.query.error }, 'login ended by the provider');
      return loginProblem(request, reply, 400, request.query.error === 'access_denied' ? 'cancelled' : 'failed');
    }
    // The state must be the one this browser started with, and is used once.
    if (!browserState || request.query.state !== browserState) {
      request.log.warn('login callback with a state this browser did not start');
      return loginProblem(request, reply, 400, 'failed');
    }
    const attempt = await attempts.take(browserState);
    if (!attempt || attempt.method === 'medewerker' || attempt.method === 'leverancier') {
      request.log.warn('login callback for an unknown, used or expired login attempt');
      return loginProblem(request, reply, 400, 'failed');
    }
    let result;
    try {
      // The public callback address with the query as received (behind a proxy, request.url has no host).
      const callbackUrl = new URL(oidc.redirectUri);
      callbackUrl.search = new URL(request.url, callbackUrl).search;
      const { claims, idToken } = await oidc.finish(callbackUrl, { state: browserState, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier });
      result = { identity: residentIdentity(claims, attempt.method, deps.claims), idToken };
    } catch (error) {
      if (error instanceof LoginUnavailableError) return loginProblem(request, reply, 503, 'unavailable');
      request.log.warn({ err: error, unusableClaims: error instanceof UnusableClaimsError }, 'login could not be completed');
      return loginProblem(request, reply, 400, 'failed');
    }
    // A new session at every login: whatever session this browser had ends here.
    if (request.session) await store.destroy(request.session);
    const identity = deps.completeIdentity ? await deps.completeIdentity(result.identity) : result.identity;
    const { token } = await store.create(identity, result.idToken);
    setSessionCookie(reply, cookie, token);
    // Acting for someone else from the start (chosen at the identity provider): in their log, with who acts.
    if (identity.actor) {
      await deps.processingLog?.record(identity, [{ action: 'lezen', category: 'machtiging', source: 'voordeur', purpose: 'vertegenwoordiging' }], request.id);
    }
    request.log.info({ method: attempt.method, actingFor: Boolean(result.identity.actor) }, 'logged in');
    // A form this person sent after their last session here expired is offered first.
    const keptToken = request.cookies[keptFormCookie];
    if (keptToken && (await deps.kept.has(keptToken, result.identity))) return reply.redirect('/bewaard', 303);
    const landing = safeReturnPath(attempt.returnTo) ?? '/overzicht';
    // Someone who may act for others, and did not choose for whom at the identity provider, chooses here first.
    if (identity.machtigingen?.length && !identity.actor) return reply.redirect(`/machtigingen?terug=${encodeURIComponent(landing)}`, 303);
    return reply.redirect(landing, 303);
  });

  app.post<{ Body: { overal?: string } }>('/uitloggen', async (request, reply) => {
    const session = request.session;
    clearSessionCookie(reply, cookie);
    if (!session) return reply.redirect('/uitgelogd', 303);
    // "Overal": every session of the person who asks (the gemachtigde, not whom they act for; never colleagues).
    const everywhere = request.body?.overal === 'ja';
    let ended = 1;
    if (everywhere) ended = await store.destroyAllOfActor(session);
    else await store.destroy(session);
    request.log.info({ everywhere, ended }, 'logged out');
    const atProvider = await oidc.logoutUrl(session.idToken);
    return reply.redirect(atProvider?.href ?? '/uitgelogd', 303);
  });

  app.get<{ Querystring: { reden?: string; bewaard?: string } }>('/uitgelogd', async (request, reply) => {
    const t = request.t;
    const expired = request.query.reden === 'verlopen';
    const kept = expired && request.query.bewaard === '1' && Boolean(request.cookies[keptFormCookie]);
    return reply.page(
      <>
        <Heading level={1}>{t('loggedOut.title')}</Heading>
        <Alert type="info" role="status">
          <Paragraph>{t(expired ? 'loggedOut.expired' : 'loggedOut.text')}</Paragraph>
          {kept && <Paragraph>{t('loggedOut.kept')}</Paragraph>}
        </Alert>
        <Paragraph>
          <ButtonLink href="/">{t('loggedOut.again')}</ButtonLink>
        </Paragraph>
      </>,
      { title: t('loggedOut.title') },
    );
  });

  app.post('/sessie/verlengen', { config: { auth: true } }, async (request) => {
    const session = request.session!;
    await store.touch(session);
    return { secondsLeft: Math.floor((store.deadline(session).getTime() - Date.now()) / 1000) };
  });
}
