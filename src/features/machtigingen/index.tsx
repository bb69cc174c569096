/**
 * Machtigingen: someone who may act for others (DigiD Machtigen, bewindvoering) chooses for whom
 * they act — right after logging in, and later without logging out — on "Voor wie regelt u dit?"
 * (/machtigingen), which also lists the machtigingen that are active.
 *
 * Whom one may act for comes from the login only: the list the identity provider gave, kept in the
 * session (Identity.machtigingen). The form names a person; anyone not in that list is refused
 * (403) and nothing changes. A switch gives a new session (new token and CSRF token, the same end)
 * whose subject is the chosen person while the person who logged in stays the actor, and is written
 * in the processing log of the person now acted for, with who acts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actingFor, type Identity, loggedInPerson } from '../../domain/identity.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import { safeReturnPath } from '../../platform/auth/return-path.ts';
import { HttpError } from '../../platform/http/errors.ts';
import type { Feature } from '../../platform/http/feature.ts';
import { type SessionCookie, setSessionCookie } from '../../platform/http/session.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import type { SessionStore } from '../../platform/session/store.ts';
import { ChoosePage, NoMachtigingenPage } from './views.tsx';

/** Where "Voor wie regelt u dit?" is: the login sends someone with machtigingen here first. */
export const machtigingenPath = '/machtigingen';

export interface MachtigingenDeps {
  sessions: SessionStore;
  cookie: SessionCookie;
  processingLog: ProcessingLog;
}

/** A name for a person the login named no name for: the last digits of their BSN, as elsewhere. */
const nameOf = (t: Translate, person: { bsn: string; name?: string }) => person.name ?? t('identity.persoon', { last: person.bsn.slice(-4) });

export function createMachtigingen(deps: MachtigingenDeps): Feature {
  const { sessions, cookie, processingLog } = deps;

  function render(request: FastifyRequest, reply: FastifyReply, terug: string, error?: string) {
    const t = request.t;
    const session = request.session!;
    const { identity } = session;
    const self = loggedInPerson(identity);
    const title = error ? `${t('form.errors.title')}: ${t('machtigingen.title')}` : t('machtigingen.title');
    if (!self || !identity.machtigingen?.length) return reply.page(<NoMachtigingenPage t={t} />, { title, nav: 'machtigingen' });
    const current = identity.subject.type === 'persoon' ? identity.subject.bsn : '';
    return reply.page(
      <ChoosePage
        t={t}
        csrfToken={session.csrfToken}
        self={{ bsn: self.bsn, name: nameOf(t, self) }}
        machtigingen={identity.machtigingen.map((m) => ({ ...m, name: nameOf(t, m) }))}
        current={current}
        terug={terug}
        error={error}
      />,
      { title, status: error ? 400 : 200, nav: 'machtigingen' },
    );
  }

  return {
    id: 'machtigingen',
    async plugin(app) {
      app.get<{ Querystring: { terug?: string } }>(machtigingenPath, { config: { auth: true } }, async (request, reply) =>
        render(request, reply, safeReturnPath(request.query.terug) ?? '/overzicht'),
      );

      app.post<{ Body: { voor?: unknown; terug?: unknown } }>(machtigingenPath, { config: { auth: true } }, async (request, reply) => {
        const session = request.session!;
        const { identity } = session;
        const terug = safeReturnPath(typeof request.body?.terug === 'string' ? request.body.terug : undefined) ?? '/overzicht';
        const self = loggedInPerson(identity);
        const voor = typeof request.body?.voor === 'string' ? request.body.voor : '';
        if (!self || !identity.machtigingen?.length) throw new HttpError(404, 'error.notFound.text');
        if (voor === '') return render(request, reply, terug, request.t('machtigingen.choose.missing'));
        // Only the person who logged in, or someone in the list their login gave.
        const chosen = actingFor(identity, voor === 'zelf' ? self.bsn : voor);
        if (!chosen) {
          request.log.warn('refused: acting for someone not among the machtigingen of this login');
          throw new HttpError(403, 'machtigingen.refused', 'machtigingen.refused.title');
        }
        // Back where they were, at the banner that says for whom they now act (the confirmation).
        const done = terug.includes('#') ? terug : `${terug}#voor-wie`;
        if (sameSubject(chosen, identity)) return reply.redirect(done, 303);
        const { token } = await sessions.replace(session, chosen);
        setSessionCookie(reply, cookie, token);
        // In the log of the person now acted for: who acts for them (or that they act for themselves again).
        const purpose = chosen.actor ? 'vertegenwoordiging' : 'inzage';
        await processingLog.record(chosen, [{ action: 'lezen', category: 'machtiging', source: 'voordeur', purpose }], request.id);
        request.log.info({ actingForSomeoneElse: Boolean(chosen.actor), rol: chosen.actor?.rol }, 'switched for whom the person acts');
        return reply.redirect(done, 303);
      });
    },
  };
}

const sameSubject = (a: Identity, b: Identity) => a.subject.type === 'persoon' && b.subject.type === 'persoon' && a.subject.bsn === b.subject.bsn;
