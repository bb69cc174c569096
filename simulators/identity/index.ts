/**
 * The DigiD/eHerkenning login simulator: an OpenID Connect provider (oidc-provider) with its own
 * login pages, standing in for a broker such as Keycloak in front of DigiD and eHerkenning.
 *
 * - `kc_idp_hint=digid|eherkenning` on the authorization request chooses the page (default
 *   digid), as with a Keycloak broker.
 * - A login always shows the page, also when the browser still has a session here: like DigiD,
 *   the simulator does no single sign-on. There is no consent screen.
 * - The ID token carries `sub` (opaque, stable), and `bsn`, `name`, `gemachtigde_bsn`,
 *   `gemachtigde_name` and `machtigingen` (DigiD: everyone the person who logged in may act for,
 *   [{bsn, name, rol?}]) or `kvk`, `vestiging`, `name` (eHerkenning).
 * - RP-initiated logout with a Dutch confirmation page that works without JavaScript.
 *
 * Mounted at the issuer's path: oidc-provider gets the raw Node request in its own Fastify scope
 * without body parsers; the login pages are ordinary Fastify routes next to it.
 */
import { generateKeyPair, type KeyObject, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account, ErrorOut, Interaction, KoaContextWithOIDC } from 'oidc-provider';
import { isValidBsn, isValidKvkNummer, isValidVestigingsnummer } from '../../src/domain/bsn.ts';
import { registerSimulatorAssets } from '../shared/page.tsx';
import type { FieldError } from '../shared/page.tsx';
import { AccountStore, identityClaimNames } from './accounts.ts';
import type { SimulatedLogin } from './accounts.ts';
import { createMemoryAdapter } from './memory-adapter.ts';
import { findTestMedewerker } from '../data/test-identities.ts';
import { digidPage, eherkenningPage, errorPage, leverancierPage, loggedOutPage, logoutPage, medewerkerPage } from './views.tsx';
import { findTestLeverancier } from '../data/test-leveranciers.ts';
import type { DigidFormValues, EherkenningFormValues } from './views.tsx';

export interface IdentitySimulatorClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
}

export interface IdentitySimulatorOptions {
  /** E.g. http://localhost:3001/oidc — the provider is mounted at the issuer's path. */
  issuer: string;
  clients: IdentitySimulatorClient[];
}

type LoginMethod = 'digid' | 'eherkenning' | 'medewerker' | 'leverancier';

const messages = {
  bsnMissing: 'Vul een BSN in.',
  bsnInvalid: 'Dit is geen geldig BSN. Een BSN heeft 9 cijfers en moet kloppen volgens de elfproef.',
  gemachtigdeMissing: 'Vul uw eigen BSN in.',
  gemachtigdeInvalid: 'Uw eigen BSN is niet geldig. Een BSN heeft 9 cijfers en moet kloppen volgens de elfproef.',
  vertegenwoordigdeMissing: 'Vul het BSN in van de persoon voor wie u iets regelt.',
  vertegenwoordigdeInvalid: 'Het BSN van de persoon voor wie u iets regelt is niet geldig. Een BSN heeft 9 cijfers en moet kloppen volgens de elfproef.',
  vertegenwoordigdeSame: 'Vul het BSN in van iemand anders. U kunt niet gemachtigd zijn voor uzelf.',
  kvkMissing: 'Vul een KvK-nummer in.',
  kvkInvalid: 'Dit is geen geldig KvK-nummer. Een KvK-nummer heeft 8 cijfers.',
  vestigingInvalid: 'Dit is geen geldig vestigingsnummer. Een vestigingsnummer heeft 12 cijfers.',
};

