/**
 * Security headers for every response, and a fresh CSP nonce per request. Scripts run only with
 * the nonce (no 'unsafe-inline'); nothing may frame Voordeur; forms may post only to Voordeur
 * and redirect to the identity provider (for logging out there).
 */
import { randomToken } from '../random.ts';
import type { FastifyInstance } from 'fastify';

export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean; formTargets: string[] }): void {
  const formAction = ["'self'", ...options.formTargets].join(' ');
  const fixed: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  if (options.https) fixed['strict-transport-security'] = 'max-age=63072000; includeSubDomains';

  app.decorateRequest('cspNonce', '');
  app.addHook('onRequest', (request, reply, done) => {
    const nonce = randomToken(16);
    request.cspNonce = nonce;
    reply.headers(fixed);
    reply.header(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; ` +
        `form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'`,
    );
    done();
  });
}
