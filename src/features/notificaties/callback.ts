/**
 * The callback the Notificaties API delivers to (POST /api/notificaties): the secret in the
 * Authorization header is checked, the body against the notificatie schema; the notification is
 * stored (once) with its job in one transaction, and answered 204 at once. Besides that, the
 * source answers kept about people from that kanaal's systems are dropped (sources/answers.ts),
 * so that nobody's next page is stale; the worker does the rest.
 *
 * Open Notificaties checks a callback when an abonnement is made: without Authorization it must
 * refuse (401/403), and a notificatie on kanaal "test" with it must get 204.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Counter } from 'prom-client';
import { constantTimeEqual } from '../../platform/crypto.ts';
import type { Inbox } from './inbox.ts';
import { notificatieSchema } from '../../sources/notificaties/notificatie.ts';

export const callbackPath = '/api/notificaties';

export interface CallbackDeps {
  /** The Authorization value the Notificaties API sends. */
  secret: string;
  /** The value before a rotation, accepted (and logged) until the abonnement has the new one. */
  previousSecret?: string;
  inbox: Pick<Inbox, 'store'>;
  /** Counts notifications by outcome (stored, duplicate, invalid, refused). */
  received: Counter<'outcome'>;
  /** Called when a notification was stored: the worker here can resolve it at once. */
  stored: () => void;
  /** Called for every valid notification (stored or a repeat): answers about people kept from its kanaal's systems are dropped. */
  changed?: (kanaal: string) => void;
}

/** The callback route, as a plugin. */
export function callbackRoutes(deps: CallbackDeps): FastifyPluginAsync {
  return async (app) => {
    // Not logged per request (at peaks thousands a second): counted in voordeur_notifications_received_total, refusals logged.
    app.post(callbackPath, { config: { csrf: false }, logLevel: 'warn' }, async (request, reply) => {
      const authorization = request.headers.authorization;
      if (!authorization)
        return reply
          .code(401)
          .type('application/problem+json')
          .send({ title: 'Niet geauthenticeerd', status: 401, detail: 'De Authorization-header ontbreekt.' });
      const previous = deps.previousSecret !== undefined && constantTimeEqual(authorization, deps.previousSecret);
      if (previous) request.log.warn('notificatie with the previous callback secret: run npm run subscribe, then remove NOTIFICATIES_CALLBACK_SECRET_VORIG');
      if (!previous && !constantTimeEqual(authorization, deps.secret)) {
        deps.received.inc({ outcome: 'refused' });
        request.log.warn('notificatie refused: the Authorization header is not the callback secret');
        return reply.code(403).type('application/problem+json').send({ title: 'Geen toegang', status: 403, detail: 'De Authorization-header klopt niet.' });
      }
      const parsed = notificatieSchema.safeParse(request.body);
      if (!parsed.success) {
        deps.received.inc({ outcome: 'invalid' });
        request.log.warn({ fields: parsed.error.issues.map((issue) => issue.path.join('.') || '(body)') }, 'notificatie refused: not a notificatie');
        return reply
          .code(400)
          .type('application/problem+json')
          .send({
            title: 'Ongeldige notificatie',
            status: 400,
            detail: 'De notificatie voldoet niet aan het schema van de Notificaties API.',
            invalidParams: parsed.error.issues.map((issue) => ({ name: issue.path.join('.') || '(body)', code: issue.code, reason: issue.message })),
          });
      }
      if (parsed.data.kanaal === 'test') return reply.code(204).send();
      // Before the answer: the next page anyone asks shows the change.
      deps.changed?.(parsed.data.kanaal);
      const outcome = await deps.inbox.store(parsed.data);
      deps.received.inc({ outcome });
      if (outcome === 'stored') deps.stored();
      return reply.code(204).send();
    });
  };
}
