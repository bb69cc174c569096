/**
 * Structured logs (pino) that never contain a BSN, KvK or vestigingsnummer, e-mail address,
 * phone number, token or cookie: known fields are removed by path, and every string that is
 * logged is scrubbed by pattern, so a value that slips into a message or an error is caught too.
 */
import type { FastifyServerOptions } from 'fastify';

export type { Log } from '../domain/log.ts';

const patterns: [RegExp, string][] = [
  [/\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '[token]'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g, '[token]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[e-mail]'],
  [/(?:\+|00)\d{1,3}[\s-]?(?:\(0\))?\d(?:[\s-]?\d){7,10}\b/g, '[phone]'],
  [/\b0\d(?:[\s-]?\d){8}\b/g, '[phone]'],
  // Runs of 8, 9 or 12 digits: KvK numbers, BSNs and vestigingsnummers.
  [/(?<![\d.])(?:\d{12}|\d{9}|\d{8})(?![\d.])/g, '[number]'],
];

export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of patterns) result = result.replace(pattern, replacement);
  return result;
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  // Requests, replies and errors are left to their serializers, which scrub what they keep.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrub(v, depth + 1);
  return out;
}

/** Only the path: query strings carry codes, states and search terms. */
function pathOnly(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> & object {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.id_token',
        '*.access_token',
        '*.client_secret',
        '*.bsn',
        '*.email',
        '*.telefoonnummer',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url?: string; routeOptions?: { url?: string }; id?: string }) => ({
        method: req.method,
        url: redactText(pathOnly(req.url) ?? ''),
        route: req.routeOptions?.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Anything may be logged as `err`: a thrown string or object, not only an Error.
      err: (err: unknown) => {
        if (!(err instanceof Error)) return { type: typeof err, message: redactText(String(err)), stack: '' };
        const { code, statusCode } = err as Error & { code?: string; statusCode?: number };
        return { type: err.name, message: redactText(err.message ?? ''), code, statusCode, stack: err.stack ? redactText(err.stack) : '' };
      },
    },
    formatters: {
      log: (object: Record<string, unknown>) => scrub(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactText(a) : a)),
        );
      },
    },
  };
}
