/**
 * The BRP simulator: Haal Centraal BRP API Personen 2.x (specs/brp-personen-api.yaml, 2.7.0), the
 * `POST /personen` operation with `RaadpleegMetBurgerservicenummer`, as the RvIG proxy answers it:
 * the `fields` rules of fields.ts, the error bodies and texts of RvIG's acceptance tests
 * (BRP-API/Haal-Centraal-BRP-bevragen, features/…/fout-cases.feature), the demo persons of
 * simulators/data/brp-demo.ts. It stands in for the BRP in the demo and the tests and is checked
 * against the spec in brp.test.ts.
 *
 * It lives in its own Fastify scope under `${baseUrl}/haalcentraal/api/brp`: its hooks (API key,
 * faults, counts) and error shapes do not leak into other simulators on the same instance.
 * Besides the HTTP API, tests get handles to make it slow, down or nonsensical, to count round
 * trips, and to see the last question (to check that only the needed fields were asked for).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { brpDemo, type DemoPersoon } from '../data/brp-demo.ts';
import { BaseUrl } from '../shared/base-url.ts';
import { ApiError } from '../shared/errors.ts';
import { Faults, type FaultControls } from '../shared/faults.ts';
import type { InvalidParam } from '../shared/problem.ts';
import { setUpApiScope } from '../shared/scope.ts';
import { automaticFields, fieldError, project, selection } from './fields.ts';

export type { Fault } from '../shared/faults.ts';

export interface BrpSimulatorOptions {
  /** Public base URL where `app` listens, e.g. http://127.0.0.1:3001; the API lives at
   *  `${baseUrl}/haalcentraal/api/brp`. With port 0 the port is the one the app listens on. */
  baseUrl: string;
  /** Accepted values of the X-API-KEY header. */
  apiKeys: string[];
  /** leeftijd and the demo's relative dates are computed from this moment (default: now). */
  now?: Date;
}

/** The faults of shared/faults.ts; 'down' = 503 with a Foutbericht. */
export interface BrpSimulator extends FaultControls {
  /** `${baseUrl}/haalcentraal/api/brp`, what a client calls `${url}/personen` on. */
  readonly url: string;
  /** The JSON body of the last question that got past the API key (undefined before any). */
  lastRequest(): unknown;
}

const apiPath = '/haalcentraal/api/brp';
const problemType = 'application/problem+json; charset=utf-8';
const rfc = {
  400: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
  401: 'https://datatracker.ietf.org/doc/html/rfc7235#section-3.1',
  403: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.3',
  404: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.4',
  406: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.6',
  415: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.13',
  500: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.6.1',
  503: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.6.4',
} as const;

/** A Foutbericht (BadRequestFoutbericht with invalidParams) as the RvIG API words it; type, status and instance are added when it is sent. */
interface Foutbericht {
  title: string;
  code: string;
  detail?: string;
  invalidParams?: InvalidParam[];
}

const brpError = (status: keyof typeof rfc, title: string, code: string, detail?: string, invalidParams?: InvalidParam[]) =>
  new ApiError<Foutbericht>(status, { title, code, detail, invalidParams }, title);

/** 400: "De foutieve parameter(s) zijn: …", in the words of the RvIG feature files. */
const badRequest = (params: InvalidParam[], title = 'Een of meerdere parameters zijn niet correct.', code = 'paramsValidation') =>
  brpError(400, title, code, `De foutieve parameter(s) zijn: ${params.map((p) => p.name).join(', ')}.`, params);

const errors = {
  unauthenticated: () => brpError(401, 'Niet correct geauthenticeerd.', 'authentication'),
  forbidden: () => brpError(403, 'U bent niet geautoriseerd voor deze operatie.', 'autorisation'),
  down: () => brpError(503, 'Bronservice BRP is tijdelijk niet beschikbaar.', 'notAvailable', 'De BRP API is (gesimuleerd) niet beschikbaar.'),
};

function send(reply: FastifyReply, error: ApiError<Foutbericht>, instance: string): FastifyReply {
  const { title, code, detail, invalidParams } = error.body;
  const body: Record<string, unknown> = { type: rfc[error.status as keyof typeof rfc], title, status: error.status };
  if (detail) body.detail = detail;
  body.instance = instance;
  body.code = code;
  if (invalidParams) body.invalidParams = invalidParams;
  return reply.code(error.status).type(problemType).send(body);
}

