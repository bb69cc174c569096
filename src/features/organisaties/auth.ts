/**
 * OAuth 2.0 client credentials with a signed client assertion (RFC 7523, `private_key_jwt`): an
 * organisation signs a short JWT with its private key; Voordeur checks it with the public keys
 * registered for that organisation (issuer = subject = its id, audience = the token URL, a jti
 * used once, at most 5 minutes valid) and answers with an access token for 5 minutes. The access
 * token is a JWT signed by Voordeur (HS256, a key derived from IDENTITY_KEY_SECRET), so every
 * instance can check it without a shared store.
 *
 * Optionally with mutual TLS (RFC 8705): an organisation that registered client certificates in
 * the leveranciersportaal gets a token only when it asks over TLS with one of them, and that token
 * carries the certificate's thumbprint (`cnf.x5t#S256`): every call with it must come over the same
 * certificate, so a token that leaks is of no use without the certificate's private key.
 */
import { hkdfSync } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, decodeJwt, errors, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import type { PublicAddresses } from '../../platform/http/public-address.ts';
import type { Organisaties } from '../../sources/voordeur/organisaties.ts';
import { thumbprint } from './certificaat.ts';

export const accessTokenSeconds = 300;
const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const audience = 'voordeur-organisatie-api';

export type TokenOutcome =
  | { ok: true; accessToken: string }
  | { ok: false; error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type'; description: string };

/** Whose access token a call carries; `certificaat` when it is bound to a certificate the call did not come with. */
export type CallerOutcome = { ok: true; organisatie: string } | { ok: false; reason: 'token' | 'certificaat' };

export class OrganisatieAuth {
  private readonly key: Uint8Array;
  /** The JWKS URLs organisations publish their keys at, each fetched and cached by jose (refetched for an unknown kid). */
  private readonly remote = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly organisaties: Organisaties,
    /** The token endpoint's public URL: the audience every assertion must name. */
    private readonly tokenUrl: string,
    secret: string,
    /** Where a JWKS URL may lead: only to the internet (unless private addresses are allowed). */
    private readonly addresses: PublicAddresses,
    /** Whether the proxy in front passes client certificates (ORGANISATIE_API_CLIENT_CERT_HEADER). */
    private readonly clientCertificates = false,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', secret, 'voordeur', 'organisatie-api access token', 32));
  }

  /**
   * The token request of RFC 6749 §4.4 with a client assertion (RFC 7523 §2.2); `certificate`: the
   * DER of the client certificate the request came with over mutual TLS, if any.
   */
  async token(form: Record<string, unknown>, certificate: Buffer | null = null): Promise<TokenOutcome> {
    if (form.grant_type !== 'client_credentials') return { ok: false, error: 'unsupported_grant_type', description: 'grant_type must be client_credentials' };
    if (form.client_assertion_type !== assertionType || typeof form.client_assertion !== 'string')
      return { ok: false, error: 'invalid_request', description: `client_assertion_type must be ${assertionType}, with a client_assertion` };
    const refused = (description: string): TokenOutcome => ({ ok: false, error: 'invalid_client', description });
    let issuer: unknown;
    try {
      issuer = decodeJwt(form.client_assertion).iss;
    } catch {
      return refused('client_assertion is not a JWT');
    }
    const organisatie = typeof issuer === 'string' ? await this.organisaties.get(issuer) : null;
    if (!organisatie) return refused('unknown client');
    try {
      const { payload } = await jwtVerify(form.client_assertion, this.keysOf(organisatie), {
        issuer: organisatie.id,
        subject: organisatie.id,
        audience: this.tokenUrl,
        algorithms: ['RS256', 'PS256', 'ES256'],
        maxTokenAge: '5m',
        requiredClaims: ['exp', 'iat', 'jti'],
      });
      if (typeof payload.jti !== 'string' || !(await this.organisaties.useAssertion(organisatie.id, payload.jti, new Date(payload.exp! * 1000))))
        return refused('client_assertion was used before');
    } catch (error) {
      if (error instanceof errors.JOSEError) return refused(`client_assertion refused: ${error.code}`);
      throw error;
    }
    const binding = await this.bindingOf(organisatie.id, certificate);
    if ('refused' in binding) return refused(binding.refused);
    const accessToken = await new SignJWT(binding.x5t ? { cnf: { 'x5t#S256': binding.x5t } } : {})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(organisatie.id)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${accessTokenSeconds}s`)
      .sign(this.key);
    return { ok: true, accessToken };
  }

  /**
   * The registered keys; with a JWKS URL, the keys published there too (a key the registered ones
   * do not have is looked up there, so that an organisation can rotate by publishing).
   */
  private keysOf(organisatie: { jwks: { keys: Record<string, unknown>[] }; jwksUrl?: string }): JWTVerifyGetKey {
    const local = createLocalJWKSet({ keys: organisatie.jwks.keys } as Parameters<typeof createLocalJWKSet>[0]);
    const url = organisatie.jwksUrl;
    if (!url) return local;
    let remote = this.remote.get(url);
    if (!remote) {
      remote = createRemoteJWKSet(new URL(url), {
        timeoutDuration: 5000,
        cooldownDuration: 30_000,
        // Resolved and checked on each fetch: a name that now points inside is not followed.
        [customFetch]: (target: string, init: RequestInit) => this.addresses.fetch(target, init),
      });
      this.remote.set(url, remote);
    }
    const published = remote;
    return async (header, token) => {
      try {
        return await local(header, token);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        return published(header, token);
      }
    };
  }

  /**
   * The certificate a token is bound to: none when the organisation registered none; otherwise the
   * one the request came with, which must be registered and valid now. Without a proxy passing
   * certificates an organisation that registered one gets no token at all (it asked for binding).
   */
  private async bindingOf(organisatieId: string, certificate: Buffer | null): Promise<{ x5t?: string } | { refused: string }> {
    const registered = await this.organisaties.certificaten(organisatieId);
    if (registered.length === 0) return {};
    if (!this.clientCertificates)
      return { refused: 'this organisation registered client certificates, but this server does not receive them: ask its operator' };
    if (!certificate) return { refused: 'a client certificate is required: call over mutual TLS with a certificate registered in the leveranciersportaal' };
    const x5t = thumbprint(certificate);
    const found = registered.find((registration) => registration.thumbprint === x5t);
    if (!found) return { refused: 'the client certificate is not registered for this organisation' };
    const at = new Date();
    if (at < found.geldigVanaf || at > found.geldigTot) return { refused: 'the client certificate is not valid now' };
    return { x5t };
  }

  /**
   * The organisation an `Authorization: Bearer …` header is for, when it is a valid access token
   * and, if that token is bound to a certificate, the call came with that certificate (`presented`,
   * read only for a bound token).
   */
  async callerOf(authorization: string | undefined, presented: () => Buffer | null = () => null): Promise<CallerOutcome> {
    const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: 'token' };
    let payload: { sub?: string; cnf?: unknown };
    try {
      ({ payload } = await jwtVerify(token, this.key, { audience, algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] }));
    } catch {
      return { ok: false, reason: 'token' };
    }
    if (!payload.sub) return { ok: false, reason: 'token' };
    const bound = (payload.cnf as { 'x5t#S256'?: unknown } | undefined)?.['x5t#S256'];
    if (bound !== undefined) {
      const certificate = presented();
      if (!certificate || thumbprint(certificate) !== bound) return { ok: false, reason: 'certificaat' };
    }
    return { ok: true, organisatie: payload.sub };
  }
}
