/**
 * The leveranciersportaal's routes, all under /leveranciers, with their own session (as the
 * medewerkersportaal): the resident's session is never read here (platform/http/session.ts skips
 * these paths) and this session is never read elsewhere. Whoever logged in sees and changes only
 * the connection of the organisation their login's organisation claim names; a login whose claim
 * names no connected organisation gets no session. Every POST carries the session's CSRF token;
 * every change is in the organisation's audit log with who made it.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { LoginAttempts } from '../../../platform/auth/login-attempts.ts';
import { type OidcClient, UnusableClaimsError } from '../../../platform/auth/oidc.ts';
import { registerPortalLogin } from '../../../platform/auth/portal-login.tsx';
import type { Leverancier } from '../../../platform/db/schema.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { JobQueue } from '../../../platform/queue/queue.ts';
import type { PortalSession, PortalSessions } from '../../../platform/session/portal-sessions.ts';
import type { FieldError } from '../../../platform/ui/components.tsx';
import type { OrganisatieAansluiting } from '../../../sources/voordeur/organisatie-aansluiting.ts';
import type { Organisatie, Organisaties } from '../../../sources/voordeur/organisaties.ts';
import { berichtTypePattern, maxBewaarDagen, type OrganisatieBewaartermijnen } from '../../../sources/voordeur/organisatie-bewaartermijnen.ts';
import { DocumentatieSection } from './documentatie.tsx';
import type { PublicAddresses } from '../../../platform/http/public-address.ts';
import { parsePublicKey, publicHttpsUrl } from './keys.ts';
import { parseCertificaat } from '../certificaat.ts';
import {
  BewaartermijnPage,
  BewaartermijnSection,
  type BewaartermijnView,
  OngeopendSection,
  OverzichtTable,
  type PortaalPath,
  PortaalPage,
  SleutelsSection,
  type SleutelsView,
  sleutelsNotices,
  WebhookSection,
  type WebhookView,
} from './views.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    /** The leveranciersportaal's session, on its routes; null elsewhere. */
    leverancier: PortalSession<Leverancier> | null;
  }
}

export type LeverancierSession = PortalSession<Leverancier>;

export interface LeveranciersRouteDeps {
  oidc: OidcClient<'leverancier'>;
  /** Which claims of the ID token name the organisation and the person (LEVERANCIERS_CLAIM_*). */
  claims: { organisatie: string; naam: string };
  attempts: LoginAttempts;
  sessions: PortalSessions<Leverancier>;
  organisaties: Organisaties;
  aansluiting: OrganisatieAansluiting;
  /** Checks where a typed webhook or JWKS address resolves to. */
  addresses: Pick<PublicAddresses, 'check'>;
  /** How long the organisation's berichten are kept (set here by the organisation, or by the operator: npm run beheer). */
  bewaartermijnen: OrganisatieBewaartermijnen;
  jobs: JobQueue;
  /** The job queue of webhook calls (features/organisaties/webhook.ts). */
  webhookQueue: string;
  /** Whether the organisation API has mutual TLS: then client certificates are registered on the keys page. */
  certificaten: boolean;
  /** The organisation API's public base URL, for the documentation. */
  apiUrl: string;
  secureCookies: boolean;
}

const overzichtDagen = 14;
/** Client certificates one organisation may register (a few in use, and one on its way in). */
const maxCertificaten = 10;
const defaultDagen = 7;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Who logged in, from the ID token's claims; without a sub, a name or an organisation it is refused. */
export function leverancierFrom(claims: Record<string, unknown>, names: LeveranciersRouteDeps['claims']): Leverancier {
  const id = text(claims.sub);
  const naam = text(claims[names.naam]).slice(0, 200);
  const organisatieId = text(claims[names.organisatie]);
  if (!id || !naam) throw new UnusableClaimsError(`claim ${!id ? 'sub' : names.naam} is missing`);
  if (!organisatieId) throw new UnusableClaimsError(`claim ${names.organisatie} is missing`);
  return { id, naam, organisatieId };
}

