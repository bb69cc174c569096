/**
 * The relying party: authorization code flow with PKCE, state and nonce, against any OpenID
 * Connect provider (a broker such as Keycloak or Signicat in front of DigiD/eHerkenning, or the
 * simulator in demo mode). Discovery happens on first use and is retried after a failure, so
 * Voordeur starts even when the provider is briefly unreachable.
 */
import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import { type Identity, type LoginMethod, type Machtiging, type MachtigingRol, machtigingRollen } from '../../domain/identity.ts';
import { isValidBsn, isValidKvkNummer, isValidVestigingsnummer } from '../../domain/bsn.ts';
import type { Metrics } from '../metrics.ts';

export class LoginUnavailableError extends Error {
  override name = 'LoginUnavailableError';
}

/** The ID token did not say who logged in in a way Voordeur can use. */
export class UnusableClaimsError extends Error {
  override name = 'UnusableClaimsError';
}

export interface LoginStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Where and as whom to log in; `authParams` per kind of login (e.g. digid, eherkenning, or medewerker). */
export interface OidcSettings<M extends string> {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  scope: string;
  allowInsecureIssuer: boolean;
  authParams: Record<M, Record<string, string>>;
}

/** One relying party per login: residents (DigiD/eHerkenning) and staff (the medewerkersportaal) each have their own. */
export class OidcClient<M extends string = LoginMethod> {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly oidc: OidcSettings<M>,
    readonly redirectUri: string,
    private readonly postLogoutRedirectUri: string,
    private readonly metrics: Metrics,
  ) {}

  private discover(): Promise<client.Configuration> {
    this.configuration ??= this.metrics
      .timeSource('oidc', () =>
        client.discovery(this.oidc.issuer, this.oidc.clientId, this.oidc.clientSecret, undefined, {
          execute: this.oidc.allowInsecureIssuer ? [client.allowInsecureRequests] : [],
          timeout: 5,
        }),
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new LoginUnavailableError(`OpenID Connect discovery failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
    return this.configuration;
  }

  async start(method: M): Promise<LoginStart> {
    const configuration = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      ...this.oidc.authParams[method],
      redirect_uri: this.redirectUri,
      scope: this.oidc.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code for the ID token's claims; throws a client.ResponseBodyError / AuthorizationResponseError when the provider refuses. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<{ claims: Record<string, unknown>; idToken: string }> {
    const configuration = await this.discover();
    const tokens = await this.metrics.timeSource('oidc', () =>
      client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      }),
    );
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new UnusableClaimsError('no ID token');
    return { claims, idToken: tokens.id_token };
  }

  async logoutUrl(idToken: string | null): Promise<URL | undefined> {
    try {
      const configuration = await this.discover();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: this.postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : { client_id: this.oidc.clientId }),
      });
    } catch {
      return undefined;
    }
  }
}

/** Maps a resident's claims (names configured in OIDC_CLAIM_*) to an Identity, refusing anything that is not a valid number. */
export function residentIdentity(claims: Record<string, unknown>, method: LoginMethod, names: Config['oidc']['claims']): Identity {
  const text = (name: string) => (typeof claims[name] === 'string' && claims[name] !== '' ? (claims[name] as string) : undefined);
  const subjectName = text(names.name);
  if (method === 'digid') {
    const bsn = text(names.bsn);
    if (!bsn || !isValidBsn(bsn)) throw new UnusableClaimsError(`claim ${names.bsn} is missing or not a valid BSN`);
    const actorBsn = text(names.gemachtigdeBsn);
    if (actorBsn !== undefined && !isValidBsn(actorBsn)) throw new UnusableClaimsError(`claim ${names.gemachtigdeBsn} is not a valid BSN`);
    const acting = actorBsn !== undefined && actorBsn !== bsn;
    const self = acting ? actorBsn : bsn;
    // Whom the person who logged in may act for; the one the login chose is among them.
    const machtigingen = machtigingenOf(claims[names.machtigingen]).filter((m) => m.bsn !== self);
    if (acting && !machtigingen.some((m) => m.bsn === bsn)) machtigingen.unshift({ bsn, ...(subjectName ? { name: subjectName } : {}) });
    const rol = acting ? machtigingen.find((m) => m.bsn === bsn)?.rol : undefined;
    return {
      method,
      subject: { type: 'persoon', bsn },
      ...(subjectName ? { subjectName } : {}),
      ...(acting ? { actor: { bsn: actorBsn, ...(text(names.gemachtigdeName) ? { name: text(names.gemachtigdeName) } : {}), ...(rol ? { rol } : {}) } } : {}),
      ...(machtigingen.length > 0 ? { machtigingen } : {}),
    };
  }
  const kvkNummer = text(names.kvk);
  if (!kvkNummer || !isValidKvkNummer(kvkNummer)) throw new UnusableClaimsError(`claim ${names.kvk} is missing or not a valid KvK number`);
  const vestigingsnummer = text(names.vestiging);
  if (vestigingsnummer !== undefined && !isValidVestigingsnummer(vestigingsnummer))
    throw new UnusableClaimsError(`claim ${names.vestiging} is not a valid vestigingsnummer`);
  return {
    method,
    subject: { type: 'bedrijf', kvkNummer, ...(vestigingsnummer ? { vestigingsnummer } : {}) },
    ...(subjectName ? { subjectName } : {}),
  };
}

/**
 * The machtigingen claim: a JSON array (or a string holding one) of {bsn, name?, rol?}. Entries
 * that are not a valid BSN are left out, as is a rol Voordeur does not know; nothing else in the
 * claim is trusted.
 */
export function machtigingenOf(claim: unknown): Machtiging[] {
  let value = claim;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const result: Machtiging[] = [];
  for (const entry of value) {
    if (entry === null || typeof entry !== 'object') continue;
    const { bsn, name, rol } = entry as Record<string, unknown>;
    if (typeof bsn !== 'string' || !isValidBsn(bsn) || seen.has(bsn)) continue;
    seen.add(bsn);
    result.push({
      bsn,
      ...(typeof name === 'string' && name.trim() !== '' ? { name: name.trim().slice(0, 200) } : {}),
      ...(typeof rol === 'string' && (machtigingRollen as readonly string[]).includes(rol) ? { rol: rol as MachtigingRol } : {}),
    });
  }
  return result;
}
