/**
 * The leveranciersportaal (/leveranciers, docs/organisaties.md): staff of a connected organisation
 * log in with an OpenID Connect provider whose ID token names their organisation (an organisation
 * claim with its id in Voordeur) and manage that organisation's connection to the organisation
 * API: its volumes and result codes per day, its berichten not yet opened, its webhook and the
 * deliveries that failed, its keys and client certificates (with mutual TLS), and the API's documentation.
 */
import type { Config } from '../../../config.ts';
import { LoginAttempts } from '../../../platform/auth/login-attempts.ts';
import { OidcClient } from '../../../platform/auth/oidc.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Leverancier } from '../../../platform/db/schema.ts';
import type { Feature } from '../../../platform/http/feature.ts';
import type { Log } from '../../../platform/logging.ts';
import type { Metrics } from '../../../platform/metrics.ts';
import type { JobQueue } from '../../../platform/queue/queue.ts';
import { PortalSessions } from '../../../platform/session/portal-sessions.ts';
import type { OrganisatieAansluiting } from '../../../sources/voordeur/organisatie-aansluiting.ts';
import type { PublicAddresses } from '../../../platform/http/public-address.ts';
import { OrganisatieBewaartermijnen } from '../../../sources/voordeur/organisatie-bewaartermijnen.ts';
import type { Organisaties } from '../../../sources/voordeur/organisaties.ts';
import { apiBase } from '../routes.ts';
import { webhookQueue } from '../webhook.ts';
import { leveranciersRoutes } from './routes.tsx';

export interface LeveranciersDeps {
  config: NonNullable<Config['leveranciers']>;
  publicUrl: URL;
  secureCookies: boolean;
  db: Db;
  metrics: Metrics;
  log: Log;
  organisaties: Organisaties;
  aansluiting: OrganisatieAansluiting;
  jobs: JobQueue;
  /** Where a webhook or JWKS address may lead (the internet only, unless private addresses are allowed). */
  addresses: PublicAddresses;
  /** Whether the organisation API has mutual TLS (ORGANISATIE_API_CLIENT_CERT_HEADER): then client certificates are registered here. */
  certificaten: boolean;
}

/** Organisation staff are logged out after 15 minutes without activity, and after 10 hours at most. */
const session = { idleTimeoutSeconds: 15 * 60, maxAgeSeconds: 10 * 60 * 60 };

/** The leveranciersportaal, when LEVERANCIERS_PORTAAL is on (with the organisation API). */
export function createLeveranciersportaal(deps: LeveranciersDeps | undefined): Feature | undefined {
  if (!deps) return undefined;
  const oidc = new OidcClient<'leverancier'>(
    deps.config.oidc,
    new URL('/leveranciers/auth/callback', deps.publicUrl).href,
    new URL('/leveranciers/uitgelogd', deps.publicUrl).href,
    deps.metrics,
  );
  const sessions = new PortalSessions<Leverancier>(deps.db, { table: 'leverancier_sessions', userColumn: 'gebruiker' }, session);
  return {
    id: 'leveranciers',
    plugin: leveranciersRoutes({
      oidc,
      claims: deps.config.oidc.claims,
      attempts: new LoginAttempts(deps.db),
      sessions,
      organisaties: deps.organisaties,
      aansluiting: deps.aansluiting,
      addresses: deps.addresses,
      bewaartermijnen: new OrganisatieBewaartermijnen(deps.db),
      jobs: deps.jobs,
      webhookQueue,
      certificaten: deps.certificaten,
      apiUrl: new URL(apiBase, deps.publicUrl).href,
      secureCookies: deps.secureCookies,
    }),
    start() {
      const timer = setInterval(
        () => void sessions.purge().catch((error: unknown) => deps.log.warn({ err: error }, 'leveranciersportaal purge failed')),
        10 * 60 * 1000,
      );
      timer.unref();
      return async () => clearInterval(timer);
    },
  };
}
