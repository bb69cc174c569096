import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePublicKey, publicHttpsUrl } from './keys.ts';

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('a pasted public key', () => {
  it('as a JWK keeps its kid and gets alg and use; only the public members are kept', async () => {
    const jwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'bsgw-2027', ext: true };
    const parsed = await parsePublicKey(JSON.stringify(jwk));
    expect(parsed).toEqual({ ok: true, jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: 'bsgw-2027', alg: 'ES256', use: 'sig' } });
  });

  it('as PEM or in a JWK Set of one gets the RFC 7638 thumbprint as kid when it has none', async () => {
    const pem = await parsePublicKey(rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString());
    const set = await parsePublicKey(JSON.stringify({ keys: [rsa.publicKey.export({ format: 'jwk' })] }));
    expect(pem.ok && pem.jwk.alg).toBe('RS256');
    expect(pem.ok && pem.jwk.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(set).toEqual(pem);
  });

  it('refuses private keys in every form, garbage, weak or other kinds of keys', async () => {
    const reason = async (text: string) => {
      const parsed = await parsePublicKey(text);
      return parsed.ok ? 'ok' : parsed.reason;
    };
    expect(await reason(ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toBe('private');
    expect(await reason(rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString())).toBe('private');
    expect(await reason(JSON.stringify(ec.privateKey.export({ format: 'jwk' })))).toBe('private');
    expect(await reason(JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }))).toBe('private');
    expect(await reason('')).toBe('empty');
    expect(await reason('{"kty":"EC"}')).toBe('invalid');
    expect(await reason('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toBe('invalid');
    expect(await reason(JSON.stringify({ keys: [] }))).toBe('invalid');
    expect(await reason(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString())).toBe('unsupported');
    expect(await reason(generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString())).toBe('unsupported');
    expect(await reason(JSON.stringify({ ...ec.publicKey.export({ format: 'jwk' }), alg: 'RS256' }))).toBe('unsupported');
  });
});

describe('a webhook or JWKS URL', () => {
  it('must be https, without credentials, on a host that is not this machine or a private network', () => {
    expect(publicHttpsUrl(' https://bsgw.example.nl/hook ')).toBe('https://bsgw.example.nl/hook');
    for (const url of [
      'http://bsgw.example.nl/hook',
      'https://user:pw@bsgw.example.nl/',
      'https://localhost/x',
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://192.168.1.1/x',
      'https://172.20.0.1/x',
      'https://169.254.169.254/latest',
      'https://[::1]/x',
      'https://db.internal/x',
      'geen url',
      '',
    ])
      expect(publicHttpsUrl(url), url).toBeNull();
  });
});
