/**
 * The organisation API under /api/v1: POST /token, POST /berichten (a batch, one result per
 * bericht), GET /berichten/:berichtId (what became of it), PUT /zaken/:zaakId and POST
 * /zaken/:zaakId/statussen (lopende zaken), GET /openapi.json. Answers are JSON;
 * errors are problem+json (RFC 9457), token errors as RFC 6749 says. Every call is scoped to the
 * organisation of its access token and logged with it (the audit trail), never with a BSN.
 */
import { isAscii } from 'node:buffer';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { RateLimiter } from '../../platform/auth/rate-limit.ts';
import type { NewOrganisatieBericht, OrganisatieBerichten } from '../../sources/voordeur/organisatie-berichten.ts';
import type { OrganisatieZaken } from '../../sources/voordeur/organisatie-zaken.ts';
import { accessTokenSeconds, type OrganisatieAuth } from './auth.ts';
import { certificateFromHeader } from './certificaat.ts';
import { checkBericht, checkStatus, checkZaak, type Refusal, type Resultaat } from './check.ts';
import { maxBatch, openApiDocument } from './openapi.ts';

export const apiBase = '/api/v1';

export interface OrganisatieApiDeps {
  auth: OrganisatieAuth;
  berichten: OrganisatieBerichten;
  zaken: OrganisatieZaken;
  /** The API's public base URL (PUBLIC_URL + /api/v1), for the OpenAPI document. */
  serverUrl: string;
  /** Requests one organisation may make per minute. */
  requestsPerMinute: number;
  /** The header the proxy in front passes the client certificate of mutual TLS in (ORGANISATIE_API_CLIENT_CERT_HEADER). */
  clientCertHeader?: string;
  now?: () => Date;
}

const api = { csrf: false } as const;

const opslagMelding = 'the attachment storage is not available now; nothing of this bericht was stored: send it again later';

/** How many results of a batch have each code. */
function countsOf(results: { resultaat: Resultaat }[]): Partial<Record<Resultaat, number>> {
  const counts: Partial<Record<Resultaat, number>> = {};
  for (const { resultaat } of results) counts[resultaat] = (counts[resultaat] ?? 0) + 1;
  return counts;
}

function problem(reply: FastifyReply, status: number, title: string, detail?: string, invalid?: { veld: string; melding: string }) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ title, status, ...(detail ? { detail } : {}), ...(invalid ? { invalidParams: [{ name: invalid.veld, reason: invalid.melding }] } : {}) });
}

