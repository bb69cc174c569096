/**
 * An organisation's webhook: what became of its berichten — in the person's Mijn berichten
 * (`bericht.afgeleverd`), a notification about it went out (`bericht.gemeld`, with the channel),
 * first opened (`bericht.geopend`) — POSTed to the URL the operator set for it, signed, and
 * retried with the job queue's backoff until it answers 2xx. The body names the bericht by the
 * organisation's own berichtId; nothing about the person.
 *
 * Signature (as Stripe's): `X-Voordeur-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the webhook secret>`; the organisation checks it and refuses an old `t`.
 */
import { createHmac } from 'node:crypto';
import type { JobHandler, JobOutcome } from '../../platform/queue/worker.ts';
import type { JobInput } from '../../platform/queue/queue.ts';
import type { BerichtEvent, OrganisatieBerichten } from '../../sources/voordeur/organisatie-berichten.ts';
import type { Organisaties } from '../../sources/voordeur/organisaties.ts';
import { type PublicAddresses, RefusedAddressError } from '../../platform/http/public-address.ts';

export const webhookQueue = 'organisatie.webhook';

export interface WebhookEvent {
  organisatieId: string;
  type: BerichtEvent['type'];
  berichtId: string;
  /** ISO 8601. */
  tijdstip: string;
  /** bericht.gemeld: email or sms. */
  kanaal?: 'email' | 'sms';
}

/** The job that calls the organisation's webhook for an event. */
export function webhookJob(event: BerichtEvent): JobInput {
  const payload: WebhookEvent = {
    organisatieId: event.organisatieId,
    type: event.type,
    berichtId: event.berichtId,
    tijdstip: event.at.toISOString(),
    ...(event.kanaal ? { kanaal: event.kanaal } : {}),
  };
  return { queue: webhookQueue, payload, maxAttempts: 16 };
}

/** The queue of the berichten planned for a later publicatiedatum. */
export const publicatieQueue = 'organisatie.publicatie';

/** The job that publishes a bericht on its publicatiedatum: its recipient is told then, and the organisation. */
export function publicatieJob(due: { uuid: string; at: Date }): JobInput {
  return { queue: publicatieQueue, payload: { bericht: due.uuid }, runAt: due.at, maxAttempts: 16 };
}

/** Publishes the berichten whose publicatiedatum came (one transaction for the batch). */
export function publicatieHandler(berichten: () => Pick<OrganisatieBerichten, 'publish'> | undefined): JobHandler {
  return async (jobs) => {
    const store = berichten();
    if (!store) return jobs.map(() => ({ ok: false, error: 'the organisation API is not configured in this process' }));
    try {
      await store.publish(jobs.map((job) => (job.payload as { bericht: string }).bericht));
      return jobs.map(() => ({ ok: true }));
    } catch (error) {
      return jobs.map(() => ({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    }
  };
}

export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** Calls each event's webhook; only on the internet (`addresses`): one that resolves inside is refused and tried again later. */
export function webhookHandler(organisaties: Organisaties, timeoutMs: number, addresses: PublicAddresses): JobHandler {
  return (jobs) =>
    Promise.all(
      jobs.map(async (job): Promise<JobOutcome> => {
        const { organisatieId, ...event } = job.payload as WebhookEvent;
        const webhook = await organisaties.webhookOf(organisatieId);
        // No webhook (any more): nothing to tell; the organisation can still ask GET /berichten/{id}.
        if (!webhook) return { ok: true };
        const body = JSON.stringify(event);
        try {
          const response = await addresses.fetch(webhook.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-voordeur-signature': signature(webhook.secret, body, Math.floor(Date.now() / 1000)) },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.body?.cancel();
          return response.ok ? { ok: true } : { ok: false, error: `webhook: HTTP ${response.status}` };
        } catch (error) {
          const refused = error instanceof RefusedAddressError || (error as { cause?: unknown }).cause instanceof RefusedAddressError;
          return { ok: false, error: refused ? 'webhook: its host is not on the internet' : 'webhook: no answer' };
        }
      }),
    );
}