export function leveranciersRoutes(deps: LeveranciersRouteDeps): FastifyPluginAsync {
  const { oidc, attempts, sessions, organisaties, aansluiting } = deps;

  return async (app) => {
    app.decorateRequest('leverancier', null);
    const { loginPage, problemPage, endSession } = registerPortalLogin(app, {
      portal: 'leveranciers',
      method: 'leverancier',
      oidc,
      attempts,
      sessions,
      cookie: 'voordeur_leverancier',
      secureCookies: deps.secureCookies,
      session: {
        get: (request) => request.leverancier,
        set: (request, session) => {
          request.leverancier = session;
        },
      },
      userFrom: (claims) => leverancierFrom(claims, deps.claims),
      displayName: (leverancier) => leverancier.naam,
      // The organisation claim must name a connected organisation; otherwise there is nothing to manage here.
      refuse: async (request, leverancier) => {
        if (await organisaties.get(leverancier.organisatieId)) return undefined;
        request.log.info('leveranciers login refused: the organisation claim names no connected organisation');
        return { status: 403, title: 'leveranciers.onbekend.title', text: 'leveranciers.onbekend.text' };
      },
      loggedIn: async (request, leverancier) => {
        request.log.info({ organisatie: leverancier.organisatieId }, 'leverancier logged in');
      },
    });

    /** The session and its organisation, or the reply that sends the browser to log in (null). */
    async function context(request: FastifyRequest, reply: FastifyReply): Promise<{ session: LeverancierSession; organisatie: Organisatie } | null> {
      const session = request.leverancier;
      if (!session) {
        await reply.redirect('/leveranciers', 303);
        return null;
      }
      const organisatie = await organisaties.get(session.user.organisatieId);
      if (!organisatie) {
        // The organisation was disconnected since the login: the session ends.
        await endSession(request, reply);
        await problemPage(request, reply, 403, 'leveranciers.onbekend.title', 'leveranciers.onbekend.text');
        return null;
      }
      return { session, organisatie };
    }

    const page = (
      request: FastifyRequest,
      reply: FastifyReply,
      current: PortaalPath,
      titleKey: MessageKey,
      organisatie: Organisatie,
      body: preact.ComponentChildren,
      options: { status?: number; errors?: number } = {},
    ) => {
      const title = request.t(titleKey);
      return reply.page(
        <PortaalPage t={request.t} current={current} title={title} organisatie={organisatie.naam}>
          {body}
        </PortaalPage>,
        { title: options.errors ? `${request.t('form.errors.title')}: ${title}` : title, status: options.status ?? 200 },
      );
    };

    /** A typed webhook or JWKS address Voordeur may call: https, and on the internet by its name and by every address the name resolves to. */
    async function usableUrl(typed: string): Promise<{ url: string } | { error: MessageKey }> {
      if (!typed) return { error: 'leveranciers.url.leeg' };
      const url = publicHttpsUrl(typed);
      if (!url) return { error: 'leveranciers.url.error' };
      const found = await deps.addresses.check(url);
      if (found === 'private') return { error: 'leveranciers.url.intern' };
      if (found === 'unresolvable') return { error: 'leveranciers.url.onbekend' };
      return { url };
    }

    const audit = (session: LeverancierSession, handeling: string, detail?: string) =>
      aansluiting.audit(session.user.organisatieId, { id: session.user.id, naam: session.user.naam }, handeling, detail);

    app.get<{ Querystring: { reden?: string } }>('/leveranciers', async (request, reply) => {
      if (!request.leverancier) return loginPage(request, reply, request.query.reden);
      const found = await context(request, reply);
      if (!found) return reply;
      const [dagen, termijnen] = await Promise.all([aansluiting.perDag(found.organisatie.id, overzichtDagen), deps.bewaartermijnen.of(found.organisatie.id)]);
      return page(
        request,
        reply,
        '/leveranciers',
        'leveranciers.overzicht.title',
        found.organisatie,
        <>
          <OverzichtTable t={request.t} lang={request.lang} dagen={dagen} />
          <BewaartermijnSection t={request.t} termijnen={termijnen} />
        </>,
      );
    });

    // 2. Berichten not opened after N days.
    app.get<{ Querystring: { dagen?: string } }>('/leveranciers/berichten', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const typed = typeof request.query.dagen === 'string' ? request.query.dagen.trim().slice(0, 20) : String(defaultDagen);
      const dagen = /^\d{1,3}$/.test(typed) ? Number(typed) : Number.NaN;
      const render = (body: preact.ComponentChildren, status = 200, errors = 0) =>
        page(request, reply, '/leveranciers/berichten', 'leveranciers.berichten.title', found.organisatie, body, { status, errors });
      if (!(dagen >= 1 && dagen <= 365)) {
        return render(<OngeopendSection t={request.t} lang={request.lang} dagen={typed} error={request.t('leveranciers.berichten.dagen.error')} />, 400, 1);
      }
      const ongeopend = await aansluiting.ongeopend(found.organisatie.id, dagen);
      return render(<OngeopendSection t={request.t} lang={request.lang} dagen={String(dagen)} found={ongeopend} />);
    });

    // 3. The webhook and its failed deliveries.
    const webhookPage = async (request: FastifyRequest, reply: FastifyReply, organisatie: Organisatie, view: Partial<WebhookView>, status = 200) => {
      const [webhook, mislukt] = await Promise.all([organisaties.webhookOf(organisatie.id), aansluiting.mislukteWebhooks(organisatie.id, deps.webhookQueue)]);
      const full: WebhookView = { url: webhook?.url ?? null, mislukt, urlValue: '', ...view };
      return page(
        request,
        reply,
        '/leveranciers/webhook',
        'leveranciers.webhook.title',
        organisatie,
        <WebhookSection t={request.t} lang={request.lang} csrfToken={request.leverancier!.csrfToken} view={full} />,
        { status, errors: full.error ? 1 : 0 },
      );
    };

    app.get<{ Querystring: { gedaan?: string } }>('/leveranciers/webhook', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const gedaan = request.query.gedaan;
      const notice = gedaan === 'opnieuw' || gedaan === 'nietOpnieuw' || gedaan === 'verwijderd' ? gedaan : undefined;
      return webhookPage(request, reply, found.organisatie, notice ? { notice } : {});
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/webhook', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const typed = text(request.body?.url).slice(0, 2000);
      const usable = await usableUrl(typed);
      if ('error' in usable) return webhookPage(request, reply, found.organisatie, { urlValue: typed, error: request.t(usable.error) }, 400);
      const { url } = usable;
      const secret = randomBytes(32).toString('base64url');
      await organisaties.setWebhook(found.organisatie.id, { url, secret });
      await audit(found.session, 'webhookIngesteld', url);
      // The secret is shown on this answer only: it is not kept readable anywhere the portal shows.
      return webhookPage(request, reply, found.organisatie, { nieuwGeheim: secret });
    });

    app.post('/leveranciers/webhook/verwijderen', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      await organisaties.setWebhook(found.organisatie.id, null);
      await audit(found.session, 'webhookVerwijderd');
      return reply.redirect('/leveranciers/webhook?gedaan=verwijderd', 303);
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/webhook/opnieuw', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const jobId = text(request.body?.job);
      const done = await aansluiting.opnieuwProberen(found.organisatie.id, deps.webhookQueue, jobId, deps.jobs);
      if (done) await audit(found.session, 'webhookOpnieuw', jobId);
      return reply.redirect(`/leveranciers/webhook?gedaan=${done ? 'opnieuw' : 'nietOpnieuw'}`, 303);
    });

    // 4. Keys.
    const sleutelsPage = async (request: FastifyRequest, reply: FastifyReply, organisatie: Organisatie, view: Partial<SleutelsView>, status = 200) => {
      const [audits, certificaten] = await Promise.all([
        aansluiting.auditLog(organisatie.id),
        deps.certificaten ? organisaties.certificaten(organisatie.id) : undefined,
      ]);
      const added = organisatie.jwks.added ?? {};
      const full: SleutelsView = {
        keys: organisatie.jwks.keys.map((key) => {
          const kid = typeof key.kid === 'string' ? key.kid : '';
          const at = added[kid] ?? organisatie.createdAt;
          return { kid, alg: typeof key.alg === 'string' ? key.alg : '', toegevoegd: at ? new Date(at) : null };
        }),
        jwksUrl: organisatie.jwksUrl ?? null,
        ...(certificaten && { certificaten }),
        audit: audits,
        sleutel: '',
        jwksUrlValue: '',
        certificaat: '',
        errors: [],
        now: new Date(),
        ...view,
      };
      return page(
        request,
        reply,
        '/leveranciers/sleutels',
        'leveranciers.sleutels.title',
        organisatie,
        <SleutelsSection t={request.t} lang={request.lang} csrfToken={request.leverancier!.csrfToken} view={full} />,
        { status, errors: full.errors.length },
      );
    };

    app.get<{ Querystring: { gedaan?: string } }>('/leveranciers/sleutels', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const notice = sleutelsNotices.find((known) => known === request.query.gedaan);
      return sleutelsPage(request, reply, found.organisatie, notice ? { notice } : {});
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/sleutels', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const typed = typeof request.body?.sleutel === 'string' ? request.body.sleutel.slice(0, 20_000) : '';
      const parsed = await parsePublicKey(typed);
      const refuse = (key: MessageKey, keep: string) => {
        const errors: FieldError[] = [{ field: 'sleutel', message: request.t(key) }];
        return sleutelsPage(request, reply, found.organisatie, { sleutel: keep, errors }, 400);
      };
      // A private key is never shown again, not even to the one who pasted it.
      if (!parsed.ok) return refuse(`leveranciers.sleutels.error.${parsed.reason}` as MessageKey, parsed.reason === 'private' ? '' : typed);
      const { jwks } = found.organisatie;
      if (jwks.keys.some((key) => key.kid === parsed.jwk.kid)) return refuse('leveranciers.sleutels.error.bestaat', typed);
      await organisaties.setKeys(found.organisatie.id, {
        keys: [...jwks.keys, parsed.jwk],
        added: { ...(jwks.added ?? {}), [parsed.jwk.kid!]: new Date().toISOString() },
      });
      await audit(found.session, 'sleutelToegevoegd', parsed.jwk.kid);
      request.log.info({ organisatie: found.organisatie.id }, 'organisatie key added');
      return reply.redirect('/leveranciers/sleutels?gedaan=toegevoegd', 303);
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/sleutels/verwijderen', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const kid = text(request.body?.kid);
      const { jwks } = found.organisatie;
      if (!jwks.keys.some((key) => key.kid === kid)) {
        return sleutelsPage(
          request,
          reply,
          found.organisatie,
          { errors: [{ field: 'sleutel', message: request.t('leveranciers.sleutels.error.onbekend') }] },
          400,
        );
      }
      // Never the last key: without one, the organisation could no longer get a token.
      if (jwks.keys.length <= 1) {
        return sleutelsPage(
          request,
          reply,
          found.organisatie,
          { errors: [{ field: 'sleutel', message: request.t('leveranciers.sleutels.error.laatste') }] },
          400,
        );
      }
      const added = { ...(jwks.added ?? {}) };
      delete added[kid];
      await organisaties.setKeys(found.organisatie.id, { keys: jwks.keys.filter((key) => key.kid !== kid), added });
      await audit(found.session, 'sleutelVerwijderd', kid);
      return reply.redirect('/leveranciers/sleutels?gedaan=verwijderd', 303);
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/sleutels/jwks-url', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const typed = text(request.body?.jwksUrl).slice(0, 2000);
      const usable = await usableUrl(typed);
      if ('error' in usable) {
        const errors: FieldError[] = [{ field: 'jwksUrl', message: request.t(usable.error) }];
        return sleutelsPage(request, reply, found.organisatie, { jwksUrlValue: typed, errors }, 400);
      }
      const { url } = usable;
      await organisaties.setJwksUrl(found.organisatie.id, url);
      await audit(found.session, 'jwksUrlIngesteld', url);
      return reply.redirect('/leveranciers/sleutels?gedaan=jwksUrl', 303);
    });

    app.post('/leveranciers/sleutels/jwks-url/verwijderen', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      await organisaties.setJwksUrl(found.organisatie.id, null);
      await audit(found.session, 'jwksUrlVerwijderd');
      return reply.redirect('/leveranciers/sleutels?gedaan=jwksUrlVerwijderd', 303);
    });

    // Client certificates (mutual TLS), on the keys page when the API has mutual TLS.
    app.post<{ Body: Record<string, unknown> }>('/leveranciers/sleutels/certificaat', async (request, reply) => {
      if (!deps.certificaten) return reply.callNotFound();
      const found = await context(request, reply);
      if (!found) return reply;
      const typed = typeof request.body?.certificaat === 'string' ? request.body.certificaat.slice(0, 20_000) : '';
      const refuse = (key: MessageKey, keep: string, params?: Record<string, number>) => {
        const errors: FieldError[] = [{ field: 'certificaat', message: request.t(key, params) }];
        return sleutelsPage(request, reply, found.organisatie, { certificaat: keep, errors }, 400);
      };
      const parsed = parseCertificaat(typed, new Date());
      // A private key is never shown again, not even to the one who pasted it.
      if (!parsed.ok) return refuse(`leveranciers.certificaten.error.${parsed.reason}`, parsed.reason === 'private' ? '' : typed);
      const registered = await organisaties.certificaten(found.organisatie.id);
      if (registered.some((certificaat) => certificaat.thumbprint === parsed.certificaat.thumbprint))
        return refuse('leveranciers.certificaten.error.bestaat', typed);
      if (registered.length >= maxCertificaten) return refuse('leveranciers.certificaten.error.teVeel', typed, { max: maxCertificaten });
      await organisaties.addCertificaat(found.organisatie.id, parsed.certificaat);
      await audit(found.session, 'certificaatToegevoegd', parsed.certificaat.thumbprint);
      request.log.info({ organisatie: found.organisatie.id }, 'organisatie client certificate added');
      return reply.redirect('/leveranciers/sleutels?gedaan=certificaatToegevoegd#certificaten', 303);
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/sleutels/certificaat/verwijderen', async (request, reply) => {
      if (!deps.certificaten) return reply.callNotFound();
      const found = await context(request, reply);
      if (!found) return reply;
      const thumbprint = text(request.body?.thumbprint).slice(0, 100);
      if (!(await organisaties.removeCertificaat(found.organisatie.id, thumbprint))) {
        const errors: FieldError[] = [{ field: 'certificaat', message: request.t('leveranciers.certificaten.error.onbekend') }];
        return sleutelsPage(request, reply, found.organisatie, { errors }, 400);
      }
      await audit(found.session, 'certificaatVerwijderd', thumbprint);
      request.log.info({ organisatie: found.organisatie.id }, 'organisatie client certificate removed');
      return reply.redirect('/leveranciers/sleutels?gedaan=certificaatVerwijderd#certificaten', 303);
    });

    // 5. How long the berichten are kept.
    const bewaartermijnPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      organisatie: Organisatie,
      view: Partial<BewaartermijnView>,
      status = 200,
    ) => {
      const full: BewaartermijnView = { termijnen: await deps.bewaartermijnen.of(organisatie.id), berichtType: '', dagen: '', errors: [], ...view };
      return page(
        request,
        reply,
        '/leveranciers/bewaartermijn',
        'leveranciers.bewaartermijn.title',
        organisatie,
        <BewaartermijnPage t={request.t} lang={request.lang} csrfToken={request.leverancier!.csrfToken} view={full} />,
        { status, errors: full.errors.length },
      );
    };

    /** How many berichten the person confirmed may be deleted (0 when they were not asked). */
    const bevestigd = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0);

    /** A term changed (dagen) or removed (null), once confirmed when it deletes berichten already sent. */
    async function wijzig(
      request: FastifyRequest<{ Body: Record<string, unknown> }>,
      reply: FastifyReply,
      found: { session: LeverancierSession; organisatie: Organisatie },
      berichtType: string,
      dagen: number | null,
    ) {
      const done = await deps.bewaartermijnen.change(found.organisatie.id, berichtType, dagen, {
        now: new Date(),
        bevestigd: bevestigd(request.body?.bevestigd),
      });
      if (!done.gewijzigd)
        return bewaartermijnPage(request, reply, found.organisatie, { bevestigen: { berichtType, dagen, teVerwijderen: done.teVerwijderen } }, 409);
      await audit(
        found.session,
        dagen === null ? 'bewaartermijnVerwijderd' : 'bewaartermijnIngesteld',
        `berichtType=${berichtType || '*'}${dagen === null ? '' : ` dagen=${dagen}`}`,
      );
      request.log.info({ organisatie: found.organisatie.id }, 'organisatie retention changed');
      return reply.redirect(`/leveranciers/bewaartermijn?gedaan=${dagen === null ? 'verwijderd' : 'opgeslagen'}`, 303);
    }

    app.get<{ Querystring: { gedaan?: string } }>('/leveranciers/bewaartermijn', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const gedaan = request.query.gedaan;
      return bewaartermijnPage(request, reply, found.organisatie, gedaan === 'opgeslagen' || gedaan === 'verwijderd' ? { notice: gedaan } : {});
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/bewaartermijn', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const berichtType = text(request.body?.berichtType).slice(0, 100);
      const typedDagen = text(request.body?.dagen).slice(0, 20);
      const dagen = /^\d{1,6}$/.test(typedDagen) ? Number(typedDagen) : Number.NaN;
      const errors: FieldError[] = [];
      if (!berichtTypePattern.test(berichtType)) errors.push({ field: 'berichtType', message: request.t('leveranciers.bewaartermijn.berichtType.error') });
      if (!(dagen >= 1 && dagen <= maxBewaarDagen))
        errors.push({
          field: 'dagen',
          message: request.t('leveranciers.bewaartermijn.dagen.error', { max: maxBewaarDagen.toLocaleString(request.lang === 'nl' ? 'nl-NL' : 'en-GB') }),
        });
      if (errors.length) return bewaartermijnPage(request, reply, found.organisatie, { berichtType, dagen: typedDagen, errors }, 400);
      return wijzig(request, reply, found, berichtType, dagen);
    });

    app.post<{ Body: Record<string, unknown> }>('/leveranciers/bewaartermijn/verwijderen', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      const berichtType = text(request.body?.berichtType).slice(0, 100);
      const termijnen = await deps.bewaartermijnen.of(found.organisatie.id);
      if (!termijnen.some((termijn) => termijn.berichtType === berichtType)) {
        const errors: FieldError[] = [{ field: 'berichtType', message: request.t('leveranciers.bewaartermijn.onbekend') }];
        return bewaartermijnPage(request, reply, found.organisatie, { errors }, 400);
      }
      return wijzig(request, reply, found, berichtType, null);
    });

    // 6. Documentation.
    app.get('/leveranciers/documentatie', async (request, reply) => {
      const found = await context(request, reply);
      if (!found) return reply;
      return page(
        request,
        reply,
        '/leveranciers/documentatie',
        'leveranciers.docs.title',
        found.organisatie,
        <DocumentatieSection t={request.t} lang={request.lang} organisatieId={found.organisatie.id} apiUrl={deps.apiUrl} mtls={deps.certificaten} />,
      );
    });
  };
}
