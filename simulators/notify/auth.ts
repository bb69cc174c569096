/**
 * Notify's API authentication (notifications-api auth.py, as NotifyNL runs it). An API key is
 * `{key_name}-{service_id}-{secret}`; the client sends `Authorization: Bearer <JWT>`, signed HS256
 * with the secret, with `iss` = service id and `iat` = now. Notify refuses a token whose iat is
 * more than 30 seconds off its own clock, in either direction. The answers are Notify's own:
 * 401 without a bearer token, 403 AuthError with its message otherwise.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';

export interface NotifyService {
  serviceId: string;
  secret: string;
}

export type NotifyAuthResult = { ok: true; serviceId: string } | { ok: false; status: 401 | 403; message: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);

/** Seconds the token's iat may differ from the clock (notifications-python-client's __bound__). */
const clockSkewSeconds = 30;

const generalTokenError = 'Invalid token: make sure your API token matches the example at https://docs.notifynl.nl';

/** The API key the official clients take, for a service of the simulator. */
export function apiKey(service: NotifyService, keyName = 'voordeur'): string {
  return `${keyName}-${service.serviceId}-${service.secret}`;
}

export function createNotifyAuthenticator(services: NotifyService[], clock: () => number = Date.now) {
  const secrets = new Map<string, Uint8Array[]>();
  for (const { serviceId, secret } of services) {
    const id = serviceId.toLowerCase();
    secrets.set(id, [...(secrets.get(id) ?? []), new TextEncoder().encode(secret)]);
  }

  return async (authorization: string | undefined): Promise<NotifyAuthResult> => {
    if (!authorization) return { ok: false, status: 401, message: 'Unauthorized: authentication token must be provided' };
    if (authorization.slice(0, 7).toLowerCase() !== 'bearer ') {
      return { ok: false, status: 401, message: 'Unauthorized: authentication bearer scheme must be used' };
    }
    const token = authorization.slice(7);
    let claims: Record<string, unknown>;
    let algorithm: unknown;
    try {
      claims = decodeJwt(token);
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      return { ok: false, status: 403, message: generalTokenError };
    }
    const issuer = claims.iss;
    if (typeof issuer !== 'string' || issuer === '') return { ok: false, status: 403, message: 'Invalid token: iss field not provided' };
    if (!isUuid(issuer)) return { ok: false, status: 403, message: 'Invalid token: service id is not the right data type' };
    const keys = secrets.get(issuer.toLowerCase());
    if (!keys) return { ok: false, status: 403, message: 'Invalid token: service not found' };
    if (algorithm !== 'HS256') return { ok: false, status: 403, message: 'Invalid token: algorithm used is not HS256' };

    for (const key of keys) {
      try {
        await compactVerify(token, key, { algorithms: ['HS256'] });
      } catch {
        continue;
      }
      // Without iat Notify tries the next key and ends with "API key not found" (auth.py).
      if (typeof claims.iat !== 'number') continue;
      if (Math.abs(clock() / 1000 - claims.iat) > clockSkewSeconds) {
        return { ok: false, status: 403, message: 'Error: Your system clock must be accurate to within 30 seconds' };
      }
      return { ok: true, serviceId: issuer.toLowerCase() };
    }
    return { ok: false, status: 403, message: 'Invalid token: API key not found' };
  };
}
