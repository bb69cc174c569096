/**
 * An abonnement at the Notificaties API: kanalen "zaken" and "objecten", delivered to a
 * callback with its secret. Made when missing (at start, and with
 * `npm run subscribe`); an existing abonnement for the same callback URL is left as it is when
 * it has both kanalen, and otherwise updated. The Notificaties API checks the callback when the
 * abonnement is made, so the callback must answer by then.
 */
import { z } from 'zod';
import type { Metrics } from '../../platform/metrics.ts';
import { SourceClient } from '../http.ts';
import { ZgwToken } from '../zgw-token.ts';

export const kanalen = ['zaken', 'objecten'] as const;

const abonnementSchema = z.object({ url: z.string().url(), callbackUrl: z.string(), kanalen: z.array(z.object({ naam: z.string() })) });

export async function ensureAbonnementAt(options: {
  api: { url: string; clientId: string; secret: string };
  /** Where the Notificaties API delivers: Voordeur's callback, and the secret it must send. */
  callbackUrl: string;
  callbackSecret: string;
  metrics: Metrics;
  timeoutMs: number;
}): Promise<'created' | 'updated' | 'present'> {
  const token = new ZgwToken(options.api.clientId, options.api.secret);
  const client = new SourceClient({
    name: 'notificaties',
    timeoutMs: options.timeoutMs,
    metrics: options.metrics,
    headers: async () => ({ authorization: await token.header() }),
  });
  const { callbackUrl } = options;
  const body = { callbackUrl, auth: options.callbackSecret, kanalen: kanalen.map((naam) => ({ naam, filters: {} })) };
  const existing = ((await client.getJson(`${options.api.url}/abonnement`, z.array(abonnementSchema))) ?? []).find((a) => a.callbackUrl === callbackUrl);
  if (!existing) {
    await client.postJson(`${options.api.url}/abonnement`, body, abonnementSchema);
    return 'created';
  }
  if (kanalen.every((naam) => existing.kanalen.some((k) => k.naam === naam))) return 'present';
  // Only to the configured API: the token goes nowhere else.
  if (!existing.url.startsWith(`${options.api.url}/`)) throw new Error('notificaties: the abonnement lives outside the configured API');
  await client.patchJson(existing.url, body, abonnementSchema);
  return 'updated';
}
