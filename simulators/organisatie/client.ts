/**
 * An organisation as a client of Voordeur's organisation API, as the demo, the tests and the
 * benchmark use it: a key pair whose public half the operator registers, a client assertion
 * signed with the private half (RFC 7523), and the token request that exchanges it.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface OrganisatieKey {
  privateKey: CryptoKey;
  /** The public key as a JWK Set, to register (npm run beheer -- organisatie, or Organisaties.save). */
  jwks: { keys: Record<string, unknown>[] };
}

export async function organisatieKey(kid = 'k1'): Promise<OrganisatieKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256' }] } };
}

/** A client assertion of organisation `id` for the token URL `audience`, valid 2 minutes. */
export function clientAssertion(key: OrganisatieKey, id: string, audience: string, jti: string = randomUUID()): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: String(key.jwks.keys[0]!.kid) })
    .setIssuer(id)
    .setSubject(id)
    .setAudience(audience)
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(key.privateKey);
}

/** The token request's form (RFC 6749 §4.4 with a client assertion, RFC 7523). */
export function tokenForm(assertion: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
}

/**
 * POST /token at `api` with a client assertion: the status and the answer (access_token, or error).
 * `headers`: more to send, e.g. the client certificate a TLS-terminating proxy passes on.
 */
export async function requestToken(
  api: string,
  assertion: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { access_token?: string; error?: string; error_description?: string } }> {
  const response = await fetch(`${api}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: tokenForm(assertion),
  });
  return { status: response.status, body: (await response.json()) as { access_token?: string; error?: string; error_description?: string } };
}
