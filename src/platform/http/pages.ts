/**
 * reply.page(): renders a view inside the page shell, with the person's session, language and
 * navigation (with the counts features give, asked for after the route's own work so that they
 * count what it changed); reply.availablePage(): the same for source-backed data, or the page
 * that says it cannot be shown now; unavailablePage(): what the error handler shows when a source
 * fails during a route.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../../config.ts';
import type { Availability } from '../../domain/availability.ts';
import type { Identity } from '../../domain/identity.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { SessionStore } from '../session/store.ts';
import { type Resubmit, UnavailablePage } from '../ui/sections.tsx';
import { sentFields } from './form-fields.ts';
import { Shell } from '../ui/shell.tsx';
import type { FeatureParts } from './feature.ts';
import type { PageOptions } from './types.ts';

/** How a page names the person or company: their name if known, else a partial number; and the vestiging a company logged in for. */
export function identityName(identity: Identity, t: Translate): string {
  const subject = identity.subject;
  if (subject.type === 'persoon') return identity.subjectName ?? t('identity.persoon', { last: subject.bsn.slice(-4) });
  // A company logged in for one vestiging says which, also when its name is known.
  const company = identity.subjectName ?? t('identity.bedrijf', { kvk: subject.kvkNummer });
  return subject.vestigingsnummer ? `${company}, ${t('identity.vestiging', { vestiging: subject.vestigingsnummer })}` : company;
}

/** How a page names whoever logged in when they act for someone else; undefined when they act for themselves. */
export function actorName(identity: Identity, t: Translate): string | undefined {
  if (!identity.actor) return undefined;
  return identity.actor.name ?? t('identity.persoon', { last: identity.actor.bsn.slice(-4) });
}

/**
 * The page that says the feature's part cannot be shown now, with the way back to its list; after
 * a form was sent, with what was filled in, to send again (nothing typed is lost).
 */
export function unavailablePage(request: FastifyRequest, text?: MessageKey): JSX.Element {
  const t = request.t;
  const nav = request.feature?.nav;
  return h(UnavailablePage, {
    t,
    title: nav ? t(nav.label) : t('error.unavailable.title'),
    text,
    back: nav && { href: nav.href, label: t(nav.label) },
    resubmit: resubmitOf(request),
  });
}

/** The fields of a sent form (not a file upload), as they were, with the session's token. */
function resubmitOf(request: FastifyRequest): Resubmit | undefined {
  const { session } = request;
  const fields = request.method === 'POST' && session ? sentFields(request.body) : undefined;
  return fields && session ? { action: request.url, csrfToken: session.csrfToken, fields } : undefined;
}

export function registerPages(
  app: FastifyInstance,
  deps: {
    config: Config;
    store: SessionStore;
    parts: FeatureParts;
    /** How many times kept answers were dropped so far (PersonalAnswers.drops): a change made meanwhile moves it on. */
    drops: () => number;
  },
): void {
  const { config, store, parts, drops } = deps;
  app.decorateRequest('portalPage', null);
  app.decorateRequest('earlyNavCounts', null);

  // The navigation's counts (unread berichten) are asked as a logged-in page request begins, beside what its route
  // asks, not after it: a page whose own answers are not kept then waits for one round trip less.
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !request.session || request.routeOptions.config.auth !== true) return;
    const counts = parts.navCounts(request);
    counts.catch(() => {}); // awaited by the page; a request that renders none leaves it
    request.earlyNavCounts = { drops: drops(), counts };
  });

  /** The navigation's counts as they are now: those asked early, unless the request changed something since (a bericht opened). */
  const navCountsOf = (request: FastifyRequest) => {
    const early = request.earlyNavCounts;
    return early && early.drops === drops() ? early.counts : parts.navCounts(request);
  };

  app.decorateReply('page', async function page(this: FastifyReply, body: JSX.Element, options: PageOptions) {
    const request = this.request;
    const portal = request.portalPage;
    const session = portal ? null : request.session;
    const navCounts = session ? await navCountsOf(request) : {};
    const user = portal
      ? portal.user
      : session
        ? {
            name: identityName(session.identity, request.t),
            actorName: actorName(session.identity, request.t),
            // Someone who may act for others can switch from every page, and comes back to it.
            switchHref:
              session.identity.machtigingen?.length && !request.url.startsWith('/machtigingen')
                ? `/machtigingen?terug=${encodeURIComponent(request.method === 'GET' ? request.url : '/overzicht')}`
                : undefined,
            csrfToken: session.csrfToken,
            secondsLeft: Math.max(0, Math.floor((store.deadline(session).getTime() - Date.now()) / 1000)),
            warningSeconds: config.session.idleWarningSeconds,
          }
        : undefined;
    const html = renderToString(
      h(Shell, {
        lang: request.lang,
        t: request.t,
        nonce: request.cspNonce,
        title: options.title,
        currentPath: request.method === 'GET' ? request.url : '/',
        theme: config.theme,
        demoMode: config.demoMode,
        user,
        nav: portal ? [] : parts.nav,
        portal: portal ? { name: portal.name, home: portal.home } : undefined,
        footerLinks: parts.footerLinks,
        navCounts,
        activeNav: options.nav ?? request.feature?.id,
        children: body,
      }),
    );
    return this.code(options.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(`<!DOCTYPE html>${html}`);
  });

  app.decorateReply('availablePage', function availablePage<
    T,
  >(this: FastifyReply, result: Availability<T>, options: PageOptions, render: (value: T, missing: readonly string[]) => JSX.Element) {
    // The page is there, and says that what it shows cannot be shown right now.
    if (result.unavailable) return this.page(h(UnavailablePage, { t: this.request.t, title: options.title }), options);
    return this.page(render(result.value, result.missing ?? []), options);
  });
}
