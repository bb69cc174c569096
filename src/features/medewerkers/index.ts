/**
 * The medewerkersportaal (/medewerkers, docs/medewerkersportaal.md): staff of the organisation log
 * in with its own identity provider, state why they look someone up (doelbinding), and then see
 * that person's or company's dossier for a while, read only: the same parts the resident sees,
 * asked of the features through the Feature contract (`dossierSection`). Every read is in the
 * resident's processing log as a staff member's of that department, for that purpose; who exactly
 * is in the internal audit log (audit.ts), for the privacy officer.
 */
import type { Config } from '../../config.ts';
import type { ContactRegister } from '../../domain/persoon.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import { LoginAttempts } from '../../platform/auth/login-attempts.ts';
import { OidcClient } from '../../platform/auth/oidc.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DossierAction, DossierDetail, DossierView, Feature } from '../../platform/http/feature.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { Log } from '../../platform/logging.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { JSX } from 'preact';
import { StaffAccess } from './access.ts';
import { StaffAudit } from './audit.ts';
import { StaffPolicy } from './policy.ts';
import { medewerkersRoutes } from './routes.tsx';
import { StaffSessions } from './sessions.ts';

export interface MedewerkersDeps {
  config: NonNullable<Config['medewerkers']>;
  publicUrl: URL;
  secureCookies: boolean;
  db: Db;
  identityKeys: IdentityKeys;
  metrics: Metrics;
  log: Log;
  processingLog: ProcessingLog;
  /** Where staff register a conversation as a klantcontact (the Klantinteracties API), when configured. */
  contacts?: ContactRegister;
  /** What the features show of a person's dossier. */
  dossierSections: (view: DossierView) => Promise<JSX.Element[]>;
  /** What staff can do for the person from a feature's part of the dossier. */
  dossierAction: (feature: string, name: string) => DossierAction | undefined;
  /** A page of a feature within a dossier (e.g. one zaak). */
  dossierPage: (feature: string, view: DossierView, path: string) => Promise<DossierDetail | null>;
}

/** The medewerkersportaal, when MEDEWERKERS_PORTAAL is on. */
export function createMedewerkers(deps: MedewerkersDeps | undefined): Feature | undefined {
  if (!deps) return undefined;
  const { config, db } = deps;
  const oidc = new OidcClient<'medewerker'>(
    config.oidc,
    new URL('/medewerkers/auth/callback', deps.publicUrl).href,
    new URL('/medewerkers/uitgelogd', deps.publicUrl).href,
    deps.metrics,
  );
  const sessions = new StaffSessions(db, config.session);
  const access = new StaffAccess(db, deps.identityKeys, config.toegangMinuten);
  const audit = new StaffAudit(db, deps.identityKeys);
  return {
    id: 'medewerkers',
    plugin: medewerkersRoutes({
      oidc,
      claims: config.oidc.claims,
      attempts: new LoginAttempts(db),
      sessions,
      access,
      audit,
      policy: new StaffPolicy(config.rules),
      keys: deps.identityKeys,
      doelen: config.rules.doelen,
      toegangMinuten: config.toegangMinuten,
      secureCookies: deps.secureCookies,
      dossierSections: deps.dossierSections,
      dossierAction: deps.dossierAction,
      dossierPage: deps.dossierPage,
      terugbelAfdelingen: config.terugbelAfdelingen,
      contacts: deps.contacts,
      processingLog: deps.processingLog,
    }),
    // Ended sessions and accesses go; the audit log is kept for its retention period.
    start() {
      const purge = async () => {
        await sessions.purge();
        await access.purge();
        await audit.purge(config.auditBewaardagen);
      };
      const timer = setInterval(() => void purge().catch((error: unknown) => deps.log.warn({ err: error }, 'medewerkersportaal purge failed')), 10 * 60 * 1000);
      timer.unref();
      return async () => clearInterval(timer);
    },
  };
}
