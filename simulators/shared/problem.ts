/**
 * The error bodies of the APIs built on vng-api-common (Open Zaak, Open Notificaties, Open Klant,
 * objects-api): `application/problem+json` with type, code, title, status, detail, instance, and for
 * a 400 the list of invalid parameters — the Fout and ValidatieFout of the ZGW specs. The
 * Klantinteracties and Objects specs declare no error responses; the real systems answer like
 * this, so the simulators do too. Also the Dutch texts those systems share.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply } from 'fastify';
import { ApiError } from './errors.ts';

/** FieldValidationError of vng-api-common: one entry of `invalidParams`. */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** What an error says; type, status and instance are added when it is sent. */
export interface Fout {
  code: string;
  title: string;
  detail: string;
  invalidParams?: InvalidParam[];
}

export const fout = (status: number, code: string, title: string, detail: string, invalidParams?: InvalidParam[]) =>
  new ApiError<Fout>(status, { code, title, detail, invalidParams }, detail);

/** Type names as vng-api-common puts them in `type` (…/ref/fouten/NotFound/). */
const typeNames: Record<number, string> = {
  400: 'ValidationError',
  401: 'NotAuthenticated',
  403: 'PermissionDenied',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  500: 'APIException',
  503: 'ServiceUnavailable',
};

export interface FoutDialect {
  /** Origin of the API's public URL, for `type`. */
  origin(): string;
  /** objects-api renders the list without camelCase: `invalid_params`. */
  invalidParamsName?: 'invalidParams' | 'invalid_params';
  /** The scheme every 401 names in WWW-Authenticate (DRF's TokenAuthentication: 'Token'). */
  challenge?: string;
}

/** The `send` of an API of the family: the Fout as its problem+json body. */
export function foutSender({ origin, invalidParamsName = 'invalidParams', challenge }: FoutDialect) {
  return (reply: FastifyReply, error: ApiError<Fout>): FastifyReply => {
    const { code, title, detail, invalidParams } = error.body;
    const body: Record<string, unknown> = {
      type: `${origin()}/ref/fouten/${typeNames[error.status] ?? 'APIException'}/`,
      code,
      title,
      status: error.status,
      detail,
      instance: `urn:uuid:${randomUUID()}`,
    };
    if (invalidParams) body[invalidParamsName] = invalidParams;
    if (challenge && error.status === 401) reply.header('WWW-Authenticate', challenge);
    return reply.code(error.status).type('application/problem+json').send(body);
  };
}

/** What Open Zaak, Open Notificaties and Open Klant answer in Dutch to what every API meets. */
export const dutch = {
  notFound: (detail = 'Niet gevonden.') => fout(404, 'not_found', 'Niet gevonden.', detail),
  invalid: (invalidParams: InvalidParam[]) => fout(400, 'invalid', 'Ongeldige invoer.', 'Er zijn fouten in de invoer. Zie invalidParams.', invalidParams),
  notAuthenticated: (detail: string) => fout(401, 'not_authenticated', 'Authenticatiegegevens zijn niet opgegeven.', detail),
  permissionDenied: (detail: string) => fout(403, 'permission_denied', 'Je hebt geen toestemming om deze actie uit te voeren.', detail),
  unavailable: (detail: string) => fout(503, 'service_unavailable', 'Dienst niet beschikbaar.', detail),
  serverError: () => fout(500, 'error', 'Er is een serverfout opgetreden.', 'Er ging iets mis in de simulator.'),
  /** Open Zaak's answer to what Fastify refuses before a route: a body that is not JSON (in the ValidatieFout shape), too large, or of another type. */
  fastifyError(error: FastifyError): ApiError<Fout> | undefined {
    const status = error.statusCode ?? 500;
    if (status === 400) return dutch.invalid([{ name: 'nonFieldErrors', code: 'parse_error', reason: error.message }]);
    if (status === 413) return fout(413, 'payload_too_large', 'Verzoek te groot.', error.message);
    if (status === 415) return fout(415, 'unsupported_media_type', 'Niet-ondersteund mediatype.', 'Stuur Content-Type: application/json.');
    return undefined;
  },
};

/**
 * DRF's TokenAuthentication (keyword "Token"), as objects-api (in English) and Open Klant (in
 * Dutch) answer it. Every failure is a 401 (the scheme has an authenticate header, so DRF never
 * turns these into 403): no header or another scheme → not_authenticated, a malformed or unknown
 * token → authentication_failed. What a known token may do is the permission check's business.
 */
export function checkToken(authorization: string | undefined, tokens: ReadonlySet<string>, language: 'en' | 'nl'): ApiError<Fout> | undefined {
  const text = tokenTexts[language];
  const parts = (authorization ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts[0]!.toLowerCase() !== 'token') return fout(401, 'not_authenticated', text.notProvided, text.notProvided);
  const failed = (detail: string) => fout(401, 'authentication_failed', text.failed, detail);
  if (parts.length === 1) return failed(text.noCredentials);
  if (parts.length > 2) return failed(text.spaces);
  if (!tokens.has(parts[1]!)) return failed(text.unknown);
  return undefined;
}

const tokenTexts = {
  en: {
    notProvided: 'Authentication credentials were not provided.',
    failed: 'Incorrect authentication credentials.',
    noCredentials: 'Invalid token header. No credentials provided.',
    spaces: 'Invalid token header. Token string should not contain spaces.',
    unknown: 'Invalid token.',
  },
  nl: {
    notProvided: 'Authenticatiegegevens zijn niet opgegeven.',
    failed: 'Ongeldige authenticatiegegevens.',
    noCredentials: 'Ongeldige token header. Geen credentials opgegeven.',
    spaces: 'Ongeldige token header. Token string mag geen spaties bevatten.',
    unknown: 'Ongeldige token.',
  },
};
