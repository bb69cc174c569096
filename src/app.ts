/**
 * Builds the Voordeur web application from a configuration: database, platform (sessions,
 * login, security headers, language, pages, errors, health, metrics) and the features.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { registerBerichten } from './features/berichten/routes.tsx';
import { BerichtenService } from './features/berichten/service.ts';
import { registerGegevens } from './features/gegevens/routes.tsx';
import { notificaties, type Notificaties } from './features/notificaties/index.ts';
import { registerNotificatieCallback } from './features/notificaties/callback.ts';
import { queues } from './features/notificaties/pipeline.ts';
import { registerTaken } from './features/taken/routes.tsx';
import { TakenService } from './features/taken/service.ts';
import { GegevensService, type CodeSender } from './features/gegevens/service.ts';
import { registerHome } from './features/home/routes.tsx';
import { registerOverzicht, type OverviewBlock } from './features/overzicht/routes.tsx';
import { registerZaken, type ZaakSection } from './features/zaken/routes.tsx';
import { ZakenService } from './features/zaken/service.ts';
import { OidcClient } from './platform/auth/oidc.ts';
import { registerAuthRoutes } from './platform/auth/routes.tsx';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { registerErrorPages } from './platform/http/errors.ts';
import { registerHealth } from './platform/http/health.ts';
import { registerLanguage } from './platform/http/i18n.ts';
import { Metrics, registerMetrics } from './platform/http/metrics.ts';
import { registerPages } from './platform/http/pages.ts';
import { registerSecurityHeaders } from './platform/http/security.ts';
import { registerSessions, sessionCookie } from './platform/http/session.ts';
import { registerStatic } from './platform/http/static.ts';
import type { NavItem } from './platform/http/types.ts';
import { loggerOptions } from './platform/logging.ts';
import { randomToken } from './platform/random.ts';
import { ProcessingLog } from './platform/audit/processing-log.ts';
import { IdentityKeys } from './platform/identity-keys.ts';
import { SessionStore } from './platform/session/store.ts';
import { connectSources, type Sources } from './sources/index.ts';
import { OgonePayments } from './sources/ogone/ogone.ts';
import { ContactConfirmations } from './sources/voordeur/contact-confirmations.ts';
import { Deliveries } from './sources/voordeur/deliveries.ts';
import { PreferencesStore } from './sources/voordeur/preferences.ts';

export interface Voordeur {
  app: FastifyInstance;
  database: DatabaseHandle;
  sessions: SessionStore;
  /** The notification pipeline and its worker (running here unless WORKER_IN_PROCESS=false). */
  notificaties: Notificaties;
  /** Stops the server, its timers and (when it opened it) the database. */
  close(): Promise<void>;
}

