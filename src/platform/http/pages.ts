/** reply.page(): renders a view inside the page shell, with the person's session and language. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../../config.ts';
import type { Identity } from '../../domain/identity.ts';
import type { Translate } from '../i18n/index.ts';
import type { SessionStore } from '../session/store.ts';
import { Shell } from '../ui/shell.tsx';
import type { NavItem, PageOptions } from './types.ts';

/** How a page names the person or company: their name if known, else a partial number. */
export function identityName(identity: Identity, t: Translate): string {
  if (identity.subjectName) return identity.subjectName;
  const subject = identity.subject;
  if (subject.type === 'persoon') return t('identity.persoon', { last: subject.bsn.slice(-4) });
  const kvk = t('identity.bedrijf', { kvk: subject.kvkNummer });
  return subject.vestigingsnummer ? `${kvk}, ${t('identity.vestiging', { vestiging: subject.vestigingsnummer })}` : kvk;
}

function actorName(identity: Identity, t: Translate): string | undefined {
  if (!identity.actor) return undefined;
  return identity.actor.name ?? t('identity.persoon', { last: identity.actor.bsn.slice(-4) });
}

export function registerPages(app: FastifyInstance, deps: { config: Config; store: SessionStore; nav: readonly NavItem[] }): void {
  const { config, store, nav } = deps;
  app.decorateRequest('navCounts', null);
  app.decorateReply('page', function page(this: FastifyReply, body: VNode<any>, options: PageOptions) {
    const request = this.request;
    const session = request.session;
    const user = session
      ? {
          name: identityName(session.identity, request.t),
          actorName: actorName(session.identity, request.t),
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
        nav: nav as NavItem[],
        navCounts: request.navCounts ?? {},
        activeNav: options.nav,
        children: body,
      }),
    );
    return this.code(options.status ?? 200).type('text/html; charset=utf-8').send(`<!DOCTYPE html>${html}`);
  });
}