export function organisatieApiRoutes(deps: OrganisatieApiDeps): FastifyPluginAsync {
  const now = deps.now ?? (() => new Date());
  const limiter = new RateLimiter({ limit: deps.requestsPerMinute, windowMs: 60_000 });
  const document = openApiDocument(deps.serverUrl);

  /** The client certificate the proxy passed (mutual TLS), when it is configured to. */
  const certificateOf = (request: FastifyRequest) => (deps.clientCertHeader ? certificateFromHeader(request.headers[deps.clientCertHeader]) : null);

  /** The organisation of the request's access token, within its rate limit; otherwise the reply is sent and null returned. */
  async function organisatieOf(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const caller = await deps.auth.callerOf(request.headers.authorization, () => certificateOf(request));
    if (!caller.ok) {
      if (caller.reason === 'certificaat') {
        // RFC 8705 §3: a bound token presented without its certificate is an invalid token.
        reply.header('www-authenticate', 'Bearer error="invalid_token", error_description="the token is bound to a client certificate"');
        problem(
          reply,
          401,
          'Niet geauthenticeerd',
          'This access token is bound to a client certificate: call over mutual TLS with the certificate it was issued for.',
        );
        return null;
      }
      reply.header('www-authenticate', 'Bearer');
      problem(reply, 401, 'Niet geauthenticeerd', 'Send an access token from POST /api/v1/token as Authorization: Bearer <token>.');
      return null;
    }
    const { organisatie } = caller;
    const retryAfter = limiter.take(organisatie);
    if (retryAfter !== undefined) {
      reply.header('retry-after', String(retryAfter));
      problem(reply, 429, 'Te veel verzoeken', `At most ${deps.requestsPerMinute} requests a minute.`);
      return null;
    }
    return organisatie;
  }

  return async (app) => {
    // JSON bodies of this API (only in its own context): as Fastify's own parser (prototype
    // poisoning refused, 400 for what is not JSON), but a body of plain ASCII — as base64
    // attachments are — is read as Latin-1, a plain copy, instead of decoding it as UTF-8: half
    // the cost of reading a batch with PDFs (bench/organisaties.ts).
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
      if (body.length === 0) return done(Object.assign(new Error('The body is empty; send JSON.'), { statusCode: 400 }), undefined);
      try {
        const text = isAscii(body) ? body.toString('latin1') : body.toString('utf8');
        done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch (error) {
        done(Object.assign(new Error(`The body is not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}`), { statusCode: 400 }), undefined);
      }
    });

    app.get(`${apiBase}/openapi.json`, async () => document);

    app.post<{ Body: Record<string, unknown> }>(`${apiBase}/token`, { config: api }, async (request, reply) => {
      const outcome = await deps.auth.token(request.body ?? {}, certificateOf(request));
      reply.header('cache-control', 'no-store');
      if (!outcome.ok) {
        request.log.info({ error: outcome.error }, 'organisatie token refused');
        return reply.code(outcome.error === 'invalid_client' ? 401 : 400).send({ error: outcome.error, error_description: outcome.description });
      }
      return { access_token: outcome.accessToken, token_type: 'Bearer', expires_in: accessTokenSeconds };
    });

    app.post<{ Body: unknown }>(`${apiBase}/berichten`, { config: api, bodyLimit: 100 * 1024 * 1024 }, async (request, reply) => {
      const organisatie = await organisatieOf(request, reply);
      if (!organisatie) return reply;
      const items = (request.body as { berichten?: unknown } | null)?.berichten;
      if (!Array.isArray(items) || items.length === 0 || items.length > maxBatch)
        return problem(reply, 400, 'Ongeldig verzoek', `The body must be {"berichten": [...]} with 1 to ${maxBatch} berichten.`);
      const at = now();
      const checked = await Promise.all(items.map((item) => checkBericht(item, at)));
      const seen = new Set<string>();
      const results: { berichtId: string | null; resultaat: Resultaat; veld?: string; melding?: string }[] = [];
      const toStore: NewOrganisatieBericht[] = [];
      checked.forEach((outcome, index) => {
        const berichtId = typeof (items[index] as { berichtId?: unknown })?.berichtId === 'string' ? (items[index] as { berichtId: string }).berichtId : null;
        if (!('ok' in outcome)) return results.push({ berichtId, ...(outcome as Refusal) });
        // The same berichtId twice in one batch: the first counts, as with a resend.
        if (seen.has(outcome.ok.berichtId)) return results.push({ berichtId, resultaat: 'bestaatAl' });
        seen.add(outcome.ok.berichtId);
        toStore.push(outcome.ok);
        return results.push({ berichtId, resultaat: 'verwerkt' });
      });
      // Large attachments go to the bucket first (when one is configured); a bericht whose attachment could not be put is not stored.
      const { ready, unavailable } = await deps.berichten.placeBijlagen(toStore);
      if (unavailable.size > 0) request.log.warn({ organisatie, berichten: unavailable.size }, 'attachment storage unavailable: berichten not stored');
      for (const result of results)
        if (result.resultaat === 'verwerkt' && unavailable.has(result.berichtId!))
          Object.assign(result, { resultaat: 'opslagNietBeschikbaar', veld: '/bijlagen', melding: opslagMelding });
      // The refusals are counted per day in the transaction that stores the others (with the resends it finds).
      const fresh = await deps.berichten.store(organisatie, ready, { refused: countsOf(results), requestId: request.id });
      for (const result of results) if (result.resultaat === 'verwerkt' && !fresh.has(result.berichtId!)) result.resultaat = 'bestaatAl';
      request.log.info({ organisatie, berichten: items.length, ...countsOf(results) }, 'organisatie berichten received');
      return { resultaten: results };
    });

    app.put<{ Params: { zaakId: string }; Body: unknown }>(`${apiBase}/zaken/:zaakId`, { config: api }, async (request, reply) => {
      const organisatie = await organisatieOf(request, reply);
      if (!organisatie) return reply;
      const checked = checkZaak(request.params.zaakId, request.body);
      if (!('ok' in checked)) return problem(reply, 400, 'Ongeldige zaak', `${checked.veld}: ${checked.melding}`, checked);
      const created = await deps.zaken.put(organisatie, checked.ok);
      request.log.info({ organisatie, created }, 'organisatie zaak received');
      return reply.code(created ? 201 : 200).send({ zaakId: checked.ok.zaakId });
    });

    app.post<{ Params: { zaakId: string }; Body: unknown }>(`${apiBase}/zaken/:zaakId/statussen`, { config: api }, async (request, reply) => {
      const organisatie = await organisatieOf(request, reply);
      if (!organisatie) return reply;
      const checked = checkStatus(request.body, now());
      if (!('ok' in checked)) return problem(reply, 400, 'Ongeldige status', `${checked.veld}: ${checked.melding}`, checked);
      const outcome = await deps.zaken.addStatus(organisatie, request.params.zaakId, checked.ok);
      request.log.info({ organisatie, outcome }, 'organisatie zaak status received');
      if (outcome === 'zaakOnbekend') return problem(reply, 404, 'Niet gevonden', 'You sent no zaak with this zaakId.');
      if (outcome === 'stapOnbekend')
        return problem(reply, 400, 'Ongeldige status', "stap is not one of the zaak's stappen.", { veld: '/stap', melding: "not one of the zaak's stappen" });
      return reply.code(201).send({ zaakId: request.params.zaakId, stap: checked.ok.stap });
    });

    app.get<{ Params: { berichtId: string } }>(`${apiBase}/berichten/:berichtId`, { config: api }, async (request, reply) => {
      const organisatie = await organisatieOf(request, reply);
      if (!organisatie) return reply;
      const status = await deps.berichten.status(organisatie, request.params.berichtId);
      if (!status) return problem(reply, 404, 'Niet gevonden', 'You sent no bericht with this berichtId.');
      return {
        berichtId: status.berichtId,
        ontvangen: status.ontvangen.toISOString(),
        publicatiedatum: status.publicatiedatum.toISOString(),
        geopend: status.geopend?.toISOString() ?? null,
        meldingen: status.meldingen.map((m) => ({ kanaal: m.kanaal, verstuurd: m.verstuurd?.toISOString() ?? null, status: m.status })),
      };
    });
  };
}
