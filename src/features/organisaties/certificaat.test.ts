import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateFromHeader, parseCertificaat, thumbprint } from './certificaat.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/certificaten/${name}`, import.meta.url), 'utf8');
const pem = fixture('organisatie-a.pem');
// `openssl x509 -in organisatie-a.pem -outform der | openssl dgst -sha256 -binary | basenc --base64url`, without the padding.
const opensslThumbprint = 'b9IntgWdj4tyoH6Mn6U0DvrMVuCvlGJORhaZH0Q6SJc';
const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

describe('the client certificate a proxy passes', () => {
  it.each([
    ['nginx $ssl_client_escaped_cert (URL-encoded PEM)', encodeURIComponent(pem)],
    ['Apache SSL_CLIENT_CERT (PEM on one line)', pem.replace(/\n/g, ' ')],
    ['HAProxy ssl_c_der,base64 (the DER in base64)', body],
    ['Traefik (URL-encoded, without the PEM lines)', encodeURIComponent(body)],
  ])('is read from %s, with the thumbprint openssl gives', (_proxy, header) => {
    expect(thumbprint(certificateFromHeader(header)!)).toBe(opensslThumbprint);
  });

  it('is none when the header is absent, empty, repeated or not base64', () => {
    expect(certificateFromHeader(undefined)).toBeNull();
    expect(certificateFromHeader('')).toBeNull();
    expect(certificateFromHeader([pem, pem])).toBeNull();
    expect(certificateFromHeader('(null)')).toBeNull();
    expect(certificateFromHeader('%E0%A4%A')).toBeNull();
  });
});

describe('a certificate organisation staff paste', () => {
  const at = new Date('2026-12-07T12:00:00Z');

  it('is read with its subject, issuer, dates and thumbprint', () => {
    const parsed = parseCertificaat(`\n${pem}\n`, at);
    expect(parsed).toEqual({
      ok: true,
      certificaat: {
        thumbprint: opensslThumbprint,
        onderwerp: 'CN=api.bsgw-a.example.nl, O=Belastingsamenwerking A, C=NL',
        uitgever: 'CN=api.bsgw-a.example.nl, O=Belastingsamenwerking A, C=NL',
        geldigVanaf: new Date('2026-01-01T00:00:00Z'),
        geldigTot: new Date('2126-01-01T00:00:00Z'),
      },
    });
  });

  it('is refused when empty, a private key, two certificates, not a certificate, or expired', () => {
    const privatePem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const publicPem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(parseCertificaat('  ', at)).toEqual({ ok: false, reason: 'empty' });
    expect(parseCertificaat(`${pem}\n${privatePem}`, at)).toEqual({ ok: false, reason: 'private' });
    expect(parseCertificaat(`${pem}\n${fixture('organisatie-b.pem')}`, at)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseCertificaat(publicPem, at)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseCertificaat('geen certificaat', at)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseCertificaat(fixture('verlopen.pem'), at)).toEqual({ ok: false, reason: 'verlopen' });
  });
});
