/**
 * Client certificates of the organisation API's mutual TLS (RFC 8705). Voordeur does not terminate
 * TLS itself: the proxy in front asks for the client certificate and passes it in a header
 * (ORGANISATIE_API_CLIENT_CERT_HEADER). Proxies write it in one of three ways, all read here:
 * a URL-encoded PEM (nginx `$ssl_client_escaped_cert`, Traefik without the PEM lines), a PEM on
 * one line (Apache's `SSL_CLIENT_CERT`), or the DER in base64 (HAProxy `ssl_c_der,base64`).
 * A certificate is known by its SHA-256 thumbprint over the DER, base64url: `x5t#S256`.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { CertificaatGegevens } from '../../sources/voordeur/organisaties.ts';

const maxLength = 16 * 1024;
const pemMarker = /-----(BEGIN|END) CERTIFICATE-----/g;

/** The DER of the certificate a proxy passed in the header; null when there is none or it is not base64. */
export function certificateFromHeader(value: string | string[] | undefined): Buffer | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 3 * maxLength) return null;
  let text = value;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  const body = text.replace(pemMarker, '').replace(/\s+/g, '');
  if (body.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  return Buffer.from(body, 'base64');
}

/** The certificate's `x5t#S256`: the base64url SHA-256 of its DER. */
export function thumbprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('base64url');
}

export type CertificaatRefusal = 'empty' | 'private' | 'invalid' | 'verlopen';

/** Whether the certificate is valid at `at` by its own dates (the proxy checked its chain). */
export function validAt(certificate: X509Certificate, at: Date): boolean {
  return new Date(certificate.validFrom) <= at && at <= new Date(certificate.validTo);
}

/**
 * A certificate as organisation staff paste it: one PEM certificate (or its base64 DER). A private
 * key is refused and never kept; so is a certificate that is no longer valid at `at`.
 */
export function parseCertificaat(input: string, at: Date): { ok: true; certificaat: CertificaatGegevens } | { ok: false; reason: CertificaatRefusal } {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (/PRIVATE KEY/.test(text)) return { ok: false, reason: 'private' };
  if (text.length > maxLength || (text.match(/BEGIN CERTIFICATE/g)?.length ?? 0) > 1) return { ok: false, reason: 'invalid' };
  const der = certificateFromHeader(text);
  let certificate: X509Certificate;
  try {
    if (!der) throw new Error('not base64');
    certificate = new X509Certificate(der);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (new Date(certificate.validTo) < at) return { ok: false, reason: 'verlopen' };
  return {
    ok: true,
    certificaat: {
      thumbprint: thumbprint(certificate.raw),
      onderwerp: oneLine(certificate.subject),
      uitgever: oneLine(certificate.issuer),
      geldigVanaf: new Date(certificate.validFrom),
      geldigTot: new Date(certificate.validTo),
    },
  };
}

/** A distinguished name as Node gives it (one attribute a line) on one line: "CN=…, O=…, C=NL". */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ').slice(0, 500);
}
