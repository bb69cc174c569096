/**
 * Security headers for every response, and a fresh CSP nonce per request. Scripts run only with
 * the nonce (no 'unsafe-inline'); nothing may frame Voordeur; forms may post only to Voordeur
 * and redirect to the identity provider (for logging out there).
 */
import type { FastifyInstance } from 'fastify';
import { randomToken } from '../random.ts';
import { HttpError } from './errors.ts';

/** A percent-encoded control character in a path (%00–%1F, %7F; Node refuses raw ones): no page of Voordeur has one. */
const controlInPath = /%(?:[01][0-9a-f]|7f)/i;

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
    const path = request.url.split('?', 1)[0]!;
    const nonce = randomToken(16);
    request.cspNonce = nonce;
    reply.headers(fixed);
    reply.header(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; ` +
        `form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'`,
    );
    // Such a path parameter would reach a database (PostgreSQL refuses NUL in text) or a source: not found, before any route.
    if (controlInPath.test(path)) return done(new HttpError(404, 'error.notFound.text'));
    done();
  });
}

/**
 * Fastify's query string parser (`routerOptions.querystringParser`): one value per name, the
 * first, so that `?zoek=a&zoek=b` is `{ zoek: 'a' }` and every route gets a string where it
 * expects one — never an array it did not ask for. No route of Voordeur reads a repeated query
 * parameter (forms that send several values POST them). Malformed escapes and bytes that are not
 * UTF-8 become U+FFFD, as in browsers; a name such as `__proto__` is only a name.
 */
export function parseQuery(query: string): Record<string, string> {
  const result: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(query)) {
    // NUL is never text (PostgreSQL refuses it in a text column): it becomes U+FFFD like other unreadable bytes.
    if (!(name in result)) result[name] = value.replaceAll('\u0000', '\ufffd');
  }
  return result;
}
