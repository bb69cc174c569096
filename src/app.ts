/**
 * Builds the Voordeur web application from a configuration: what every process opens (runtime.ts:
 * log, database, metrics, identity keys, sources), the platform (sessions, login, security
 * headers, language, pages, errors, health, metrics) and the features.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { aanvraagDelivery, aanvraagJobs, createAanvragen } from './features/aanvragen/index.ts';
import { createBerichten } from './features/berichten/index.ts';
import { createGegevens } from './features/gegevens/index.ts';
import { createHelp } from './features/help/index.tsx';
import { createHome } from './features/home/index.tsx';
import { createMachtigingen } from './features/machtigingen/index.tsx';
import { createMedewerkers } from './features/medewerkers/index.ts';
import { createNotificaties, type Notificaties } from './features/notificaties/index.ts';
import { bijlagenBucket, createOrganisatieApi, organisatieBerichtenStore, organisatieJobs, planBewaartermijn } from './features/organisaties/index.ts';
import { createLeveranciersportaal } from './features/organisaties/leveranciers/index.ts';
import { createOverzicht } from './features/overzicht/index.tsx';
import { createProducten } from './features/producten/index.ts';
import { createTaken } from './features/taken/index.ts';
import { createVragen, vraagHref } from './features/vragen/index.ts';
import { createZaken } from './features/zaken/index.ts';
import { isSourceFailure } from './domain/availability.ts';
import { allBerichten } from './domain/bericht.ts';
import type { Identity, Subject } from './domain/identity.ts';
import type { CompanyRegister } from './domain/persoon.ts';
import { zaakPath, zaaksysteemFor } from './domain/zaak.ts';
import { OidcClient } from './platform/auth/oidc.ts';
import { LoginAttempts, loginAttemptMaxAgeSeconds } from './platform/auth/login-attempts.ts';
import { registerAuthRoutes } from './platform/auth/routes.tsx';
import type { DatabaseHandle } from './platform/db/database.ts';
import { ProcessingLog } from './platform/audit/processing-log.ts';
import type { Feature } from './platform/http/feature.ts';
import { featureParts, registerFeatures } from './platform/http/features.ts';
import { registerErrorPages } from './platform/http/errors.ts';
import { registerHealth } from './platform/http/health.ts';
import { registerKeptFormRoutes } from './platform/http/kept-forms.tsx';
import { registerLanguage } from './platform/http/i18n.ts';
import { keptFormCookie } from './platform/http/kept-forms.tsx';
import { LANG_COOKIE } from './platform/i18n/index.ts';
import { keptFormMinutes } from './platform/session/kept-forms.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { registerPages } from './platform/http/pages.ts';
import { parseQuery, registerSecurityHeaders } from './platform/http/security.ts';
import { registerSessions, sessionCookie } from './platform/http/session.ts';
import { registerStatic } from './platform/http/static.ts';
import { randomToken } from './platform/random.ts';
import { KeptForms } from './platform/session/kept-forms.ts';
import { SessionStore } from './platform/session/store.ts';
import { OgonePayments } from './sources/ogone/ogone.ts';
import { AanvraagStore } from './sources/voordeur/aanvragen.ts';
import { OrganisatieZaken } from './sources/voordeur/organisatie-zaken.ts';
import { withArchive } from './sources/voordeur/bericht-archief.ts';
import { PublicAddresses, type Resolve } from './platform/http/public-address.ts';
import { Organisaties } from './sources/voordeur/organisaties.ts';
import { VraagBevestigingen } from './sources/voordeur/vraag-bevestigingen.ts';
import { VraagVerzendingen } from './sources/voordeur/vraag-verzendingen.ts';
import { OrganisatieAansluiting } from './sources/voordeur/organisatie-aansluiting.ts';
import { openRuntime } from './runtime.ts';
import { countingRoundTrips, depthOf, roundTripsHeader } from './platform/round-trips.ts';

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
  /** How host names of organisations' webhooks and JWKS URLs are resolved (tests pass a stub; default the system's DNS). */
  resolve?: Resolve;
  /**
   * The benchmark only (bench/pages.ts), never in production: each answer says in the header
   * `x-bench-round-trips` how many source round trips one after another the request waited for
   * (platform/round-trips.ts). Off by default.
   */
  countRoundTrips?: boolean;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<Voordeur> {
  const runtime = await openRuntime(config, { database: options.database, logStream: options.logger?.stream });
  const { database, metrics, sources } = runtime;
  const identityKeys = runtime.keys;

  const app = Fastify({
    loggerInstance: runtime.log as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    genReqId: () => randomToken(6),
    bodyLimit: 1024 * 1024,
    routerOptions: { querystringParser: parseQuery },
  });
  if (options.countRoundTrips) {
    const counts = new WeakMap<object, Parameters<typeof depthOf>[0]>();
    // The rest of the request's handling runs in a count of its own (as @fastify/request-context does it).
    app.addHook('onRequest', (request, _reply, done) => {
      const { calls } = countingRoundTrips(done);
      if (calls) counts.set(request, calls);
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const calls = counts.get(request);
      if (calls) reply.header(roundTripsHeader, String(depthOf(calls)));
      return payload;
    });
  }

  const sessions = new SessionStore(database.db, config.session, config.session.secret);
  const keptForms = new KeptForms(database.db, identityKeys);
  const cookie = sessionCookie(config.session.secureCookies);
  const oidc = new OidcClient(config.oidc, new URL('/auth/callback', config.publicUrl).href, new URL('/uitgelogd', config.publicUrl).href, metrics);
  const processingLog = new ProcessingLog(database.db, identityKeys);
  const { theme } = config;
  const systemNames = config.zaken.systems.map((system) => system.naam);

  const organisaties = new Organisaties(database.db, identityKeys);
  // Organisations' webhooks and JWKS URLs lead to the internet only (ORGANISATIE_API_PRIVATE_ADDRESSES: the demo and tests).
  const addresses = new PublicAddresses({ allowPrivate: config.organisatieApi?.privateAddresses ?? false, resolve: options.resolve });
  // What the leveranciersportaal shows an organisation of its connection (and where the API counts its result codes).
  const aansluiting = new OrganisatieAansluiting(database.db);
  const aanvragen = new AanvraagStore(database.db, identityKeys);
  const notificaties = createNotificaties({
    config,
    db: database.db,
    keys: identityKeys,
    metrics,
    log: app.log,
    sources,
    jobs: {
      ...organisatieJobs(config, organisaties, () => organisatieBerichten || undefined, {
        db: database.db,
        queue: () => notificaties.queue,
        log: app.log,
        addresses,
      }),
      // The person is told once their aanvraag reached the back office.
      ...aanvraagJobs(aanvraagDelivery(config, sources, aanvragen, app.log, (changes) => notificaties.record(changes))),
    },
    processingLog,
    aanvragen: sources.producttypen ? aanvragen : undefined,
    // A message that went out about an organisation's bericht is news for that organisation's webhook.
    notified: async (group, channel) => {
      if (organisatieBerichten) await organisatieBerichten.notified(group, channel);
    },
  });

  // Berichten organisations push through the organisation API (ORGANISATIE_API), kept in Voordeur's own database; their recipients are told.
  const organisatieBerichten =
    config.organisatieApi &&
    organisatieBerichtenStore(
      database.db,
      identityKeys,
      notificaties.record,
      notificaties.queue,
      // Their inbox as it was kept is old once berichten arrive for them.
      { processingLog, aansluiting, arrived: (recipients) => sources.answers.forgetEach('berichten', recipients) },
      bijlagenBucket(config),
    );
  const organisatieZaken = config.organisatieApi && new OrganisatieZaken(database.db, identityKeys, { tell: notificaties.record, processingLog });
  // Berichten past their organisation's retention are deleted every hour, by whichever worker takes the job.
  if (config.organisatieApi) await planBewaartermijn(notificaties.queue);
  const zaaksystemen = organisatieZaken ? [...sources.zaaksystemen, organisatieZaken] : sources.zaaksystemen;
  // The ontvangstbevestigingen of aanvragen are berichten too, with the PDF of the answers (when Aanvragen is there).
  const aanvraagBerichten = sources.producttypen ? aanvragen.berichten : undefined;
  // So are those of questions asked with "Stel een vraag" (when there is a Klantinteracties API), with the question as a PDF; the person is told of each once.
  const vraagVerzendingen = new VraagVerzendingen(database.db, identityKeys, undefined, undefined, config.vragen.leaseSeconds * 1000);
  const vraagBevestigingen = new VraagBevestigingen(database.db, identityKeys, notificaties.record);
  const vraagBerichten = sources.klantinteracties ? vraagBevestigingen : undefined;
  // A confirmation of what the person sent is a new bericht: what Mijn berichten kept about them is old.
  const berichtenChanged = (subject: Subject) => sources.answers.forget('berichten', subject);
  const berichtStores = [sources.berichten, organisatieBerichten, aanvraagBerichten, vraagBerichten].filter((store) => store !== undefined);

  // "Stel een vraag" (with the Klantinteracties API): linked from the contact page, the empty overzicht and a zaak's page.
  const vragen = createVragen({
    contacts: sources.klantinteracties,
    zaakChoices: (request) => parts.zaakChoices(request),
    zaaksystemen: systemNames,
    processingLog,
    organisationName: theme.organisationName,
    verzendingen: vraagVerzendingen,
    bevestigingen: vraagBevestigingen,
    berichtenChanged,
  });

  // The features, in the order of the navigation; each is left out when what it needs is not configured.
  const features = [
    createHome({ portalName: theme.portalName, organisationName: theme.organisationName, secureCookies: config.session.secureCookies }),
    createHelp({
      organisationName: theme.organisationName,
      portalName: theme.portalName,
      publicUrl: config.publicUrl,
      help: config.help,
      cookies: {
        session: cookie.name,
        sessionIdleMinutes: Math.round(config.session.idleTimeoutSeconds / 60),
        login: 'voordeur_login', // set by platform/auth/routes.tsx while logging in
        loginMinutes: loginAttemptMaxAgeSeconds / 60,
        language: LANG_COOKIE,
        kept: keptFormCookie,
        keptMinutes: keptFormMinutes,
      },
      askHref: vragen && vraagHref(),
    }),
    createOverzicht({
      organisationName: theme.organisationName,
      overviewBlocks: (request) => parts.overviewBlocks(request),
      nav: () => parts.nav,
      contactHref: () => (vragen ? vraagHref() : parts.footerLinks.find((link) => link.label === 'footer.contact')?.href),
    }),
    createZaken({
      zaaksystemen,
      processingLog,
      organisationName: theme.organisationName,
      pageSize: config.zaken.pageSize,
      upload: config.zaken.upload,
      zaakSections: (request, zaak) => parts.zaakSections(request, zaak),
      contact: {
        href: config.help.contact.formUrl ?? '/contact',
        phone: config.help.contact.phone,
        // A late zaak of this organisation: the question form about it.
        about: vragen && ((zaak) => vraagHref(systemNames.includes(zaak.systeem) ? zaak : undefined)),
      },
    }),
    createTaken({
      taken: sources.taken,
      db: database.db,
      identityKeys,
      processingLog,
      payments: config.ogone && new OgonePayments({ actionUrl: config.ogone.url, accounts: config.ogone.accounts }),
      publicUrl: config.publicUrl,
      pageSize: config.taken.pageSize,
      // A taak names its zaak by UUID only.
      zaakHref: (uuid) => {
        const systeem = zaaksysteemFor(systemNames);
        return systeem && zaakPath({ systeem, uuid });
      },
      // Files sent with a form become documents of the taak's zaak, with the same rules as uploads to a zaak.
      formDocuments: sources.zaaksystemen,
      uploads: { allowedTypes: config.zaken.upload.allowedTypes, maxBytes: config.zaken.upload.maxBytes },
    }),
    createBerichten({
      // Archivable: Voordeur keeps the archive state of the berichten whose store has none (the Objecten API).
      berichten:
        berichtStores.length > 0 ? allBerichten(berichtStores.map((store) => withArchive(store, database.db, identityKeys, sources.answers))) : undefined,
      documentStores: [
        ...sources.zaaksystemen,
        ...(organisatieBerichten ? [organisatieBerichten] : []),
        ...(aanvraagBerichten ? [aanvraagBerichten] : []),
        ...(vraagBerichten ? [vraagBerichten] : []),
      ],
      processingLog,
      pageSize: config.berichten.pageSize,
      organisationName: theme.organisationName,
      relations: { zaaksystemen, taken: sources.taken },
      answers: sources.answers,
    }),
    createAanvragen({
      catalogue: sources.producttypen,
      // The producttypen's zaaktypen are in the Catalogi API of the one zaaksysteem.
      zaaktypen: sources.zaaksystemen.length === 1 ? sources.zaaksystemen[0] : undefined,
      store: aanvragen,
      registers: { brp: sources.brp, kvk: sources.kvk, contacts: sources.klantinteracties },
      uploads: { allowedTypes: config.zaken.upload.allowedTypes, maxBytes: config.zaken.upload.maxBytes },
      conceptDays: config.aanvragen.conceptDays,
      addJobs: (jobs, trx) => notificaties.queue.add(jobs, trx),
      organisationName: theme.organisationName,
      tell: notificaties.record,
      berichtenChanged,
      zaakRef: (url) => {
        const systeem = sources.zaaksystemen.find((candidate) => candidate.holdsZaak(url));
        return systeem && { systeem: systeem.naam, uuid: url.replace(/\/+$/, '').split('/').at(-1)! };
      },
      processingLog,
      log: app.log,
      // Renewing a product starts from its values (Mijn producten offers them).
      ownProduct: (request, id) => parts.ownProduct(request, id),
    }),
    createProducten({
      producten: sources.producten,
      zaaksystemen,
      documentStores: sources.zaaksystemen,
      taken: sources.taken,
      processingLog,
      pageSize: config.producten.pageSize,
      expiryNoticeDays: config.producten.expiryNoticeDays,
      // "Verlengen": the aanvraag of the producttype when Aanvragen offers it; else the organisation's address.
      renewals: (request, products) => parts.renewals(request, products),
      renewUrl: config.producten.renewUrl,
      tell: notificaties.record,
      noticeIntervalMs: config.producten.noticeIntervalSeconds * 1000,
      log: app.log,
    }),
    vragen,
    createGegevens({
      brp: sources.brp,
      kvk: sources.kvk,
      klantinteracties: sources.klantinteracties,
      notify: sources.notify && config.notify && { client: sources.notify, templates: config.notify.templates },
      db: database.db,
      identityKeys,
      processingLog,
      answers: sources.answers,
      contactCodes: config.contactCodes,
      staffPurposes: config.medewerkers?.rules.doelen,
      organisationName: theme.organisationName,
    }),
    notificaties.feature,
    createMachtigingen({ sessions, cookie, processingLog }),
    createMedewerkers(
      config.medewerkers && {
        config: config.medewerkers,
        publicUrl: config.publicUrl,
        secureCookies: config.session.secureCookies,
        db: database.db,
        identityKeys,
        metrics,
        log: app.log,
        processingLog,
        contacts: sources.klantinteracties,
        dossierSections: (view) => parts.dossierSections(view),
        dossierAction: (feature, name) => parts.dossierAction(feature, name),
        dossierPage: (feature, view, path) => parts.dossierPage(feature, view, path),
      },
    ),
    organisatieBerichten &&
      createOrganisatieApi({
        organisaties,
        berichten: organisatieBerichten,
        zaken: organisatieZaken!,
        publicUrl: config.publicUrl,
        secret: config.identityKeySecret,
        requestsPerMinute: config.organisatieApi!.requestsPerMinute,
        addresses,
        clientCertHeader: config.organisatieApi!.clientCertHeader,
      }),
    createLeveranciersportaal(
      organisatieBerichten && config.leveranciers
        ? {
            config: config.leveranciers,
            publicUrl: config.publicUrl,
            secureCookies: config.session.secureCookies,
            db: database.db,
            metrics,
            log: app.log,
            organisaties,
            aansluiting,
            jobs: notificaties.queue,
            addresses,
            certificaten: config.organisatieApi?.clientCertHeader !== undefined,
          }
        : undefined,
    ),
  ].filter((feature): feature is Feature => feature !== undefined);
  // What features show on the pages of others, each part within the sources' deadline and a margin.
  const parts = featureParts(features, config.sources.timeoutMs + 500);

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  registerSecurityHeaders(app, {
    https: config.publicUrl.protocol === 'https:',
    formTargets: [config.oidc.issuer.origin, ...(config.ogone ? [new URL(config.ogone.url).origin] : [])],
  });
  registerLanguage(app);
  registerSessions(app, sessions, cookie, { kept: keptForms, gemachtigdeHandelingen: config.gemachtigdeHandelingen });
  registerPages(app, { config, store: sessions, parts, drops: () => sources.answers.drops });
  registerErrorPages(app);
  registerMetrics(app, metrics, { ...config.metrics, host: config.host });
  registerHealth(app, () => database.isReady());
  await registerStatic(app, config.theme);
  registerAuthRoutes(app, {
    attempts: new LoginAttempts(database.db),
    store: sessions,
    kept: keptForms,
    oidc,
    claims: config.oidc.claims,
    cookie,
    secureCookies: config.session.secureCookies,
    loginsPerMinute: config.loginRateLimitPerMinute,
    completeIdentity: sources.kvk && withVestigingen(sources.kvk, app.log),
    processingLog,
  });
  registerKeptFormRoutes(app, { kept: keptForms, secureCookies: config.session.secureCookies });
  await registerFeatures(app, features);

  const purge = setInterval(
    () => {
      sessions.purge().catch((error: unknown) => app.log.warn({ err: error }, 'session purge failed'));
      keptForms.purge().catch((error: unknown) => app.log.warn({ err: error }, 'kept forms purge failed'));
      vraagVerzendingen.purge().catch((error: unknown) => app.log.warn({ err: error }, 'one-time tokens of questions purge failed'));
    },
    10 * 60 * 1000,
  );
  purge.unref();

  return {
    app,
    database,
    sessions,
    notificaties,
    async close() {
      clearInterval(purge);
      await app.close();
      await addresses.close();
      await runtime.close();
    },
  };
}

/**
 * A company logged in as a whole sees its vestigingen' zaken too: which vestigingen it has is read
 * from the Handelsregister once, at login. Without an answer it sees its company-wide zaken.
 */
function withVestigingen(kvk: CompanyRegister, log: FastifyBaseLogger) {
  return async (identity: Identity): Promise<Identity> => {
    const { subject } = identity;
    if (subject.type !== 'bedrijf' || subject.vestigingsnummer) return identity;
    try {
      return { ...identity, subject: { ...subject, vestigingen: await kvk.vestigingsnummers(subject.kvkNummer) } };
    } catch (error) {
      if (!isSourceFailure(error)) throw error;
      log.warn({ source: error.source, detail: error.message }, 'vestigingen not read at login: the company sees its company-wide zaken only');
      return identity;
    }
  };
}
