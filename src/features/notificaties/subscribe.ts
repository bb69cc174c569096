/**
 * Voordeur's abonnement at the Notificaties API, to its own callback (at start, and with
 * `npm run subscribe`); how it is made is the Notificaties source's (sources/notificaties/abonnement.ts).
 */
import type { Metrics } from '../../platform/metrics.ts';
import { ensureAbonnementAt } from '../../sources/notificaties/abonnement.ts';
import { callbackPath } from './callback.ts';

export function ensureAbonnement(options: {
  api: { url: string; clientId: string; secret: string };
  callbackSecret: string;
  publicUrl: URL;
  /** Callback URLs Voordeur had before its PUBLIC_URL moved: their abonnement is moved, not duplicated. */
  previousCallbackUrls?: readonly string[];
  metrics: Metrics;
  timeoutMs: number;
}): Promise<'created' | 'updated' | 'present'> {
  const { publicUrl, ...rest } = options;
  return ensureAbonnementAt({ ...rest, callbackUrl: new URL(callbackPath, publicUrl).href });
}
