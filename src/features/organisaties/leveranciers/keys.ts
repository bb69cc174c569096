/**
 * A public key as an organisation's staff paste it in the leveranciersportaal: a JWK (or a JWK
 * Set with one key) or a PEM public key or certificate. Private and secret keys are refused (and
 * never stored or logged); only keys the organisation API accepts (RSA of 2048 bits or more for
 * RS256/PS256, EC P-256 for ES256) are taken. The result is the public JWK with kid, alg and use.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

export type KeyRefusal = 'empty' | 'private' | 'invalid' | 'unsupported';
export type ParsedKey = { ok: true; jwk: Record<string, string> } | { ok: false; reason: KeyRefusal };

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
const maxLength = 16 * 1024;
const kidPattern = /^[A-Za-z0-9._:-]{1,100}$/;

export async function parsePublicKey(input: string): Promise<ParsedKey> {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > maxLength) return { ok: false, reason: 'invalid' };
  if (/PRIVATE KEY/.test(text)) return { ok: false, reason: 'private' };
  let key: KeyObject;
  let given: Record<string, unknown> = {};
  if (text.startsWith('-----BEGIN')) {
    try {
      key = createPublicKey(text);
    } catch {
      return { ok: false, reason: 'invalid' };
    }
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { keys?: unknown }).keys)) {
      const keys = (parsed as { keys: unknown[] }).keys;
      if (keys.length !== 1) return { ok: false, reason: 'invalid' };
      parsed = keys[0];
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'invalid' };
    given = parsed as Record<string, unknown>;
    if (privateMembers.some((member) => member in given)) return { ok: false, reason: 'private' };
    try {
      key = createPublicKey({ key: given as JWK & { kty: string }, format: 'jwk' });
    } catch {
      return { ok: false, reason: 'invalid' };
    }
  }
  const details = key.asymmetricKeyDetails;
  const rsa = key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048;
  const ec = key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1';
  if (!rsa && !ec) return { ok: false, reason: 'unsupported' };
  const alg = rsa ? (given.alg === 'PS256' ? 'PS256' : 'RS256') : 'ES256';
  if (given.alg !== undefined && given.alg !== alg) return { ok: false, reason: 'unsupported' };
  const exported = key.export({ format: 'jwk' }) as Record<string, string>;
  const publicJwk: Record<string, string> = rsa
    ? { kty: 'RSA', n: exported.n!, e: exported.e! }
    : { kty: 'EC', crv: exported.crv!, x: exported.x!, y: exported.y! };
  const kid = typeof given.kid === 'string' && kidPattern.test(given.kid) ? given.kid : await calculateJwkThumbprint(publicJwk as JWK);
  return { ok: true, jwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

/** An https URL without credentials, on a host on the internet (not this machine or a private network); null otherwise. */
export function publicHttpsUrl(input: string): string | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const privateHost =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local') ||
    /^(127|10|0)\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === '::1' ||
    /^f[cd][0-9a-f]{2}:/.test(host) ||
    /^fe80:/.test(host);
  return privateHost ? null : url.href;
}
