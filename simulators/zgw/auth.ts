/**
 * ZGW authorisation as the ZGW APIs do it ("JWT-Claims" in the specs): every request carries
 * `Authorization: Bearer <JWT>`, signed HS256 with the secret of the client that its `client_id`
 * claim names. No token is a 401; a token that is not one of a known client's is a 403.
 * The simulator knows no scopes or autorisaties: a known client may read and create everything.
 * A token once verified is remembered for a minute (or until it expires), so that a client
 * reusing its token, as Voordeur does, costs no signature check per request.
 */
import { decodeJwt, jwtVerify } from 'jose';

export type AuthResult = { ok: true; clientId: string } | { ok: false; status: 401 | 403; detail: string };

export type Authenticator = (authorization: string | undefined) => Promise<AuthResult>;

export function createAuthenticator(clients: { clientId: string; secret: string }[]): Authenticator {
  const keys = new Map(clients.map((c) => [c.clientId, new TextEncoder().encode(c.secret)]));
  const verified = new Map<string, { clientId: string; until: number }>();

  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { ok: false, status: 401, detail: 'Authenticatiegegevens zijn niet opgegeven.' };
    const token = match[1]!;
    const known = verified.get(token);
    if (known && known.until > Date.now()) return { ok: true, clientId: known.clientId };
    let clientId: unknown;
    try {
      // Unverified: only to find the secret to verify with.
      clientId = decodeJwt(token).client_id;
    } catch {
      return { ok: false, status: 403, detail: 'Het token is geen geldige JWT.' };
    }
    const key = typeof clientId === 'string' ? keys.get(clientId) : undefined;
    if (!key) return { ok: false, status: 403, detail: 'De client_id in het token is niet bekend.' };
    let exp: number | undefined;
    try {
      exp = (await jwtVerify(token, key, { algorithms: ['HS256'] })).payload.exp;
    } catch {
      return { ok: false, status: 403, detail: 'De handtekening van het token is ongeldig of het token is verlopen.' };
    }
    if (verified.size >= 1_000) verified.clear();
    verified.set(token, { clientId: clientId as string, until: Math.min(Date.now() + 60_000, exp === undefined ? Infinity : exp * 1000) });
    return { ok: true, clientId: clientId as string };
  };
}