/** Dutch explanations of oidc-provider's error codes, for the person who sees the error page. */
const errorMessages: Record<string, string> = {
  invalid_request: 'Het verzoek om in te loggen klopt niet.',
  invalid_client: 'De website waar u vandaan komt, is niet bekend bij de inlogsimulator.',
  unauthorized_client: 'De website waar u vandaan komt, mag deze manier van inloggen niet gebruiken.',
  invalid_redirect_uri: 'Het adres waar u na het inloggen naartoe zou gaan, is niet bekend bij de inlogsimulator.',
  invalid_scope: 'De website vraagt om gegevens die de inlogsimulator niet kent.',
  unsupported_response_type: 'De website vraagt om een manier van inloggen die de inlogsimulator niet kent.',
  session_not_found: 'Uw inlogpoging is verlopen of niet meer te vinden.',
  access_denied: 'Het inloggen is gestopt.',
  server_error: 'Er ging iets mis in de inlogsimulator.',
};

/** Spaces and dots are allowed while typing a number ("9999 93 653"); they are not part of it. */
const digitsOnly = (value: string) => value.replace(/[\s.]/g, '');

function field(body: unknown, name: string): string {
  if (body === null || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

function epochNow(): number {
  return Math.floor(Date.now() / 1000);
}

function methodOf(interaction: Interaction): LoginMethod {
  const hint = interaction.params.kc_idp_hint;
  return hint === 'eherkenning' || hint === 'medewerker' || hint === 'leverancier' ? hint : 'digid';
}

/** The claim names asked for with the `claims` request parameter, if any. */
function requestedClaims(claimsParameter: unknown): string[] {
  if (typeof claimsParameter !== 'string' || claimsParameter === '') return [];
  try {
    const parsed = JSON.parse(claimsParameter) as { id_token?: object; userinfo?: object };
    return [...Object.keys(parsed.id_token ?? {}), ...Object.keys(parsed.userinfo ?? {})];
  } catch {
    return [];
  }
}

/** A new RSA key, made on the thread pool: the event loop serves Voordeur's first page meanwhile. */
async function signingKey(): Promise<Record<string, unknown>> {
  const privateKey = await new Promise<KeyObject>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, _publicKey, key) => (error ? reject(error) : resolve(key))),
  );
  return { ...privateKey.export({ format: 'jwk' }), kid: `sim-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
}

/** Registers the provider (and its login pages) on a Fastify instance, mounted at new URL(issuer).pathname. */
export async function registerIdentitySimulator(app: FastifyInstance, options: IdentitySimulatorOptions): Promise<void> {
  // Loaded here, not at the top: as a static import it was loaded (~0.3 s) before Voordeur's first page in `npm start`.
  const { default: Provider, interactionPolicy } = await import('oidc-provider');
  const prefix = new URL(options.issuer).pathname.replace(/\/+$/, '');
  const interactionBase = `${prefix}/interaction`;
  const accounts = new AccountStore();

  const html = (ctx: KoaContextWithOIDC, body: string) => {
    ctx.type = 'html';
    ctx.body = body;
  };

  // Like DigiD itself, the simulator asks who you are on every authorization request, even when
  // this browser still has a session here (after an idle logout at the portal, for instance).
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('simulator_always_login', 'the simulator asks who logs in on every request', (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = new Provider(options.issuer, {
    adapter: createMemoryAdapter(),
    clients: options.clients.map((client) => ({
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: client.redirect_uris,
      post_logout_redirect_uris: client.post_logout_redirect_uris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    })),
    jwks: { keys: [await signingKey()] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid'],
    claims: { openid: ['sub', ...identityClaimNames] },
    conformIdTokenClaims: false,
    extraParams: ['kc_idp_hint'],
    async findAccount(_ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> {
      const claims = accounts.claims(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...claims }) };
    },
    interactions: {
      policy,
      url: (_ctx: KoaContextWithOIDC, interaction: Interaction) => `${interactionBase}/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => html(ctx, logoutPage({ assetsPrefix: prefix, form })),
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => html(ctx, loggedOutPage({ assetsPrefix: prefix })),
      },
    },
    renderError: async (ctx: KoaContextWithOIDC, out: ErrorOut) => {
      html(
        ctx,
        errorPage({
          assetsPrefix: prefix,
          message: errorMessages[out.error] ?? errorMessages.server_error!,
          code: out.error,
          ...(out.error_description ? { description: out.error_description } : {}),
        }),
      );
    },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      Session: 12 * 60 * 60,
      Grant: 12 * 60 * 60,
    },
  });

  provider.on('server_error', (_ctx, error) => app.log.error({ err: error }, 'identity simulator: server error'));

  // oidc-provider itself: the raw request, untouched by Fastify's body parsers. Its router knows
  // paths without the mount path; it finds the mount path again from req.originalUrl.
  const callback = provider.callback();
  await app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
      scope.all('/*', async (request, reply) => {
        reply.hijack();
        const raw = request.raw as IncomingMessage & { originalUrl?: string };
        const url = raw.url ?? '/';
        const rest = url.slice(prefix.length);
        raw.originalUrl = url;
        raw.url = rest.startsWith('/') ? rest : `/${rest}`;
        await callback(raw, reply.raw);
      });
    },
    { prefix },
  );

  // The simulator's own pages: the login forms and the CSS.
  await app.register(async (scope) => {
    await scope.register(formbody);
    registerSimulatorAssets(scope, prefix);

    const sendPage = (reply: FastifyReply, status: number, body: string) =>
      reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

    /** The interaction of this browser, or an error page when it has expired or does not match the URL. */
    async function loadInteraction(request: FastifyRequest, reply: FastifyReply): Promise<Interaction | undefined> {
      const { uid } = request.params as { uid: string };
      try {
        const interaction = await provider.interactionDetails(request.raw, reply.raw);
        if (interaction.uid === uid) return interaction;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'SessionNotFound')) throw error;
      }
      sendPage(reply, 400, errorPage({ assetsPrefix: prefix, message: errorMessages.session_not_found! }));
      return undefined;
    }

    /** Ends the interaction: the login, and a grant for what the client asked (no consent screen). */
    async function finish(request: FastifyRequest, reply: FastifyReply, interaction: Interaction, login: SimulatedLogin) {
      const accountId = accounts.register(login);
      if (interaction.session && interaction.session.accountId !== accountId) {
        // Someone else logged in earlier in this browser. End that session here, so that
        // oidc-provider does not show its own (English) "switching accounts" page.
        if (interaction.session.cookie) await (await provider.Session.find(interaction.session.cookie))?.destroy();
        interaction.session = undefined;
        await interaction.save(Math.max(interaction.exp - epochNow(), 1));
      }
      const grant = new provider.Grant({ accountId, clientId: interaction.params.client_id });
      grant.addOIDCScope([...new Set(['openid', ...(interaction.params.scope ?? '').split(' ').filter(Boolean)])].join(' '));
      const claims = requestedClaims(interaction.params.claims);
      if (claims.length > 0) grant.addOIDCClaims(claims);
      const grantId = await grant.save();
      const returnTo = await provider.interactionResult(
        request.raw,
        reply.raw,
        { login: { accountId, remember: false }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
    }

    const pageContext = (interaction: Interaction) => ({ assetsPrefix: prefix, interactionUrl: `${interactionBase}/${interaction.uid}` });

    scope.get(`${interactionBase}/:uid`, async (request, reply) => {
      const interaction = await loadInteraction(request, reply);
      if (!interaction) return reply;
      const ctx = pageContext(interaction);
      const method = methodOf(interaction);
      if (method === 'leverancier') return sendPage(reply, 200, leverancierPage(ctx));
      return sendPage(reply, 200, method === 'eherkenning' ? eherkenningPage(ctx) : method === 'medewerker' ? medewerkerPage(ctx) : digidPage(ctx));
    });

    scope.post(`${interactionBase}/:uid/leverancier`, async (request, reply) => {
      const interaction = await loadInteraction(request, reply);
      if (!interaction) return reply;
      const id = field(request.body, 'leverancier');
      if (!findTestLeverancier(id)) return sendPage(reply, 400, leverancierPage(pageContext(interaction)));
      return finish(request, reply, interaction, { method: 'leverancier', id });
    });

    scope.post(`${interactionBase}/:uid/medewerker`, async (request, reply) => {
      const interaction = await loadInteraction(request, reply);
      if (!interaction) return reply;
      const id = field(request.body, 'medewerker');
      if (!findTestMedewerker(id)) return sendPage(reply, 400, medewerkerPage(pageContext(interaction)));
      return finish(request, reply, interaction, { method: 'medewerker', id });
    });

    scope.post(`${interactionBase}/:uid/digid`, async (request, reply) => {
      const interaction = await loadInteraction(request, reply);
      if (!interaction) return reply;
      const typed = field(request.body, 'bsn');
      const bsn = digitsOnly(typed);
      if (!isValidBsn(bsn)) {
        const errors: FieldError[] = [{ field: 'bsn', message: bsn === '' ? messages.bsnMissing : messages.bsnInvalid }];
        const values: DigidFormValues = { bsn: typed };
        return sendPage(reply, 400, digidPage({ ...pageContext(interaction), values, errors }));
      }
      return finish(request, reply, interaction, { method: 'digid', bsn });
    });

    scope.post(`${interactionBase}/:uid/machtiging`, async (request, reply) => {
      const interaction = await loadInteraction(request, reply);
      if (!interaction) return reply;
      const values: DigidFormValues = {
        gemachtigdeBsn: field(request.body, 'gemachtigde_bsn'),
        vertegenwoordigdeBsn: field(request.body, 'vertegenwoordigde_bsn'),
      };
      const gemachtigde = digitsOnly(values.gemachtigdeBsn ?? '');
      const vertegenwoordigde = digitsOnly(values.vertegenwoordigdeBsn ?? '');
      const errors: FieldError[] = [];
      if (!isValidBsn(gemachtigde)) {
        errors.push({ field: 'gemachtigde-bsn', message: gemachtigde === '' ? messages.gemachtigdeMissing : messages.gemachtigdeInvalid });
      }
      if (!isValidBsn(vertegenwoordigde)) {
        errors.push({
          field: 'vertegenwoordigde-bsn',
          message: vertegenwoordigde === '' ? messages.vertegenwoordigdeMissing : messages.vertegenwoordigdeInvalid,
        });
      } else if (vertegenwoordigde === gemachtigde) {
        errors.push({ field: 'vertegenwoordigde-bsn', message: messages.vertegenwoordigdeSame });
      }
      if (errors.length > 0) return sendPage(reply, 400, digidPage({ ...pageContext(interaction), values, errors }));
      return finish(request, reply, interaction, { method: 'digid', bsn: vertegenwoordigde, gemachtigdeBsn: gemachtigde });
    });

    scope.post(`${interactionBase}/:uid/eherkenning`, async (request, reply) => {
      const interaction = await loadInteraction(request, reply);
      if (!interaction) return reply;
      const values: EherkenningFormValues = { kvk: field(request.body, 'kvk'), vestiging: field(request.body, 'vestiging') };
      const kvk = digitsOnly(values.kvk ?? '');
      const vestiging = digitsOnly(values.vestiging ?? '');
      const errors: FieldError[] = [];
      if (!isValidKvkNummer(kvk)) errors.push({ field: 'kvk', message: kvk === '' ? messages.kvkMissing : messages.kvkInvalid });
      if (vestiging !== '' && !isValidVestigingsnummer(vestiging)) errors.push({ field: 'vestiging', message: messages.vestigingInvalid });
      if (errors.length > 0) return sendPage(reply, 400, eherkenningPage({ ...pageContext(interaction), values, errors }));
      return finish(request, reply, interaction, { method: 'eherkenning', kvk, ...(vestiging !== '' ? { vestiging } : {}) });
    });

    scope.post(`${interactionBase}/:uid/annuleren`, async (request, reply) => {
      const interaction = await loadInteraction(request, reply);
      if (!interaction) return reply;
      const returnTo = await provider.interactionResult(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
      return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
    });
  });
}