export async function registerBrpSimulator(app: FastifyInstance, options: BrpSimulatorOptions): Promise<BrpSimulator> {
  const base = BaseUrl.of(app, options.baseUrl);
  const instance = `${base.path}${apiPath}/personen`;
  const faults = new Faults();
  const apiKeys = new Set(options.apiKeys);
  // The simulated clock starts at `now` and runs on with real time.
  const startedAt = Date.now();
  const now = () => new Date((options.now?.getTime() ?? startedAt) + (Date.now() - startedAt));
  const personen = new Map(brpDemo(options.now ?? new Date(startedAt)).map((p) => [p.burgerservicenummer!, p]));
  let last: unknown;

  // Requests held by the 'hang' fault would keep app.close() waiting for ever.
  app.addHook('preClose', async () => faults.close());

  await app.register(
    async (scope) => {
      setUpApiScope(scope, {
        name: 'BRP simulator',
        faults,
        send: (reply, error) => send(reply, error, instance),
        down: (reply) => send(reply, errors.down(), instance),
        check(request) {
          const key = request.headers['x-api-key'];
          if (typeof key !== 'string' || key === '') return errors.unauthenticated();
          if (!apiKeys.has(key)) return errors.forbidden();
          const accept = request.headers.accept;
          if (accept && !/application\/json|application\/\*|\*\/\*/.test(accept)) {
            return brpError(
              406,
              'Gevraagde content type wordt niet ondersteund.',
              'notAcceptable',
              'Ondersteunde content type: application/json; charset=utf-8.',
            );
          }
          return undefined;
        },
        fastifyError(error) {
          if (error.statusCode === 415) {
            return brpError(415, 'Media Type wordt niet ondersteund.', 'unsupportedMediaType', 'Ondersteunde content type: application/json; charset=utf-8.');
          }
          // Not JSON, or no body: the feature files do not say; the shape is the usual one.
          if (error.statusCode === 400)
            return brpError(400, 'Een of meerdere parameters zijn niet correct.', 'paramsValidation', 'De request body is geen geldige JSON.');
          return undefined;
        },
        serverError: () => brpError(500, 'Interne server fout.', 'serverError'),
        unknownUrl: (reply) => send(reply, brpError(404, 'Opgevraagde resource bestaat niet.', 'notFound'), instance),
      });

      scope.post('/personen', async (request, reply) => {
        last = request.body;
        const answer = raadpleeg(request.body, personen, now());
        return reply.code(200).type('application/json; charset=utf-8').send(answer);
      });
    },
    { prefix: base.path + apiPath },
  );

  return {
    get url() {
      return base.href + apiPath;
    },
    ...faults.controls(),
    lastRequest: () => last,
  };
}

const bsnPattern = /^[0-9]{9}$/;
const fieldPattern = /^[a-zA-Z0-9._]{1,200}$/;
const gemeentePattern = /^[0-9]{4}$/;
const allowedParams = new Set(['type', 'burgerservicenummer', 'fields', 'gemeenteVanInschrijving']);

