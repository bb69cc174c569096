/**
 * An organisation's webhook: what became of its berichten (first opened), POSTed to the URL the
 * operator set for it, signed, and retried with the job queue's backoff until it answers 2xx.
 * The body names the bericht by the organisation's own berichtId; nothing about the person.
 *
 * Signature (as Stripe's): `X-Voordeur-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the webhook secret>`; the organisation checks it and refuses an old `t`.
 */
import { createHmac } from 'node:crypto';
import type { JobHandler, JobOutcome } from '../../platform/queue/worker.ts';
import type { JobInput } from '../../platform/queue/queue.ts';
import type { Organisaties } from '../../sources/voordeur/organisaties.ts';

export const webhookQueue = 'organisatie.webhook';

export interface WebhookEvent {
  organisatieId: string;
  type: 'bericht.geopend';
  berichtId: string;
  /** ISO 8601. */
  tijdstip: string;
}

/** The job that calls the organisation's webhook for an event. */
export function webhookJob(event: WebhookEvent): JobInput {
  return { queue: webhookQueue, payload: event, maxAttempts: 16 };
}

export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export function webhookHandler(organisaties: Organisaties, timeoutMs: number): JobHandler {
  return (jobs) =>
    Promise.all(
      jobs.map(async (job): Promise<JobOutcome> => {
        const { organisatieId, ...event } = job.payload as WebhookEvent;
        const webhook = await organisaties.webhookOf(organisatieId);
        // No webhook (any more): nothing to tell; the organisation can still ask GET /berichten/{id}.
        if (!webhook) return { ok: true };
        const body = JSON.stringify(event);
        try {
          const response = await fetch(webhook.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-voordeur-signature': signature(webhook.secret, body, Math.floor(Date.now() / 1000)) },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.body?.cancel();
          return response.ok ? { ok: true } : { ok: false, error: `webhook: HTTP ${response.status}` };
        } catch {
          return { ok: false, error: 'webhook: no answer' };
        }
      }),
    );
}
