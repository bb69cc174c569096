/**
 * An abonnement at the Notificaties API: kanalen "zaken" and "objecten", delivered to a
 * callback with its secret. Made when missing (at start, and with `npm run subscribe`), and
 * otherwise updated every time, so that a new callback secret (secret rotation) or a kanaal that
 * went missing reaches the Notificaties API:
 * - Open Notificaties never returns an abonnement's `auth` (the serializer has it write-only), so
 *   whether the secret changed cannot be seen: the abonnement is PATCHed with the current secret
 *   each time, which changes nothing when it was the same. Open Notificaties checks the callback on
 *   every change (a test notificatie with the new `auth` must get a 2xx), so the callback must
 *   already accept the new secret.
 * - The PATCH always sends `kanalen`: Open Notificaties replaces all kanalen of an abonnement on an
 *   update, also a partial one, so a PATCH without them would leave none. Kanalen the abonnement
 *   has (with their filters, perhaps narrowed by a beheerder) are kept; missing ones are added.
 * - The abonnement is found by its callback URL, compared without the difference between http and
 *   https, a default port, the case of the host or a trailing slash (the same URL written another
 *   way, e.g. before PUBLIC_URL became https). Several at that URL (instances that started at
 *   the same moment each made one) become one: the first by its URL is kept, the others deleted.
 * - A callback URL this Voordeur had before (its PUBLIC_URL moved to another host) cannot be
 *   recognised from the API: abonnementen show neither their client nor their secret. The
 *   operator names it (`previousCallbackUrls`); its abonnement is moved to the new URL, or deleted
 *   when there is one at the new URL already. Nothing else is ever changed or deleted: another
 *   application's abonnement at the same Notificaties API is left alone.
 */
import { z } from 'zod';
import type { Metrics } from '../../platform/metrics.ts';
import { SourceClient } from '../http.ts';
import { ZgwToken } from '../zgw-token.ts';

export const kanalen = ['zaken', 'objecten'] as const;

const kanaalSchema = z.object({ naam: z.string(), filters: z.record(z.string(), z.string()).optional() });
const abonnementSchema = z.object({ url: z.string().url(), callbackUrl: z.string(), kanalen: z.array(kanaalSchema) });
type Abonnement = z.output<typeof abonnementSchema>;

/** A callback URL without what does not make it another address: scheme (http/https), default port, host case, trailing slash. */
export function sameCallback(a: string, b: string): boolean {
  const key = (value: string) => {
    if (!URL.canParse(value)) return value;
    const url = new URL(value);
    const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : url.port;
    return `${url.hostname.toLowerCase()}:${port}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  };
  return key(a) === key(b);
}

export async function ensureAbonnementAt(options: {
  api: { url: string; clientId: string; secret: string };
  /** Where the Notificaties API delivers: Voordeur's callback, and the secret it must send. */
  callbackUrl: string;
  callbackSecret: string;
  /** Callback URLs this Voordeur had before (its PUBLIC_URL moved): their abonnement moves to `callbackUrl`. */
  previousCallbackUrls?: readonly string[];
  metrics: Metrics;
  timeoutMs: number;
}): Promise<'created' | 'updated'> {
  const token = new ZgwToken(options.api.clientId, options.api.secret);
  const client = new SourceClient({
    name: 'notificaties',
    timeoutMs: options.timeoutMs,
    metrics: options.metrics,
    headers: async () => ({ authorization: await token.header() }),
  });
  const { callbackUrl, callbackSecret } = options;
  // Only to the configured API: the token goes nowhere else.
  const inApi = (abonnement: Abonnement) => {
    if (!abonnement.url.startsWith(`${options.api.url}/`)) throw new Error('notificaties: an abonnement lives outside the configured API');
    return abonnement.url;
  };
  const all = ((await client.getJson(`${options.api.url}/abonnement`, z.array(abonnementSchema))) ?? []).sort((a, b) => a.url.localeCompare(b.url));
  const current = all.filter((a) => sameCallback(a.callbackUrl, callbackUrl));
  const previous = all.filter((a) => !current.includes(a) && (options.previousCallbackUrls ?? []).some((url) => sameCallback(a.callbackUrl, url)));
  const [kept, ...extra] = [...current, ...previous];

  const body = (existing: Abonnement | undefined) => ({
    callbackUrl,
    auth: callbackSecret,
    kanalen: [
      ...(existing?.kanalen ?? []).map((k) => ({ naam: k.naam, filters: k.filters ?? {} })),
      ...kanalen.filter((naam) => !existing?.kanalen.some((k) => k.naam === naam)).map((naam) => ({ naam, filters: {} })),
    ],
  });
  if (!kept) {
    await client.postJson(`${options.api.url}/abonnement`, body(undefined), abonnementSchema);
    return 'created';
  }
  await client.patchJson(inApi(kept), body(kept), abonnementSchema);
  for (const abonnement of extra) await client.delete(inApi(abonnement));
  return 'updated';
}