export interface BuildOptions {
  /** A database opened by the caller (tests); otherwise opened from the configuration. */
  database?: DatabaseHandle;
  /** Extra logger settings (tests pass a stream to read what was logged). */
  logger?: { stream?: NodeJS.WritableStream };
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<Voordeur> {
  const database = options.database ?? (await openDatabase(config.database));
  await migrateToLatest(database.db);

  const app = Fastify({
    logger: { ...loggerOptions(config.logLevel), ...(options.logger?.stream ? { stream: options.logger.stream } : {}) },
    trustProxy: config.trustProxy,
    genReqId: () => randomToken(6),
    bodyLimit: 1024 * 1024,
  });

  const metrics = new Metrics();
  const sessions = new SessionStore(database.db, config.session, config.session.secret);
  const cookie = sessionCookie(config.session.secureCookies);
  const oidc = new OidcClient(config.oidc, new URL('/auth/callback', config.publicUrl).href, new URL('/uitgelogd', config.publicUrl).href, metrics);
  const nav: NavItem[] = [{ id: 'overzicht', href: '/overzicht', label: 'nav.overzicht' }];
  const overviewBlocks: OverviewBlock[] = [];
  const zaakSections: ZaakSection[] = [];
  const identityKeys = new IdentityKeys(config.identityKeySecret);
  const processingLog = new ProcessingLog(database.db, identityKeys);
  const sources = connectSources(config, metrics);
  const { zaaksystemen, objecten } = sources;
  if (zaaksystemen.length > 0) nav.push({ id: 'zaken', href: '/zaken', label: 'nav.zaken' });
  const taakType = config.objecten?.objecttypen.taak;
  const taken = objecten && taakType ? new TakenService(objecten, taakType, database.db, identityKeys) : undefined;
  if (taken) nav.push({ id: 'taken', href: '/taken', label: 'nav.taken' });
  const payments = config.ogone && new OgonePayments({ actionUrl: config.ogone.url, accounts: config.ogone.accounts });
  const berichtType = config.objecten?.objecttypen.bericht;
  const berichten = objecten && berichtType ? new BerichtenService(objecten, berichtType, zaaksystemen, identityKeys) : undefined;
  if (berichten) nav.push({ id: 'berichten', href: '/berichten', label: 'nav.berichten', countLabel: 'nav.count.berichten' });
  const gegevens = gegevensService(config, sources, { database, identityKeys, processingLog });
  nav.push({ id: 'gegevens', href: '/gegevens', label: 'nav.gegevens' });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  registerSecurityHeaders(app, { https: config.publicUrl.protocol === 'https:', formTargets: [config.oidc.issuer.origin, ...(config.ogone ? [new URL(config.ogone.url).origin] : [])] });
  registerLanguage(app);
  registerSessions(app, sessions, cookie);
  registerPages(app, { config, store: sessions, nav });
  registerErrorPages(app);
  registerMetrics(app, metrics);
  registerHealth(app, () => database.isReady());
  await registerStatic(app, config.theme);

  registerAuthRoutes(app, { db: database.db, store: sessions, oidc, cookie, secureCookies: config.session.secureCookies });
  registerHome(app, config);
  if (zaaksystemen.length > 0) registerZaken(app, { config, service: new ZakenService(zaaksystemen), overviewBlocks, zaakSections, processingLog });
  if (taken) {
    // A taak names its zaak by UUID only; with one zaaksysteem, that is where it is.
    const only = zaaksystemen.length === 1 ? config.zaken.systems[0]!.naam : undefined;
    const zaakHref = (uuid: string) => (only ? `/zaken/${encodeURIComponent(only)}/${encodeURIComponent(uuid)}` : undefined);
    registerTaken(app, { service: taken, overviewBlocks, zaakSections, processingLog, payments, publicUrl: config.publicUrl, pageSize: config.taken.pageSize, contactText: config.theme.contactText, zaakHref });
  }
  if (berichten) registerBerichten(app, { service: berichten, overviewBlocks, processingLog });
  registerGegevens(app, { service: gegevens, processingLog });
  registerOverzicht(app, config, overviewBlocks);

  const notes = notificaties(config, { db: database.db, metrics, keys: identityKeys, sources, log: app.log });
  const callbackSecret = config.notificaties.callbackSecret;
  if (callbackSecret) registerNotificatieCallback(app, { secret: callbackSecret, pipeline: notes.pipeline, received: notes.received, wake: () => notes.worker.wake(queues.resolve) });
  if (config.notificaties.workerInProcess) {
    let stop: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stop = notes.run();
    });
    app.addHook('onClose', async () => stop?.());
  }

  const purge = setInterval(() => sessions.purge().catch((error: unknown) => app.log.warn({ err: error }, 'session purge failed')), 10 * 60 * 1000);
  purge.unref();

  return {
    app,
    database,
    sessions,
    notificaties: notes,
    async close() {
      clearInterval(purge);
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

/** Mijn gegevens with the sources that are configured (each is optional; the page shows what there is). */
function gegevensService(config: Config, sources: Sources, deps: { database: DatabaseHandle; identityKeys: IdentityKeys; processingLog: ProcessingLog }): GegevensService {
  const { notify } = sources;
  const templates = config.notify?.templates;
  const sender: CodeSender | undefined = notify && templates && {
    async send(kind, address, code, minutes) {
      const personalisation = { code, minuten: String(minutes) };
      if (kind === 'email') await notify.sendEmail(templates.emailCode, address, personalisation);
      else await notify.sendSms(templates.smsCode, address, personalisation);
    },
  };
  return new GegevensService(
    { brp: sources.brp, kvk: sources.kvk, contacts: sender && sources.klantinteracties },
    {
      preferences: new PreferencesStore(deps.database.db, deps.identityKeys),
      confirmations: new ContactConfirmations(deps.database.db, deps.identityKeys, config.contactCodes),
      deliveries: new Deliveries(deps.database.db, deps.identityKeys),
      processingLog: deps.processingLog,
    },
    { sender, ttlSeconds: config.contactCodes.ttlSeconds },
  );
}