/** Checks the question as the API does (every problem at once), then answers it. */
function raadpleeg(body: unknown, personen: Map<string, DemoPersoon>, now: Date): { type: string; personen: unknown[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw brpError(400, 'Een of meerdere parameters zijn niet correct.', 'paramsValidation', 'De request body is geen JSON-object.');
  }
  const query = body as Record<string, unknown>;
  if (query.type === undefined || query.type === null) throw badRequest([{ name: 'type', code: 'required', reason: 'Parameter is verplicht.' }]);
  // The simulator answers RaadpleegMetBurgerservicenummer only; for a client any other is a wrong type.
  if (query.type !== 'RaadpleegMetBurgerservicenummer') throw badRequest([{ name: 'type', code: 'value', reason: 'Waarde is geen geldig zoek type.' }]);

  const missing = (['burgerservicenummer', 'fields'] as const).filter((name) => query[name] === undefined);
  if (missing.length > 0) {
    throw badRequest(
      missing.map((name) => ({ name, code: 'required', reason: 'Parameter is verplicht.' })),
      'Minimale combinatie van parameters moet worden opgegeven.',
      'paramsCombination',
    );
  }

  const problems: InvalidParam[] = [];
  for (const name of Object.keys(query)) if (!allowedParams.has(name)) problems.push({ name, code: 'unknownParam', reason: 'Parameter is niet verwacht.' });
  const bsns = checkArray(query.burgerservicenummer, 'burgerservicenummer', 20, problems, (value, name) =>
    typeof value === 'string' && bsnPattern.test(value) ? undefined : { name, code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.' },
  );
  const fields = checkArray(query.fields, 'fields', 130, problems, (value, name) => {
    if (typeof value !== 'string' || !fieldPattern.test(value))
      return { name, code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.' };
    const error = fieldError(value);
    if (error === 'niet-toegestaan') return { name, code: 'fields', reason: 'Parameter bevat een niet toegestane veldnaam.' };
    if (error === 'niet-bestaand') return { name, code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' };
    return undefined;
  });
  if (
    query.gemeenteVanInschrijving !== undefined &&
    !(typeof query.gemeenteVanInschrijving === 'string' && gemeentePattern.test(query.gemeenteVanInschrijving))
  ) {
    problems.push({ name: 'gemeenteVanInschrijving', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{4}$.' });
  }
  if (problems.length > 0) throw badRequest(problems);

  const selected = selection(fields as string[]);
  const found = [...new Set(bsns as string[])]
    .map((bsn) => personen.get(bsn))
    .filter((p): p is DemoPersoon => p !== undefined)
    .filter((p) => query.gemeenteVanInschrijving === undefined || p.gemeenteVanInschrijving?.code === query.gemeenteVanInschrijving);
  return { type: 'RaadpleegMetBurgerservicenummer', personen: found.map((p) => answer(p, selected, now)) };
}

function checkArray(
  value: unknown,
  name: string,
  maxItems: number,
  problems: InvalidParam[],
  item: (value: unknown, name: string) => InvalidParam | undefined,
): unknown[] {
  if (!Array.isArray(value)) {
    problems.push({ name, code: 'array', reason: 'Parameter is geen array.' });
    return [];
  }
  if (value.length < 1) problems.push({ name, code: 'minItems', reason: 'Array bevat minder dan 1 items.' });
  else if (value.length > maxItems) problems.push({ name, code: 'maxItems', reason: `Array bevat meer dan ${maxItems} items.` });
  else
    value.forEach((v, i) => {
      const problem = item(v, `${name}[${i}]`);
      if (problem) problems.push(problem);
    });
  return value;
}

/** One person as the question asked: the selected fields, then what is always delivered. */
function answer(persoon: DemoPersoon, selected: ReturnType<typeof selection>, now: Date): unknown {
  const full = { ...persoon, ...leeftijd(persoon, now) } as Parameters<typeof project>[0];
  const out = (project(full, selected) ?? {}) as Record<string, unknown>;
  for (const name of automaticFields) {
    const value = persoon[name];
    if (value === undefined || value === false) continue; // geheimhouding is delivered only when true
    out[name] = structuredClone(value);
  }
  return out;
}

/** Age in whole years on `now`, when the birth date says enough (a complete date, or year and month outside the birth month). */
function leeftijd(persoon: DemoPersoon, now: Date): { leeftijd?: number } {
  const datum = persoon.geboorte?.datum as { type: string; datum?: string; jaar?: number; maand?: number } | undefined;
  if (!datum) return {};
  const today = { jaar: now.getUTCFullYear(), maand: now.getUTCMonth() + 1, dag: now.getUTCDate() };
  if (datum.type === 'Datum' && datum.datum) {
    const [jaar, maand, dag] = datum.datum.split('-').map(Number) as [number, number, number];
    const hadBirthday = today.maand > maand || (today.maand === maand && today.dag >= dag);
    return { leeftijd: today.jaar - jaar - (hadBirthday ? 0 : 1) };
  }
  if (datum.type === 'JaarMaandDatum' && datum.jaar && datum.maand && datum.maand !== today.maand) {
    return { leeftijd: today.jaar - datum.jaar - (today.maand > datum.maand ? 0 : 1) };
  }
  return {};
}
