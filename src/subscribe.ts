/**
 * `npm run subscribe`: makes sure Voordeur's abonnement exists at the Notificaties API (kanalen
 * zaken and objecten, to PUBLIC_URL/api/notificaties). Voordeur must be reachable at PUBLIC_URL:
 * the Notificaties API checks the callback. Voordeur also does this itself at start.
 */
import { ConfigError, loadConfig } from './config.ts';
import { ensureAbonnement } from './features/notificaties/subscribe.ts';
import { Metrics } from './platform/metrics.ts';

try {
  const config = loadConfig(process.env);
  const { api, callbackSecret } = config.notificaties;
  if (!api || !callbackSecret) {
    console.error('Set NOTIFICATIES_API_URL, NOTIFICATIES_CLIENT_ID, NOTIFICATIES_SECRET and NOTIFICATIES_CALLBACK_SECRET first (docs/configuration.md).');
    process.exit(2);
  }
  const outcome = await ensureAbonnement({
    api,
    callbackSecret,
    publicUrl: config.publicUrl,
    previousCallbackUrls: config.notificaties.previousCallbackUrls,
    metrics: new Metrics(),
    timeoutMs: config.sources.timeoutMs,
  });
  console.log({ created: 'Abonnement created.', updated: 'Abonnement updated.', present: 'Abonnement already present.' }[outcome]);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Subscribing failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
