/**
 * Contract and behaviour tests of the Klantinteracties simulator. Every kind of answer it gives
 * is checked against the official spec's schema for that operation and status code, so that a
 * client built and tested against the simulator works against Open Klant too.
 *
 * The Klantinteracties spec declares no error responses; Open Klant answers errors in the
 * vng-api-common shapes, so error bodies are checked against Fout and ValidatieFout of the Zaken
 * spec. The spec's Partij is a oneOf with a discriminator (see specErrors).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { klantinteractiesDemo } from '../data/klantinteracties-demo.ts';
import { testCompanies, testPersons } from '../data/test-identities.ts';
import { demoUuid, zgwDemo } from '../data/zgw-demo.ts';
import { Contract, specsDir } from '../shared/contract.ts';
import { registerZgwSimulator } from '../zgw/index.ts';
import type { ZgwSimulator } from '../zgw/index.ts';
import { adresProblem, isEmailAddress } from './digitaleadressen.ts';
import { registerKlantinteractiesSimulator } from './index.ts';
import type { KlantinteractiesSimulator, KlantinteractiesSimulatorOptions } from './index.ts';

const token = 'voordeur-test-klantinteracties-token';
const zgwClient = { clientId: 'voordeur-test', secret: 'voordeur-test-zgw-secret' };
const contract = new Contract(['klantinteracties', 'zaken']);
const { notable, partijen: demoPartijen } = klantinteractiesDemo;
const unknown = '00000000-0000-4000-8000-000000000000';
const suzanneBsn = '999993653';
/** Valid BSNs of nobody in the demo. */
const freeBsn = ['100023757', '100039595', '100126704', '100174218', '100372193'] as const;

type Json = any;

interface Running {
  app: FastifyInstance;
  sim: KlantinteractiesSimulator;
  /** A request with the token (`headers` replace or, with undefined, remove the defaults); `path` may be a full URL. */
  call(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string | undefined>; signal?: AbortSignal }): Promise<Response>;
}

async function start(options: Partial<KlantinteractiesSimulatorOptions> = {}, extra?: (app: FastifyInstance) => Promise<void> | void): Promise<Running> {
  const app = Fastify({ logger: false });
  await extra?.(app);
  const sim = await registerKlantinteractiesSimulator(app, { baseUrl: 'http://127.0.0.1:0', tokens: [token], ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    sim,
    async call(path, init = {}) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries({ authorization: `Token ${token}`, ...init.headers })) if (value !== undefined) headers[name] = value;
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      return fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
        signal: init.signal,
      });
    },
  };
}

const ambiguousOneOf = /: (\/results\/\d+|\/) must match exactly one schema in oneOf \{"passingSchemas":\[\d+(,\d+)+\]\}$/;

/**
 * Errors of `body` against the spec's response for `method path status`. The spec's Partij is a
 * oneOf of persoon_, organisatie_ and contactpersoon_PartijSerializer with a discriminator on
 * soortPartij, which the checker does not apply; as their partijIdentificatie fields are all
 * optional, a persoon fits more than one of them. So, as the discriminator means it, "fits more
 * than one" is no error and each partij must fit the schema that its soortPartij maps to.
 */
function specErrors(method: string, path: string, status: number, body: Json): string[] {
  const partijen = !path.startsWith('/partijen') ? [] : path === '/partijen' && method === 'GET' ? body.results : [body];
  return [
    ...contract.checkResponse('klantinteracties', method, path, status, body).filter((e) => !ambiguousOneOf.test(e)),
    ...partijen.flatMap((partij: Json) => checkPartij(partij)),
  ];
}

const checkPartij = (partij: Json) => contract.checkComponent('klantinteracties', `${partij.soortPartij}_PartijSerializer`, partij);

/** The body of a 2xx `response`, after checking its status, content type and body against the spec. */
async function conforming(response: Response, method: string, specPath: string, status: number): Promise<Json> {
  const text = await response.text();
  expect(response.status, `${method} ${response.url}: ${text.slice(0, 500)}`).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('api-version')).toBe('0.9.0');
  const body = JSON.parse(text);
  expect(specErrors(method, specPath, status, body)).toEqual([]);
  return body;
}

/** The body of an error answer: problem+json, a Fout (a ValidatieFout for a 400 with invalidParams). */
async function failing(response: Response, status: number): Promise<Json> {
  const text = await response.text();
  expect(response.status, `${response.url}: ${text.slice(0, 500)}`).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text);
  expect(contract.checkComponent('zaken', status === 400 && 'invalidParams' in body ? 'ValidatieFout' : 'Fout', body)).toEqual([]);
  expect(body.status).toBe(status);
  return body;
}

/** The invalidParams of a 400, as [name, code] pairs. */
async function invalidParams(response: Response): Promise<[string, string][]> {
  const fout = await failing(response, 400);
  return fout.invalidParams.map((p: Json) => [p.name, p.code]);
}

const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const byBsn = (bsn: string, extra: Record<string, string> = {}) =>
  `/partijen${query({ partijIdentificator__codeSoortObjectId: 'bsn', partijIdentificator__objectId: bsn, ...extra })}`;
const byKvk = (kvk: string, extra: Record<string, string> = {}) =>
  `/partijen${query({ partijIdentificator__codeSoortObjectId: 'kvk_nummer', partijIdentificator__objectId: kvk, ...extra })}`;
const uuids = (page: Json) => page.results.map((r: Json) => r.uuid);
const demoPartij = (uuid: string) => demoPartijen.find((p) => p.uuid === uuid)!;

/** A POST /partijen body for a persoon with a BSN, as a portal sends it. */
const newPersoon = (bsn: string, extra: Record<string, unknown> = {}) => ({
  soortPartij: 'persoon',
  indicatieActief: true,
  voorkeurstaal: 'nld',
  digitaleAdressen: [],
  rekeningnummers: [],
  voorkeursDigitaalAdres: null,
  voorkeursRekeningnummer: null,
  partijIdentificatie: { contactnaam: { voorletters: 'A.', voornaam: 'Anna', voorvoegselAchternaam: '', achternaam: 'Bakker' } },
  partijIdentificatoren: [
    {
      anderePartijIdentificator: '',
      partijIdentificator: { codeObjecttype: 'natuurlijk_persoon', codeSoortObjectId: 'bsn', objectId: bsn, codeRegister: 'brp' },
    },
  ],
  ...extra,
});

describe('Klantinteracties simulator', () => {
  let ki: Running;
  let zgw: ZgwSimulator;

  beforeAll(async () => {
    ki = await start({}, async (app) => {
      // The other simulators on the same instance, as in the demo: they must not see this one's hooks.
      app.get('/oidc/ping', async () => ({ pong: true }));
      zgw = await registerZgwSimulator(app, { baseUrl: 'http://127.0.0.1:0', clients: [zgwClient], largeDocumentBytes: 1024 });
    });
  });
  afterAll(() => ki.app.close());
  afterEach(() => {
    ki.sim.setFault('none');
    ki.sim.setLatency(0);
  });

  describe('contract: every answer fits the spec', () => {
    const lists = [
      ['/partijen', 'partij'],
      ['/partij-identificatoren', 'partij-identificator'],
      ['/digitaleadressen', 'digitaal adres'],
      ['/klantcontacten', 'klantcontact'],
      ['/betrokkenen', 'betrokkene'],
      ['/onderwerpobjecten', 'onderwerpobject'],
    ] as const;

    it.each(lists)('every item of %s, listed and read one by one', async (path) => {
      const page = await conforming(await ki.call(path), 'GET', path, 200);
      expect(page.count).toBe(page.results.length);
      expect(page.count).toBeGreaterThan(0);
      for (const listed of page.results) {
        expect(listed.url).toBe(`${ki.sim.url}${path}/${listed.uuid}`);
        expect(await conforming(await ki.call(listed.url), 'GET', `${path}/{uuid}`, 200)).toEqual(listed);
      }
    });

    it('holds the whole demo', async () => {
      const count = async (path: string) => (await (await ki.call(path)).json()).count;
      expect(await count('/partijen')).toBe(demoPartijen.length);
      expect(await count('/digitaleadressen')).toBe(demoPartijen.flatMap((p) => p.digitaleAdressen).length);
      expect(await count('/klantcontacten')).toBe(demoPartijen.flatMap((p) => p.klantcontacten).length);
      expect(await count('/partij-identificatoren')).toBe(demoPartijen.flatMap((p) => p.identificatoren).length);
    });

    it('expands the related resources of a partij, in the list and for one', async () => {
      const suzanne = `/partijen/${notable.suzanne}`;
      for (const expand of [
        'digitaleAdressen',
        'betrokkenen',
        'betrokkenen.hadKlantcontact',
        'categorieRelaties',
        'digitaleAdressen,betrokkenen.hadKlantcontact,categorieRelaties',
      ]) {
        const one = await conforming(await ki.call(`${suzanne}${query({ expand })}`), 'GET', '/partijen/{uuid}', 200);
        const listed = await conforming(await ki.call(byBsn(suzanneBsn, { expand })), 'GET', '/partijen', 200);
        expect(listed.results).toEqual([one]);
        const wanted = new Set(expand.split(',').map((e) => e.split('.')[0]));
        expect(new Set(Object.keys(one._expand))).toEqual(wanted);
        if (wanted.has('digitaleAdressen')) {
          expect(one._expand.digitaleAdressen.map((a: Json) => a.url)).toEqual(one.digitaleAdressen.map((a: Json) => a.url));
          for (const adres of one._expand.digitaleAdressen) expect(await (await ki.call(adres.url)).json()).toEqual(adres);
        }
        if (wanted.has('betrokkenen')) {
          expect(one._expand.betrokkenen.map((b: Json) => b.url)).toEqual(one.betrokkenen.map((b: Json) => b.url));
          for (const betrokkene of one._expand.betrokkenen) {
            const { _expand, ...plain } = betrokkene;
            expect(await (await ki.call(betrokkene.url)).json()).toEqual(plain);
            if (expand.includes('betrokkenen.hadKlantcontact')) {
              expect(_expand.hadKlantcontact.url).toBe(betrokkene.hadKlantcontact.url);
              expect(contract.checkComponent('klantinteracties', 'Klantcontact', _expand.hadKlantcontact)).toEqual([]);
            } else {
              expect(_expand).toBeUndefined();
            }
          }
        }
        if (wanted.has('categorieRelaties')) expect(one._expand.categorieRelaties).toEqual([]);
      }
      // Without expand there is no _expand.
      expect((await (await ki.call(suzanne)).json())._expand).toBeUndefined();
    });

    it('expands the related resources of a klantcontact, in the list and for one', async () => {
      const contact = `/klantcontacten/${notable.suzanneZaakKlantcontact}`;
      const all = 'gingOverOnderwerpobjecten,hadBetrokkenen,hadBetrokkenen.digitaleAdressen,hadBetrokkenen.wasPartij,leiddeTotInterneTaken,omvatteBijlagen';
      for (const expand of ['gingOverOnderwerpobjecten', 'hadBetrokkenen', 'hadBetrokkenen.wasPartij', all]) {
        const one = await conforming(await ki.call(`${contact}${query({ expand })}`), 'GET', '/klantcontacten/{uuid}', 200);
        const listed = await conforming(
          await ki.call(`/klantcontacten${query({ hadBetrokkene__wasPartij__uuid: notable.suzanne, expand })}`),
          'GET',
          '/klantcontacten',
          200,
        );
        expect(listed.results.find((k: Json) => k.uuid === one.uuid)).toEqual(one);
        if (expand.includes('gingOverOnderwerpobjecten')) {
          expect(one._expand.gingOverOnderwerpobjecten).toHaveLength(1);
          expect(one._expand.gingOverOnderwerpobjecten[0].uuid).toBe(notable.suzanneZaakOnderwerpobject);
        }
        if (expand.includes('hadBetrokkenen')) {
          const [betrokkene] = one._expand.hadBetrokkenen;
          expect(betrokkene.wasPartij.uuid).toBe(notable.suzanne);
          if (expand.includes('hadBetrokkenen.wasPartij')) {
            expect(betrokkene._expand.wasPartij.uuid).toBe(notable.suzanne);
            expect(checkPartij(betrokkene._expand.wasPartij)).toEqual([]);
          }
          if (expand === all) {
            expect(betrokkene._expand.digitaleAdressen).toEqual([]);
            expect(one._expand.leiddeTotInterneTaken).toEqual([]);
            expect(one._expand.omvatteBijlagen).toEqual([]);
          }
        }
      }
    });

    it('expands betrokkenen and digitale adressen', async () => {
      const betrokkenen = await conforming(await ki.call(`/betrokkenen${query({ expand: 'digitaleAdressen' })}`), 'GET', '/betrokkenen', 200);
      expect(betrokkenen.results.every((b: Json) => Array.isArray(b._expand.digitaleAdressen))).toBe(true);
      const betrokkene = betrokkenen.results[0];
      expect(await conforming(await ki.call(`${betrokkene.url}?expand=digitaleAdressen`), 'GET', '/betrokkenen/{uuid}', 200)).toEqual(betrokkene);

      const expand = 'verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken';
      const adressen = await conforming(await ki.call(`/digitaleadressen${query({ expand })}`), 'GET', '/digitaleadressen', 200);
      expect(adressen.results.every((a: Json) => a._expand.verstrektDoorBetrokkene === null)).toBe(true);
      await conforming(await ki.call(`${adressen.results[0].url}?expand=verstrektDoorBetrokkene`), 'GET', '/digitaleadressen/{uuid}', 200);
    });

    it('404 with a Fout for an unknown or malformed uuid, and for a path the API does not have', async () => {
      for (const path of ['/partijen', '/partij-identificatoren', '/digitaleadressen', '/klantcontacten', '/betrokkenen', '/onderwerpobjecten']) {
        const fout = await failing(await ki.call(`${path}/${unknown}`), 404);
        expect(fout).toMatchObject({ code: 'not_found' });
        expect(fout.instance).toMatch(/^urn:uuid:/);
        await failing(await ki.call(`${path}/geen-uuid`), 404);
      }
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        await failing(
          await ki.call(`/partijen/${unknown}`, { method, body: method === 'DELETE' ? undefined : { soortPartij: 'persoon', indicatieActief: true } }),
          404,
        );
        await failing(
          await ki.call(`/digitaleadressen/${unknown}`, { method, body: method === 'DELETE' ? undefined : { adres: 'a@b.nl', soortDigitaalAdres: 'email' } }),
          404,
        );
      }
      await failing(await ki.call('/bestaat-niet'), 404);
    });

    it('400 ValidatieFout naming the filter for a malformed filter value; unknown filters are ignored', async () => {
      const malformed: [string, Record<string, string>][] = [
        ['/partijen', { soortPartij: 'robot' }],
        ['/partijen', { vertegenwoordigdePartij__uuid: 'geen-uuid' }],
        ['/partijen', { vertegenwoordigdePartij__url: 'geen url' }],
        ['/partijen', { expand: 'digitaleAdressen,rekeningnummers' }],
        ['/partij-identificatoren', { partijIdentificatorCodeSoortObjectId: 'paspoort' }],
        ['/digitaleadressen', { soortDigitaalAdres: 'fax' }],
        ['/digitaleadressen', { verstrektDoorPartij__uuid: '123' }],
        ['/digitaleadressen', { verificatieDatum__gte: 'gisteren' }],
        ['/digitaleadressen', { verstrektDoorBetrokkene__rol: 'baas' }],
        ['/klantcontacten', { hadBetrokkene__wasPartij__uuid: suzanneBsn }],
        ['/klantcontacten', { hadBetrokkene__wasPartij__url: 'partijen/123' }],
        ['/klantcontacten', { plaatsgevondenOp: 'vorige week' }],
        ['/klantcontacten', { expand: 'hadBetrokkenen.wasPartij.digitaleAdressen' }],
        ['/betrokkenen', { wasPartij__uuid: 'x' }],
        ['/onderwerpobjecten', { klantcontact__uuid: 'x' }],
      ];
      for (const [path, params] of malformed) {
        const fout = await failing(await ki.call(`${path}${query(params)}`), 400);
        expect(
          fout.invalidParams.map((p: Json) => p.name),
          `${path} ${JSON.stringify(params)}`,
        ).toEqual([Object.keys(params)[0]]);
      }
      // django-filter ignores a boolean it cannot read, and the API any filter it does not have.
      const all = (await (await ki.call('/partijen')).json()).count;
      for (const params of [{ indicatieActief: 'ja' }, { bsn: suzanneBsn }, { partijIdentificator__bsn: suzanneBsn }] as Record<string, string>[]) {
        expect((await conforming(await ki.call(`/partijen${query(params)}`), 'GET', '/partijen', 200)).count).toBe(all);
      }
    });

    it('answers 405 with a Fout for every operation of the spec that it does not play', async () => {
      const spec = parse(readFileSync(join(specsDir, 'klantinteracties-api.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
      const played = new Set([
        ...['partijen', 'partij-identificatoren', 'digitaleadressen'].flatMap((r) => [
          `get /${r}`,
          `post /${r}`,
          ...['get', 'put', 'patch', 'delete'].map((m) => `${m} /${r}/{uuid}`),
        ]),
        ...['klantcontacten', 'betrokkenen', 'onderwerpobjecten'].flatMap((r) => [`get /${r}`, `post /${r}`, `get /${r}/{uuid}`]),
        'post /maak-klantcontact',
        'delete /klantcontacten/{uuid}',
        'get /actoren',
        'get /actoren/{uuid}',
        'get /internetaken',
        'post /internetaken',
        'get /internetaken/{uuid}',
      ]);
      let operations = 0;
      let notPlayed = 0;
      for (const [path, pathItem] of Object.entries(spec.paths)) {
        for (const method of Object.keys(pathItem).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))) {
          operations++;
          const response = await ki.call(path.replace('{uuid}', unknown), {
            method: method.toUpperCase(),
            body: ['post', 'put', 'patch'].includes(method) ? {} : undefined,
          });
          if (played.has(`${method} ${path}`)) {
            expect(response.status, `${method} ${path}`).not.toBe(405);
            await response.body?.cancel();
          } else {
            expect((await failing(response, 405)).code, `${method} ${path}`).toBe('method_not_allowed');
            notPlayed++;
          }
        }
      }
      expect(notPlayed).toBe(operations - played.size);
    });
  });

  describe('authorisation (Open Klant tokens)', () => {
    it('answers 401 with a Fout and WWW-Authenticate: Token for a missing, malformed or unknown token', async () => {
      const cases: [string | undefined, string][] = [
        [undefined, 'not_authenticated'],
        ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.x', 'not_authenticated'],
        ['Token', 'authentication_failed'],
        [`Token ${token} extra`, 'authentication_failed'],
        ['Token een-ander-token', 'authentication_failed'],
        [`Token ${token.toUpperCase()}`, 'authentication_failed'],
      ];
      for (const [authorization, code] of cases) {
        for (const [path, method] of [
          ['/partijen', 'GET'],
          [`/partijen/${notable.suzanne}`, 'GET'],
          ['/digitaleadressen', 'POST'],
          [`/digitaleadressen/${unknown}`, 'DELETE'],
        ] as const) {
          const response = await ki.call(path, { method, headers: { authorization }, body: method === 'POST' ? {} : undefined });
          expect(response.headers.get('www-authenticate')).toBe('Token');
          expect((await failing(response, 401)).code, `${authorization} ${method} ${path}`).toBe(code);
        }
      }
      // The scheme is case-insensitive, as in DRF.
      await conforming(await ki.call('/partijen', { headers: { authorization: `token ${token}` } }), 'GET', '/partijen', 200);
    });

    it('accepts each of its tokens', async () => {
      const two = await start({ tokens: ['een', 'twee'] });
      try {
        for (const t of ['een', 'twee']) expect((await two.call('/partijen', { headers: { authorization: `Token ${t}` } })).status).toBe(200);
        expect((await two.call('/partijen')).status).toBe(401);
      } finally {
        await two.app.close();
      }
    });

    it('leaves the other simulators on the same Fastify instance alone', async () => {
      const ping = await fetch(new URL('/oidc/ping', ki.sim.url));
      expect(await ping.json()).toEqual({ pong: true });
      const elsewhere = await fetch(new URL('/elders', ki.sim.url));
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.headers.get('content-type')).not.toMatch(/problem/);
      // The ZGW simulator keeps its own authorisation: a Klantinteracties token is no JWT there.
      const zaaktypen = await fetch(`${zgw.urls.catalogi}/zaaktypen`, { headers: { authorization: `Token ${token}` } });
      expect(zaaktypen.status).toBe(401);
      expect(zaaktypen.headers.get('api-version')).toBe('1.3.1');
    });
  });

  describe('finding a partij', () => {
    it('finds every test person with a partij by BSN, with their digitale adressen', async () => {
      for (const demo of demoPartijen.filter((p) => p.identificatoren[0]!.codeSoortObjectId === 'bsn')) {
        const bsn = demo.identificatoren[0]!.objectId;
        const page = await conforming(await ki.call(byBsn(bsn, { expand: 'digitaleAdressen' })), 'GET', '/partijen', 200);
        expect(uuids(page), bsn).toEqual([demo.uuid]);
        const [partij] = page.results;
        expect(partij.partijIdentificatoren.map((i: Json) => i.partijIdentificator)).toEqual([
          { codeObjecttype: 'natuurlijk_persoon', codeSoortObjectId: 'bsn', objectId: bsn, codeRegister: 'brp' },
        ]);
        expect(partij._expand.digitaleAdressen.map((a: Json) => a.adres).sort()).toEqual(demo.digitaleAdressen.map((a) => a.adres).sort());
        expect(partij.voorkeursDigitaalAdres?.uuid ?? null).toBe(demo.voorkeursDigitaalAdres);
        const person = testPersons.find((p) => p.bsn === bsn);
        if (person) expect(partij.partijIdentificatie.contactnaam.voornaam).toBe(person.voornamen);
      }
    });

    it('gives Suzanne a verified e-mail address as voorkeur and an unverified mobile number', async () => {
      const [suzanne] = (await (await ki.call(byBsn(suzanneBsn, { expand: 'digitaleAdressen' }))).json()).results;
      expect(suzanne.partijIdentificatie.volledigeNaam).toBe('Suzanne de Vries');
      const adressen = suzanne._expand.digitaleAdressen;
      const email = adressen.find((a: Json) => a.soortDigitaalAdres === 'email');
      const mobiel = adressen.find((a: Json) => a.soortDigitaalAdres === 'telefoonnummer');
      expect(email).toMatchObject({
        adres: 'suzanne.devries@example.nl',
        isStandaardAdres: true,
        verificatieDatum: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(suzanne.voorkeursDigitaalAdres.uuid).toBe(email.uuid);
      expect(mobiel).toMatchObject({ adres: '0612345678', verificatieDatum: null });
      expect(adresProblem('telefoonnummer', mobiel.adres)).toBeUndefined();
    });

    it('finds companies by KvK-nummer and a vestiging under its KvK-nummer', async () => {
      expect(uuids(await conforming(await ki.call(byKvk('69599084')), 'GET', '/partijen', 200))).toEqual([notable.bakkerij]);
      expect(uuids(await (await ki.call(byKvk('68750110'))).json())).toEqual([notable.fietsenmaker]);
      const vestiging = {
        partijIdentificator__codeSoortObjectId: 'vestigingsnummer',
        partijIdentificator__objectId: '000038509504',
        subIdentificatorVan__codeSoortObjectId: 'kvk_nummer',
        subIdentificatorVan__objectId: '69599084',
      };
      expect(uuids(await (await ki.call(`/partijen${query(vestiging)}`)).json())).toEqual([notable.bakkerij]);
      expect(uuids(await (await ki.call(`/partijen${query({ ...vestiging, subIdentificatorVan__objectId: '68750110' })}`)).json())).toEqual([]);
      const organisaties = await (await ki.call('/partijen?soortPartij=organisatie')).json();
      expect(uuids(organisaties).sort()).toEqual([notable.bakkerij, notable.fietsenmaker].sort());
    });

    it('has no partij for Anna Bakker and Stichting Buurtkracht', async () => {
      expect((await conforming(await ki.call(byBsn(notable.withoutPartij.bsn)), 'GET', '/partijen', 200)).count).toBe(0);
      expect((await (await ki.call(byKvk(notable.withoutPartij.kvkNummer))).json()).count).toBe(0);
      const identificatoren = await conforming(
        await ki.call(`/partij-identificatoren${query({ partijIdentificatorObjectId: notable.withoutPartij.bsn })}`),
        'GET',
        '/partij-identificatoren',
        200,
      );
      expect(identificatoren.count).toBe(0);
      expect(testPersons.map((p) => p.bsn)).toContain(notable.withoutPartij.bsn);
      expect(testCompanies.map((c) => c.kvkNummer)).toContain(notable.withoutPartij.kvkNummer);
    });

    it("never gives Suzanne's data for someone else's BSN", async () => {
      const others = demoPartijen.filter((p) => notable.others.includes(p.uuid)).map((p) => p.identificatoren[0]!.objectId);
      for (const bsn of [...others, '999990019', notable.withoutPartij.bsn, '123456789']) {
        const partijen = await (await ki.call(byBsn(bsn, { expand: 'digitaleAdressen,betrokkenen' }))).json();
        expect(uuids(partijen)).not.toContain(notable.suzanne);
        expect(JSON.stringify(partijen)).not.toContain('suzanne.devries@example.nl');
        const contacten = await (await ki.call(`/klantcontacten${query({ hadBetrokkene__wasPartij__partijIdentificator__objectId: bsn })}`)).json();
        const suzannes = demoPartij(notable.suzanne).klantcontacten.map((k) => k.uuid);
        expect(uuids(contacten).filter((uuid: string) => suzannes.includes(uuid))).toEqual([]);
      }
      // The other people have their own data, one partij each.
      for (const bsn of others) expect((await (await ki.call(byBsn(bsn))).json()).count).toBe(1);
    });

    it('applies each partijIdentificator__ filter on its own, as Open Klant does', async () => {
      // The bakkerij has a kvk_nummer, and (another) identificator 000038509504: it matches.
      const mixed = await (await ki.call(byKvk('000038509504'))).json();
      expect(uuids(mixed)).toEqual([notable.bakkerij]);
      expect(
        mixed.results[0].partijIdentificatoren.some(
          (i: Json) => i.partijIdentificator.codeSoortObjectId === 'kvk_nummer' && i.partijIdentificator.objectId === '000038509504',
        ),
      ).toBe(false);
      expect(uuids(await (await ki.call(`/partijen${query({ partijIdentificator__codeRegister: 'hr' })}`)).json()).sort()).toEqual(
        [notable.bakkerij, notable.fietsenmaker].sort(),
      );
    });

    it('filters on indicatieActief, nummer and soortPartij', async () => {
      expect((await (await ki.call('/partijen?indicatieActief=false')).json()).count).toBe(0);
      expect((await (await ki.call('/partijen?indicatieActief=true')).json()).count).toBe(demoPartijen.length);
      expect(uuids(await (await ki.call('/partijen?nummer=0000000001')).json())).toEqual([notable.suzanne]);
      expect((await (await ki.call('/partijen?soortPartij=contactpersoon')).json()).count).toBe(0);
    });
  });

  describe('klantcontacten', () => {
    const suzannes = () => demoPartij(notable.suzanne).klantcontacten.map((k) => k.uuid);

    it("finds Suzanne's three klantcontacten by her partij, one about ZAAK-000102", async () => {
      const page = await conforming(
        await ki.call(`/klantcontacten${query({ hadBetrokkene__wasPartij__uuid: notable.suzanne, expand: 'gingOverOnderwerpobjecten' })}`),
        'GET',
        '/klantcontacten',
        200,
      );
      expect(uuids(page).sort()).toEqual(suzannes().sort());
      expect(page.results.map((k: Json) => k.kanaal).sort()).toEqual(['balie', 'e-mail', 'telefoon']);
      const overZaak = page.results.filter((k: Json) => k._expand.gingOverOnderwerpobjecten.length > 0);
      expect(overZaak.map((k: Json) => k.uuid)).toEqual([notable.suzanneZaakKlantcontact]);
      const zaak102 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000102')!;
      expect(overZaak[0]._expand.gingOverOnderwerpobjecten[0].onderwerpobjectidentificator).toEqual({
        objectId: zaak102.uuid,
        codeObjecttype: 'zaak',
        codeRegister: 'open-zaak',
        codeSoortObjectId: 'uuid',
      });
      for (const k of page.results) expect(Date.parse(k.plaatsgevondenOp)).toBeLessThan(Date.now());
    });

    it('has a hoofdOnderwerpType that is the zaak’s zaaktype in the ZGW simulator', async () => {
      const contact = await (await ki.call(`/klantcontacten/${notable.suzanneZaakKlantcontact}`)).json();
      const jwt = await new SignJWT({ client_id: zgwClient.clientId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .sign(new TextEncoder().encode(zgwClient.secret));
      const headers = { authorization: `Bearer ${jwt}`, 'accept-crs': 'EPSG:4326' };
      const zaak = await (await fetch(`${zgw.urls.zaken}/zaken/${demoUuid('a0', 0, 102)}`, { headers })).json();
      expect(contact.hoofdOnderwerpType).toBe(zaak.zaaktype);
      expect((await fetch(contact.hoofdOnderwerpType, { headers })).status).toBe(200);
    });

    it('finds the same klantcontacten by the partij URL or BSN, and filters on zaak and kanaal', async () => {
      const found = async (params: Record<string, string>) =>
        uuids(await conforming(await ki.call(`/klantcontacten${query(params)}`), 'GET', '/klantcontacten', 200)).sort();
      expect(await found({ hadBetrokkene__wasPartij__url: `${ki.sim.url}/partijen/${notable.suzanne}` })).toEqual(suzannes().sort());
      expect(
        await found({
          hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId: 'bsn',
          hadBetrokkene__wasPartij__partijIdentificator__objectId: suzanneBsn,
        }),
      ).toEqual(suzannes().sort());
      expect(await found({ onderwerpobject__onderwerpobjectidentificatorObjectId: demoUuid('a0', 0, 102) })).toEqual([notable.suzanneZaakKlantcontact]);
      expect(await found({ onderwerpobject__onderwerpobjectidentificatorCodeObjecttype: 'zaak' })).toHaveLength(3);
      const balie = await found({ kanaal: 'balie' });
      expect(balie).toHaveLength(2);
      expect(await found({ kanaal: 'balie', hadBetrokkene__wasPartij__uuid: notable.suzanne })).toEqual([demoPartij(notable.suzanne).klantcontacten[2]!.uuid]);
      expect(await found({ hadBetrokkene__wasPartij__uuid: notable.lotte })).toEqual([]);
      expect(await found({ hadBetrokkene__wasPartij__url: `${ki.sim.url}/partijen/geen-uuid` })).toEqual([]);
      expect(await found({ onderwerp: 'PASPOORT' })).toEqual([demoPartij(notable.suzanne).klantcontacten[2]!.uuid]);
      expect(await found({ indicatieContactGelukt: 'false' })).toEqual([]);
      expect(await found({ leiddeTotInterneTaken: 'true' })).toEqual([]);
    });

    it('names the partij of each betrokkene, and finds betrokkenen and onderwerpobjecten by their klantcontact', async () => {
      const contact = await conforming(
        await ki.call(`/klantcontacten/${notable.suzanneZaakKlantcontact}?expand=gingOverOnderwerpobjecten,hadBetrokkenen`),
        'GET',
        '/klantcontacten/{uuid}',
        200,
      );
      expect(contact._expand.hadBetrokkenen.map((b: Json) => [b.wasPartij.uuid, b.rol, b.initiator, b.volledigeNaam])).toEqual([
        [notable.suzanne, 'klant', true, 'Suzanne de Vries'],
      ]);
      const betrokkenen = await conforming(await ki.call(`/betrokkenen?wasPartij__uuid=${notable.suzanne}`), 'GET', '/betrokkenen', 200);
      expect(betrokkenen.count).toBe(3);
      const ofContact = await conforming(await ki.call(`/betrokkenen?hadKlantcontact__uuid=${contact.uuid}`), 'GET', '/betrokkenen', 200);
      expect(uuids(ofContact)).toEqual(contact.hadBetrokkenen.map((b: Json) => b.uuid));
      const objecten = await conforming(await ki.call(`/onderwerpobjecten?klantcontact__uuid=${contact.uuid}`), 'GET', '/onderwerpobjecten', 200);
      expect(uuids(objecten)).toEqual([notable.suzanneZaakOnderwerpobject]);
      const byZaak = await conforming(
        await ki.call(`/onderwerpobjecten?onderwerpobjectidentificatorObjectId=${demoUuid('a0', 0, 102)}`),
        'GET',
        '/onderwerpobjecten',
        200,
      );
      expect(uuids(byZaak)).toEqual([notable.suzanneZaakOnderwerpobject]);
    });
  });

  describe('digitale adressen: finding', () => {
    const found = async (params: Record<string, string>) =>
      (await conforming(await ki.call(`/digitaleadressen${query(params)}`), 'GET', '/digitaleadressen', 200)).results.map((a: Json) => a.adres).sort();

    it('filters on the partij, soort, adres and verification', async () => {
      expect(await found({ verstrektDoorPartij__uuid: notable.suzanne })).toEqual(['0612345678', 'suzanne.devries@example.nl']);
      expect(await found({ verstrektDoorPartij__url: `${ki.sim.url}/partijen/${notable.suzanne}` })).toEqual(['0612345678', 'suzanne.devries@example.nl']);
      expect(await found({ verstrektDoorPartij__partijIdentificator__objectId: suzanneBsn })).toEqual(['0612345678', 'suzanne.devries@example.nl']);
      expect(await found({ verstrektDoorPartij__uuid: notable.suzanne, soortDigitaalAdres: 'email' })).toEqual(['suzanne.devries@example.nl']);
      expect(await found({ verstrektDoorPartij__uuid: notable.suzanne, isGeverifieerd: 'true' })).toEqual(['suzanne.devries@example.nl']);
      expect(await found({ verstrektDoorPartij__uuid: notable.suzanne, isGeverifieerd: 'false' })).toEqual(['0612345678']);
      expect(await found({ adres: 'jan.jansen@example.nl' })).toEqual(['jan.jansen@example.nl']);
      expect(await found({ adres: 'JAN.JANSEN@example.nl' })).toEqual([]);
      expect(await found({ adres__icontains: 'BAKKERIJ' })).toEqual(['info@bakkerij-vandenberg.example.nl']);
      expect(await found({ verstrektDoorPartij__soortPartij: 'organisatie' })).toEqual(['0201234567', 'info@bakkerij-vandenberg.example.nl']);
      expect(await found({ verstrektDoorPartij__uuid: notable.pieter })).toEqual([]);
      expect(await found({ verstrektDoorBetrokkene__rol: 'klant' })).toEqual([]);
    });

    it('filters on verificatieDatum', async () => {
      const dated = await start({ now: new Date('2025-06-15T10:00:00Z') });
      try {
        const adres = async (params: Record<string, string>) =>
          (await (await dated.call(`/digitaleadressen${query({ verstrektDoorPartij__uuid: notable.suzanne, ...params })}`)).json()).results.map(
            (a: Json) => a.soortDigitaalAdres,
          );
        // Suzanne's e-mail address was verified 210 days before now.
        expect(await adres({ verificatieDatum: '2024-11-17' })).toEqual(['email']);
        expect(await adres({ verificatieDatum__gt: '2024-11-17' })).toEqual([]);
        expect(await adres({ verificatieDatum__gte: '2024-11-17' })).toEqual(['email']);
        expect(await adres({ verificatieDatum__lt: '2024-11-18', verificatieDatum__gte: '2024-01-01' })).toEqual(['email']);
        expect(await adres({ verificatieDatum__lte: '2024-11-16' })).toEqual([]);
      } finally {
        await dated.app.close();
      }
    });
  });

  describe('faults, latency and request counts', () => {
    it("'down' answers 503 with a Fout, for this API only", async () => {
      ki.sim.setFault('down');
      const fout = await failing(await ki.call('/partijen'), 503);
      expect(fout.code).toBe('service_unavailable');
      const zaaktypen = await fetch(`${zgw.urls.catalogi}/zaaktypen`);
      expect(zaaktypen.status).toBe(401);
      expect((await fetch(new URL('/oidc/ping', ki.sim.url))).status).toBe(200);
      ki.sim.setFault('none');
      expect((await ki.call('/partijen')).status).toBe(200);
    });

    it("'garbage' answers 200 with a body that is not the spec's: wrong JSON, then HTML", async () => {
      ki.sim.setFault('garbage');
      const first = await ki.call(byBsn(suzanneBsn));
      expect(first.status).toBe(200);
      const body = await first.json();
      expect(body).toEqual({ unexpected: true });
      expect(contract.checkResponse('klantinteracties', 'GET', '/partijen', 200, body)).not.toEqual([]);
      const second = await ki.call(byBsn(suzanneBsn));
      expect(second.status).toBe(200);
      expect(second.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await second.text()).toContain('<html');
      expect((await (await ki.call('/partijen')).json()).unexpected).toBe(true);
    });

    it("'hang' holds requests until the fault is lifted", async () => {
      ki.sim.setFault('hang');
      await expect(ki.call('/partijen', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
      const held = ki.call(`/partijen/${notable.suzanne}`);
      const outcome = await Promise.race([held.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
      expect(outcome).toBe('still waiting');
      ki.sim.setFault('none');
      await conforming(await held, 'GET', '/partijen/{uuid}', 200);
    });

    it('a held request does not keep the app from closing', async () => {
      const other = await start();
      other.sim.setFault('hang');
      const held = other.call('/partijen');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await other.app.close();
      expect((await held).status).toBe(503);
    });

    it('adds latency before every answer', async () => {
      ki.sim.setLatency(250);
      const startedAt = performance.now();
      await conforming(await ki.call('/klantcontacten'), 'GET', '/klantcontacten', 200);
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(240);
    });

    it('counts its requests, whatever the answer, and not those of other simulators', async () => {
      ki.sim.resetCounts();
      expect(ki.sim.requestCount()).toBe(0);
      await ki.call('/partijen');
      await ki.call(`/partijen/${unknown}`);
      await ki.call('/digitaleadressen', { headers: { authorization: undefined } });
      await fetch(`${zgw.urls.catalogi}/zaaktypen`);
      await fetch(new URL('/oidc/ping', ki.sim.url));
      expect(ki.sim.requestCount()).toBe(3);
      ki.sim.resetCounts();
      expect(ki.sim.requestCount()).toBe(0);
    });
  });

  it('gives snapshots in the JSON of the API', async () => {
    const listed = await (await ki.call('/partijen')).json();
    expect(ki.sim.partijen()).toEqual(listed.results);
    expect(ki.sim.digitaleAdressen()).toEqual((await (await ki.call('/digitaleadressen')).json()).results);
    expect(ki.sim.klantcontacten()).toEqual((await (await ki.call('/klantcontacten')).json()).results);
  });
});

describe('Klantinteracties simulator: writing', () => {
  let ki: Running;
  beforeAll(async () => {
    ki = await start();
  });
  afterAll(() => ki.app.close());

  describe('partijen', () => {
    it('creates a partij with a nested BSN identificator that is then found by BSN', async () => {
      const bsn = notable.withoutPartij.bsn;
      const created = await conforming(await ki.call('/partijen', { body: newPersoon(bsn) }), 'POST', '/partijen', 201);
      expect(created).toMatchObject({
        soortPartij: 'persoon',
        indicatieActief: true,
        voorkeurstaal: 'nld',
        digitaleAdressen: [],
        voorkeursDigitaalAdres: null,
        indicatieGeheimhouding: null,
        partijIdentificatie: { volledigeNaam: 'Anna Bakker' },
      });
      expect(created.nummer).toMatch(/^\d{1,10}$/);
      expect(created.partijIdentificatoren).toHaveLength(1);
      expect(created.partijIdentificatoren[0]).toMatchObject({
        identificeerdePartij: { uuid: created.uuid, url: created.url },
        partijIdentificator: { codeObjecttype: 'natuurlijk_persoon', codeSoortObjectId: 'bsn', objectId: bsn, codeRegister: 'brp' },
        subIdentificatorVan: null,
      });
      const found = await conforming(await ki.call(byBsn(bsn, { expand: 'digitaleAdressen' })), 'GET', '/partijen', 200);
      expect(uuids(found)).toEqual([created.uuid]);
      expect(found.results[0]._expand.digitaleAdressen).toEqual([]);
      const identificator = await conforming(await ki.call(created.partijIdentificatoren[0].url), 'GET', '/partij-identificatoren/{uuid}', 200);
      expect(identificator).toEqual(created.partijIdentificatoren[0]);
      expect(ki.sim.partijen().map((p) => p.uuid)).toContain(created.uuid);
    });

    it('creates an organisatie with a KvK-nummer, and without contactnaam a persoon', async () => {
      const organisatie = await conforming(
        await ki.call('/partijen', {
          body: {
            soortPartij: 'organisatie',
            indicatieActief: true,
            partijIdentificatie: { naam: 'Stichting Buurtkracht' },
            partijIdentificatoren: [
              { partijIdentificator: { codeObjecttype: 'niet_natuurlijk_persoon', codeSoortObjectId: 'kvk_nummer', objectId: '90001745', codeRegister: 'hr' } },
            ],
          },
        }),
        'POST',
        '/partijen',
        201,
      );
      expect(organisatie.partijIdentificatie).toEqual({ naam: 'Stichting Buurtkracht' });
      expect(uuids(await (await ki.call(byKvk('90001745'))).json())).toEqual([organisatie.uuid]);

      const bezoekadres = { straatnaam: 'Dorpsstraat', huisnummer: 1, postcode: '1234 AB', stad: 'Voorbeeldstad', adresregel1: 'Dorpsstraat 1', land: 'NL' };
      const patched = await conforming(
        await ki.call(organisatie.url, { method: 'PATCH', body: { bezoekadres, correspondentieadres: { adresregel1: 'Postbus 12' } } }),
        'PATCH',
        '/partijen/{uuid}',
        200,
      );
      expect(patched).toMatchObject({ bezoekadres, correspondentieadres: { adresregel1: 'Postbus 12' } });
      expect(uuids(await (await ki.call('/partijen?bezoekadresAdresregel1=Dorpsstraat%201&correspondentieadresAdresregel1=Postbus%2012')).json())).toEqual([
        organisatie.uuid,
      ]);
      const wrong = await ki.call(organisatie.url, {
        method: 'PATCH',
        body: { bezoekadres: { postcode: '1234ab', huisnummer: 0, land: 'nl', nummeraanduidingId: '123' } },
      });
      expect(await invalidParams(wrong)).toEqual([
        ['bezoekadres.nummeraanduidingId', 'invalid'],
        ['bezoekadres.huisnummer', 'min_value'],
        ['bezoekadres.postcode', 'invalid'],
        ['bezoekadres.land', 'invalid'],
      ]);

      const anoniem = await conforming(
        await ki.call('/partijen', { body: { soortPartij: 'persoon', indicatieActief: false, partijIdentificatie: { contactnaam: null } } }),
        'POST',
        '/partijen',
        201,
      );
      expect(anoniem.partijIdentificatie).toEqual({ contactnaam: null, volledigeNaam: '' });
      expect(anoniem.partijIdentificatoren).toEqual([]);
    });

    it('refuses a partij body with the fields named', async () => {
      const before = ki.sim.partijen().length;
      expect(await invalidParams(await ki.call('/partijen', { body: {} }))).toEqual([
        ['soortPartij', 'required'],
        ['indicatieActief', 'required'],
      ]);
      expect(await invalidParams(await ki.call('/partijen', { body: { soortPartij: 'robot', indicatieActief: 'misschien' } }))).toEqual([
        ['soortPartij', 'invalid_choice'],
        ['indicatieActief', 'invalid'],
      ]);
      const identificator = (partijIdentificator: Record<string, string>) => newPersoon('', { partijIdentificatoren: [{ partijIdentificator }] });
      const bsn = { codeObjecttype: 'natuurlijk_persoon', codeSoortObjectId: 'bsn', codeRegister: 'brp' };
      const elfproef = await failing(await ki.call('/partijen', { body: identificator({ ...bsn, objectId: '999993654' }) }), 400);
      expect(elfproef.invalidParams).toEqual([
        { name: 'partijIdentificatoren.0.partijIdentificatorObjectId', code: 'invalid', reason: 'Deze waarde is ongeldig, reden: Onjuist BSN nummer' },
      ]);
      expect(await invalidParams(await ki.call('/partijen', { body: identificator({ ...bsn, objectId: '12345' }) }))).toEqual([
        ['partijIdentificatoren.0.partijIdentificatorObjectId', 'invalid'],
      ]);
      expect(await invalidParams(await ki.call('/partijen', { body: identificator({ ...bsn, codeRegister: 'hr', objectId: suzanneBsn }) }))).toEqual([
        ['partijIdentificatoren.0.partijIdentificatorCodeObjecttype', 'invalid'],
      ]);
      expect(await invalidParams(await ki.call('/partijen', { body: identificator({ codeSoortObjectId: 'paspoort', objectId: '1' }) }))).toEqual([
        ['partijIdentificatoren.0.partijIdentificator.codeObjecttype', 'required'],
        ['partijIdentificatoren.0.partijIdentificator.codeSoortObjectId', 'invalid_choice'],
        ['partijIdentificatoren.0.partijIdentificator.codeRegister', 'required'],
      ]);
      const named = newPersoon(freeBsn[0]);
      (named.partijIdentificatoren[0] as Json).identificeerdePartij = { uuid: notable.lotte };
      expect(await invalidParams(await ki.call('/partijen', { body: named }))).toEqual([['partijIdentificatoren.identificeerdePartij', 'invalid']]);
      const voorkeur = await failing(
        await ki.call('/partijen', {
          body: newPersoon('', { partijIdentificatoren: [], voorkeursDigitaalAdres: { uuid: demoPartij(notable.lotte).digitaleAdressen[0]!.uuid } }),
        }),
        400,
      );
      expect(voorkeur.invalidParams).toEqual([
        { name: 'voorkeursDigitaalAdres', code: 'invalid', reason: 'Het voorkeurs adres moet een gelinkte digitaal adres zijn.' },
      ]);
      expect(
        await invalidParams(await ki.call('/partijen', { body: newPersoon('', { partijIdentificatoren: [], digitaleAdressen: [{ uuid: unknown }] }) })),
      ).toEqual([['digitaleAdressen.0.uuid', 'invalid']]);
      expect(await invalidParams(await ki.call('/partijen', { body: '{"soortPartij": ' }))).toEqual([['nonFieldErrors', 'parse_error']]);
      expect(await invalidParams(await ki.call('/partijen', { body: [newPersoon('')] }))).toEqual([['nonFieldErrors', 'invalid']]);
      await failing(await ki.call('/partijen', { body: 'soortPartij=persoon', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
      expect(ki.sim.partijen()).toHaveLength(before);
    });

    it('sets the voorkeursDigitaalAdres and the linked digitale adressen with PATCH, and checks PUT', async () => {
      const created = await (await ki.call('/partijen', { body: newPersoon(freeBsn[1]) })).json();
      const adres = await conforming(
        await ki.call('/digitaleadressen', { body: { verstrektDoorPartij: { uuid: created.uuid }, adres: 'nieuw@example.nl', soortDigitaalAdres: 'email' } }),
        'POST',
        '/digitaleadressen',
        201,
      );
      const patched = await conforming(
        await ki.call(created.url, { method: 'PATCH', body: { soortPartij: 'persoon', voorkeursDigitaalAdres: { uuid: adres.uuid } } }),
        'PATCH',
        '/partijen/{uuid}',
        200,
      );
      expect(patched.voorkeursDigitaalAdres).toEqual({ uuid: adres.uuid, url: adres.url });
      expect(patched.digitaleAdressen).toEqual([{ uuid: adres.uuid, url: adres.url }]);
      expect(patched.partijIdentificatoren).toEqual(created.partijIdentificatoren);

      // Not one of its own: 400, and nothing changes.
      const lotte = demoPartij(notable.lotte).digitaleAdressen[0]!.uuid;
      expect(await invalidParams(await ki.call(created.url, { method: 'PATCH', body: { voorkeursDigitaalAdres: { uuid: lotte } } }))).toEqual([
        ['voorkeursDigitaalAdres', 'invalid'],
      ]);
      // Linking Lotte's adres in the same PATCH makes it its own (it moves to this partij).
      const both = await (
        await ki.call(created.url, {
          method: 'PATCH',
          body: { digitaleAdressen: [{ uuid: adres.uuid }, { uuid: lotte }], voorkeursDigitaalAdres: { uuid: lotte } },
        })
      ).json();
      expect(both.voorkeursDigitaalAdres.uuid).toBe(lotte);
      const lottePartij = await (await ki.call(`/partijen/${notable.lotte}`)).json();
      expect(lottePartij.digitaleAdressen).toEqual([]);
      expect(lottePartij.voorkeursDigitaalAdres).toBeNull();

      // Unlinking all adressen clears the voorkeur; the adressen stay, without partij.
      const none = await conforming(await ki.call(created.url, { method: 'PATCH', body: { digitaleAdressen: [] } }), 'PATCH', '/partijen/{uuid}', 200);
      expect(none).toMatchObject({ digitaleAdressen: [], voorkeursDigitaalAdres: null });
      expect((await (await ki.call(adres.url)).json()).verstrektDoorPartij).toBeNull();

      const contactnaam = await (
        await ki.call(created.url, { method: 'PATCH', body: { partijIdentificatie: { contactnaam: { voornaam: 'Annemiek', achternaam: 'Bakker' } } } })
      ).json();
      expect(contactnaam.partijIdentificatie).toEqual({
        contactnaam: { voorletters: '', voornaam: 'Annemiek', voorvoegselAchternaam: '', achternaam: 'Bakker' },
        volledigeNaam: 'Annemiek Bakker',
      });

      expect(await invalidParams(await ki.call(created.url, { method: 'PUT', body: { interneNotitie: 'x' } }))).toEqual([
        ['soortPartij', 'required'],
        ['indicatieActief', 'required'],
      ]);
      const put = await conforming(
        await ki.call(created.url, { method: 'PUT', body: { soortPartij: 'persoon', indicatieActief: false } }),
        'PUT',
        '/partijen/{uuid}',
        200,
      );
      expect(put).toMatchObject({ indicatieActief: false, partijIdentificatoren: created.partijIdentificatoren });
      expect(uuids(await (await ki.call('/partijen?indicatieActief=false')).json())).toContain(created.uuid);
    });

    it('replaces the identificatoren with PUT or PATCH: kept by uuid, created without, the rest deleted', async () => {
      const created = await (await ki.call('/partijen', { body: newPersoon('296648875') })).json();
      const [bsn] = created.partijIdentificatoren;
      const rsin = { partijIdentificator: { codeObjecttype: 'niet_natuurlijk_persoon', codeSoortObjectId: 'rsin', objectId: '123456782', codeRegister: 'hr' } };
      const patched = await conforming(
        await ki.call(created.url, {
          method: 'PATCH',
          body: { partijIdentificatoren: [{ uuid: bsn.uuid, partijIdentificator: bsn.partijIdentificator }, rsin] },
        }),
        'PATCH',
        '/partijen/{uuid}',
        200,
      );
      expect(patched.partijIdentificatoren.map((i: Json) => i.partijIdentificator.codeSoortObjectId)).toEqual(['bsn', 'rsin']);
      expect(patched.partijIdentificatoren[0].uuid).toBe(bsn.uuid);
      const only = await (await ki.call(created.url, { method: 'PATCH', body: { partijIdentificatoren: [rsin] } })).json();
      expect(only.partijIdentificatoren.map((i: Json) => i.partijIdentificator.codeSoortObjectId)).toEqual(['rsin']);
      await failing(await ki.call(bsn.url), 404);
      expect((await (await ki.call(byBsn('296648875'))).json()).count).toBe(0);
      // The same soort twice in one partij.
      const twice = await failing(
        await ki.call(created.url, {
          method: 'PATCH',
          body: { partijIdentificatoren: [rsin, { ...rsin, partijIdentificator: { ...rsin.partijIdentificator, objectId: '111222333' } }] },
        }),
        400,
      );
      expect(twice.invalidParams).toEqual([
        { name: 'partijIdentificatoren.1.__all__', code: 'unique_together', reason: 'Partij identificator met deze Partij en Soort object ID bestaat al.' },
      ]);
      // Duplicate uuids.
      const [current] = only.partijIdentificatoren;
      expect(await invalidParams(await ki.call(created.url, { method: 'PATCH', body: { partijIdentificatoren: [current, current] } }))).toContainEqual([
        'partijIdentificatoren.identificeerdePartij',
        'duplicated',
      ]);
    });

    it('deletes a partij with its identificatoren and digitale adressen; its klantcontacten stay', async () => {
      const own = await start();
      try {
        const { suzanne } = notable;
        const deleted = await own.call(`/partijen/${suzanne}`, { method: 'DELETE' });
        expect(deleted.status).toBe(204);
        expect(await deleted.text()).toBe('');
        await failing(await own.call(`/partijen/${suzanne}`), 404);
        expect((await (await own.call(byBsn(suzanneBsn))).json()).count).toBe(0);
        expect((await (await own.call(`/digitaleadressen?verstrektDoorPartij__uuid=${suzanne}`)).json()).count).toBe(0);
        const contact = await (await own.call(`/klantcontacten/${notable.suzanneZaakKlantcontact}?expand=hadBetrokkenen`)).json();
        expect(contact._expand.hadBetrokkenen[0].wasPartij).toBeNull();
        expect((await (await own.call(`/klantcontacten?hadBetrokkene__wasPartij__uuid=${suzanne}`)).json()).count).toBe(0);
        // The bakkerij's vestigingsnummer goes along with its KvK-nummer.
        expect((await own.call(`/partijen/${notable.bakkerij}`, { method: 'DELETE' })).status).toBe(204);
        expect((await (await own.call('/partij-identificatoren?partijIdentificatorObjectId=000038509504')).json()).count).toBe(0);
      } finally {
        await own.app.close();
      }
    });
  });

  describe('partij-identificatoren', () => {
    const vestiging = (objectId: string, sub: string | null) => ({
      identificeerdePartij: { uuid: notable.bakkerij },
      subIdentificatorVan: sub === null ? null : { uuid: sub },
      partijIdentificator: { codeObjecttype: 'vestiging', codeSoortObjectId: 'vestigingsnummer', objectId, codeRegister: 'hr' },
    });
    const bakkerijKvk = () => demoPartij(notable.bakkerij).identificatoren.find((i) => i.codeSoortObjectId === 'kvk_nummer')!.uuid;

    it('refuses a second identificator with the same values, or a second BSN for one partij', async () => {
      const suzannes = { codeObjecttype: 'natuurlijk_persoon', codeSoortObjectId: 'bsn', objectId: suzanneBsn, codeRegister: 'brp' };
      const again = await failing(await ki.call('/partij-identificatoren', { body: { partijIdentificator: suzannes } }), 400);
      expect(again.invalidParams).toEqual([
        { name: '__all__', code: 'invalid', reason: '`PartijIdentificator` moet uniek zijn, er bestaat er al een met deze gegevenscombinatie.' },
      ]);
      const nested = await failing(await ki.call('/partijen', { body: newPersoon(suzanneBsn) }), 400);
      expect(nested.invalidParams.map((p: Json) => [p.name, p.code])).toEqual([['partijIdentificatoren.0.__all__', 'invalid']]);
      const secondBsn = await failing(
        await ki.call('/partij-identificatoren', {
          body: { identificeerdePartij: { uuid: notable.suzanne }, partijIdentificator: { ...suzannes, objectId: '111222333' } },
        }),
        400,
      );
      expect(secondBsn.invalidParams.map((p: Json) => [p.name, p.code])).toEqual([
        ['__all__', 'unique_together'],
        ['__all__', 'invalid'],
      ]);
      expect((await (await ki.call(byBsn(suzanneBsn))).json()).count).toBe(1);
      // An identificator without partij is allowed, once.
      const loose = await conforming(
        await ki.call('/partij-identificatoren', { body: { partijIdentificator: { ...suzannes, objectId: freeBsn[2] }, identificeerdePartij: null } }),
        'POST',
        '/partij-identificatoren',
        201,
      );
      expect(loose.identificeerdePartij).toBeNull();
    });

    it('needs a kvk_nummer as subIdentificatorVan for a vestigingsnummer, unique under it', async () => {
      const kvk = bakkerijKvk();
      expect(await invalidParams(await ki.call('/partij-identificatoren', { body: vestiging('000038509520', null) }))).toEqual([
        ['subIdentificatorVan', 'invalid'],
      ]);
      const bsnAsParent = demoPartij(notable.suzanne).identificatoren[0]!.uuid;
      expect(await invalidParams(await ki.call('/partij-identificatoren', { body: vestiging('000038509520', bsnAsParent) }))).toEqual([
        ['subIdentificatorVan', 'invalid'],
      ]);
      expect(await invalidParams(await ki.call('/partij-identificatoren', { body: vestiging('0000385', kvk) }))).toEqual([
        ['partijIdentificatorObjectId', 'invalid'],
      ]);
      // A partij has one identificator per soort: the second vestiging goes to a partij of its own.
      const stationsplein = await ki.call('/partij-identificatoren', { body: { ...vestiging('000038509520', kvk), identificeerdePartij: null } });
      const created = await conforming(stationsplein, 'POST', '/partij-identificatoren', 201);
      expect(created.subIdentificatorVan.uuid).toBe(kvk);
      // The snake_case spelling of the spec's own example works too.
      const { subIdentificatorVan: _, ...withoutSub } = vestiging('000038509520', kvk);
      const twice = await failing(
        await ki.call('/partij-identificatoren', { body: { ...withoutSub, identificeerdePartij: null, sub_identificator_van: { uuid: kvk } } }),
        400,
      );
      expect(twice.invalidParams.map((p: Json) => [p.name, p.code])).toEqual([['__all__', 'invalid']]);
      const found = await (
        await ki.call(`/partijen${query({ partijIdentificator__objectId: '000038509504', subIdentificatorVan__objectId: '69599084' })}`)
      ).json();
      expect(uuids(found)).toEqual([notable.bakkerij]);
    });

    it('reads, changes and deletes an identificator, but not one that others are under', async () => {
      const kvk = bakkerijKvk();
      const kvks = await conforming(
        await ki.call('/partij-identificatoren?partijIdentificatorCodeSoortObjectId=kvk_nummer'),
        'GET',
        '/partij-identificatoren',
        200,
      );
      expect(kvks.results.map((i: Json) => i.partijIdentificator.objectId)).toEqual(expect.arrayContaining(['68750110', '69599084']));
      expect(kvks.results.every((i: Json) => i.partijIdentificator.codeSoortObjectId === 'kvk_nummer')).toBe(true);
      const suzannes = await conforming(
        await ki.call(`/partij-identificatoren?partijIdentificatorCodeRegister=brp&partijIdentificatorObjectId=${suzanneBsn}`),
        'GET',
        '/partij-identificatoren',
        200,
      );
      expect(suzannes.results.map((i: Json) => i.identificeerdePartij.uuid)).toEqual([notable.suzanne]);
      const fout = await failing(await ki.call(`/partij-identificatoren/${kvk}`, { method: 'DELETE' }), 400);
      expect(fout.invalidParams[0].reason).toContain('protected foreign keys');
      const changeSoort = await ki.call(`/partij-identificatoren/${kvk}`, {
        method: 'PUT',
        body: { partijIdentificator: { codeObjecttype: 'niet_natuurlijk_persoon', codeSoortObjectId: 'rsin', objectId: '123456782', codeRegister: 'hr' } },
      });
      expect(await invalidParams(changeSoort)).toEqual([['partijIdentificatorCodeSoortObjectId', 'invalid']]);

      const fiets = demoPartij(notable.fietsenmaker).identificatoren[0]!.uuid;
      expect(await invalidParams(await ki.call(`/partij-identificatoren/${fiets}`, { method: 'PUT', body: { anderePartijIdentificator: 'x' } }))).toEqual([
        ['partijIdentificator', 'required'],
      ]);
      const patched = await conforming(
        await ki.call(`/partij-identificatoren/${fiets}`, { method: 'PATCH', body: { anderePartijIdentificator: 'handelsregister' } }),
        'PATCH',
        '/partij-identificatoren/{uuid}',
        200,
      );
      expect(patched).toMatchObject({ anderePartijIdentificator: 'handelsregister', identificeerdePartij: { uuid: notable.fietsenmaker } });
      expect(await invalidParams(await ki.call(`/partij-identificatoren/${fiets}`, { method: 'PATCH', body: { partijIdentificator: {} } }))).toHaveLength(4);
      const put = await conforming(
        await ki.call(`/partij-identificatoren/${fiets}`, {
          method: 'PUT',
          body: {
            identificeerdePartij: { uuid: notable.fietsenmaker },
            partijIdentificator: { codeObjecttype: 'niet_natuurlijk_persoon', codeSoortObjectId: 'kvk_nummer', objectId: '68750111', codeRegister: 'hr' },
          },
        }),
        'PUT',
        '/partij-identificatoren/{uuid}',
        200,
      );
      expect(put.partijIdentificator.objectId).toBe('68750111');
      expect(uuids(await (await ki.call(byKvk('68750111'))).json())).toEqual([notable.fietsenmaker]);
      const deleted = await ki.call(`/partij-identificatoren/${fiets}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect((await (await ki.call(`/partijen/${notable.fietsenmaker}`)).json()).partijIdentificatoren).toEqual([]);
    });
  });

  describe('digitale adressen', () => {
    it('creates, reads, changes and deletes a digitaal adres', async () => {
      const partij = notable.fatima;
      const created = await conforming(
        await ki.call('/digitaleadressen', {
          body: {
            verstrektDoorPartij: { uuid: partij },
            verstrektDoorBetrokkene: null,
            adres: '0612345678',
            soortDigitaalAdres: 'telefoonnummer',
            isStandaardAdres: true,
            omschrijving: 'Mobiel, opgegeven in Mijn Omgeving',
            verificatieDatum: '2025-03-01',
          },
        }),
        'POST',
        '/digitaleadressen',
        201,
      );
      expect(created).toMatchObject({
        verstrektDoorPartij: { uuid: partij, url: `${ki.sim.url}/partijen/${partij}` },
        verstrektDoorBetrokkene: null,
        adres: '0612345678',
        soortDigitaalAdres: 'telefoonnummer',
        isStandaardAdres: true,
        verificatieDatum: '2025-03-01',
      });
      expect(await conforming(await ki.call(created.url), 'GET', '/digitaleadressen/{uuid}', 200)).toEqual(created);
      expect((await (await ki.call(`/partijen/${partij}`)).json()).digitaleAdressen).toContainEqual({ uuid: created.uuid, url: created.url });

      const patched = await conforming(
        await ki.call(created.url, { method: 'PATCH', body: { adres: '+31612345679', verificatieDatum: null } }),
        'PATCH',
        '/digitaleadressen/{uuid}',
        200,
      );
      expect(patched).toMatchObject({
        adres: '+31612345679',
        verificatieDatum: null,
        omschrijving: 'Mobiel, opgegeven in Mijn Omgeving',
        isStandaardAdres: true,
      });
      const put = await conforming(
        await ki.call(created.url, {
          method: 'PUT',
          body: { verstrektDoorPartij: { uuid: partij }, adres: 'fatima@example.nl', soortDigitaalAdres: 'email', verificatieDatum: '2025-04-01' },
        }),
        'PUT',
        '/digitaleadressen/{uuid}',
        200,
      );
      expect(put).toMatchObject({
        adres: 'fatima@example.nl',
        soortDigitaalAdres: 'email',
        verificatieDatum: '2025-04-01',
        omschrijving: 'Mobiel, opgegeven in Mijn Omgeving',
      });
      expect(ki.sim.digitaleAdressen()).toContainEqual(put);

      const deleted = await ki.call(created.url, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      await failing(await ki.call(created.url), 404);
      await failing(await ki.call(created.url, { method: 'DELETE' }), 404);
      expect((await (await ki.call(`/partijen/${partij}`)).json()).digitaleAdressen.map((a: Json) => a.uuid)).not.toContain(created.uuid);
    });

    it('makes a new standaard adres the only standaard one of its soort for the partij', async () => {
      const email = demoPartij(notable.jan).digitaleAdressen[0]!;
      const created = await (
        await ki.call('/digitaleadressen', {
          body: { verstrektDoorPartij: { uuid: notable.jan }, adres: 'jan@example.nl', soortDigitaalAdres: 'email', isStandaardAdres: true },
        })
      ).json();
      expect((await (await ki.call(`/digitaleadressen/${email.uuid}`)).json()).isStandaardAdres).toBe(false);
      // Another partij's standaard e-mail address stays.
      expect((await (await ki.call(`/digitaleadressen/${demoPartij(notable.suzanne).digitaleAdressen[0]!.uuid}`)).json()).isStandaardAdres).toBe(true);
      expect(
        (await (await ki.call(`/digitaleadressen?verstrektDoorPartij__uuid=${notable.jan}&isStandaardAdres=true`)).json()).results.map((a: Json) => a.uuid),
      ).toEqual([created.uuid]);
      // Without isStandaardAdres a new adres is not standaard.
      const plain = await (
        await ki.call('/digitaleadressen', { body: { verstrektDoorPartij: { uuid: notable.jan }, adres: 'jan2@example.nl', soortDigitaalAdres: 'email' } })
      ).json();
      expect(plain.isStandaardAdres).toBe(false);
    });

    it("clears a partij's voorkeursDigitaalAdres when that adres is deleted or leaves the partij", async () => {
      const bakkerij = demoPartij(notable.bakkerij);
      expect((await ki.call(`/digitaleadressen/${bakkerij.voorkeursDigitaalAdres}`, { method: 'DELETE' })).status).toBe(204);
      const partij = await conforming(await ki.call(`/partijen/${notable.bakkerij}`), 'GET', '/partijen/{uuid}', 200);
      expect(partij).toMatchObject({ voorkeursDigitaalAdres: null, digitaleAdressen: [] });

      const karel = demoPartij(notable.others[0]!);
      const loose = await conforming(
        await ki.call(`/digitaleadressen/${karel.voorkeursDigitaalAdres}`, { method: 'PATCH', body: { verstrektDoorPartij: null } }),
        'PATCH',
        '/digitaleadressen/{uuid}',
        200,
      );
      // Without a partij it is nobody's standaard adres any more.
      expect(loose).toMatchObject({ verstrektDoorPartij: null, isStandaardAdres: false });
      expect((await (await ki.call(`/partijen/${karel.uuid}`)).json()).voorkeursDigitaalAdres).toBeNull();
      expect(
        await invalidParams(await ki.call(`/digitaleadressen/${karel.voorkeursDigitaalAdres}`, { method: 'PATCH', body: { isStandaardAdres: true } })),
      ).toEqual([['isStandaardAdres', 'invalid']]);
    });

    it('refuses what Open Klant refuses, naming the field, and stores nothing', async () => {
      const before = ki.sim.digitaleAdressen().length;
      const post = async (body: unknown) => ki.call('/digitaleadressen', { body });
      const base = { verstrektDoorPartij: { uuid: notable.pieter }, soortDigitaalAdres: 'email', adres: 'pieter@example.nl' };
      const required = await failing(await post({}), 400);
      expect(required.invalidParams).toEqual([
        { name: 'adres', code: 'required', reason: 'Dit veld is vereist.' },
        { name: 'soortDigitaalAdres', code: 'required', reason: 'Dit veld is vereist.' },
      ]);
      const email = await failing(await post({ ...base, adres: 'pieter@' }), 400);
      expect(email.invalidParams).toEqual([{ name: 'adres', code: 'invalid', reason: 'Voer een geldig e-mailadres in.' }]);
      const phone = await failing(await post({ ...base, soortDigitaalAdres: 'telefoonnummer', adres: '06-12345678' }), 400);
      expect(phone.invalidParams).toEqual([{ name: 'adres', code: 'invalid', reason: 'Het opgegeven telefoonnummer is ongeldig.' }]);
      const service = await failing(await post({ ...base, soortDigitaalAdres: 'telefoonnummer', adres: '0800123456' }), 400);
      expect(service.invalidParams[0].reason).toContain('0800, 0900, 088, 1400 of 140xx zijn niet toegestaan');
      expect(await invalidParams(await post({ ...base, soortDigitaalAdres: 'fax' }))).toEqual([['soortDigitaalAdres', 'invalid_choice']]);
      expect(await invalidParams(await post({ ...base, adres: '' }))).toEqual([['adres', 'blank']]);
      expect(await invalidParams(await post({ ...base, adres: `${'a'.repeat(70)}@example.nl` }))).toEqual([['adres', 'max_length']]);
      expect(await invalidParams(await post({ ...base, omschrijving: 'Mobiel nummer, opgegeven in Mijn Omgeving' }))).toEqual([['omschrijving', 'max_length']]);
      expect(await invalidParams(await post({ ...base, verificatieDatum: '01-03-2025' }))).toEqual([['verificatieDatum', 'invalid']]);
      expect(await invalidParams(await post({ ...base, verstrektDoorPartij: { uuid: unknown } }))).toEqual([['verstrektDoorPartij.uuid', 'invalid']]);
      expect(await invalidParams(await post({ ...base, verstrektDoorPartij: null, isStandaardAdres: true }))).toEqual([['isStandaardAdres', 'invalid']]);
      expect(await invalidParams(await post({ ...base, referentie: 'met spatie' }))).toEqual([['referentie', 'invalid']]);
      // A referentie is unique per partij and soort.
      await conforming(await post({ ...base, referentie: 'mijn-omgeving' }), 'POST', '/digitaleadressen', 201);
      expect(await invalidParams(await post({ ...base, adres: 'ander@example.nl', referentie: 'mijn-omgeving' }))).toEqual([['nonFieldErrors', 'unique']]);
      await conforming(
        await post({ ...base, soortDigitaalAdres: 'telefoonnummer', adres: '0612345678', referentie: 'mijn-omgeving' }),
        'POST',
        '/digitaleadressen',
        201,
      );
      expect(ki.sim.digitaleAdressen()).toHaveLength(before + 2);

      // With PATCH and PUT the adres is checked against the soort it will have.
      const mobiel = demoPartij(notable.others[1]!).digitaleAdressen[0]!;
      const url = `/digitaleadressen/${mobiel.uuid}`;
      expect(await invalidParams(await ki.call(url, { method: 'PATCH', body: { soortDigitaalAdres: 'email' } }))).toEqual([['adres', 'invalid']]);
      expect(await invalidParams(await ki.call(url, { method: 'PATCH', body: { adres: 'marieke@example.nl' } }))).toEqual([['adres', 'invalid']]);
      expect(await invalidParams(await ki.call(url, { method: 'PUT', body: {} }))).toEqual([
        ['adres', 'required'],
        ['soortDigitaalAdres', 'required'],
      ]);
      expect(await conforming(await ki.call(url, { method: 'PATCH', body: {} }), 'PATCH', '/digitaleadressen/{uuid}', 200)).toMatchObject({
        adres: mobiel.adres,
      });
      await conforming(
        await ki.call(url, { method: 'PATCH', body: { soortDigitaalAdres: 'overig', adres: 'wat dan ook' } }),
        'PATCH',
        '/digitaleadressen/{uuid}',
        200,
      );
    });

    it('takes an adres given at a klantcontact (verstrektDoorBetrokkene) and expands it', async () => {
      const betrokkene = demoPartij(notable.jan).klantcontacten[0]!.betrokkeneUuid;
      const created = await (
        await ki.call('/digitaleadressen', {
          body: { verstrektDoorBetrokkene: { uuid: betrokkene }, adres: 'lotte.jansen@example.nl', soortDigitaalAdres: 'email' },
        })
      ).json();
      const expanded = await conforming(
        await ki.call(`${created.url}?expand=verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken`),
        'GET',
        '/digitaleadressen/{uuid}',
        200,
      );
      expect(expanded._expand.verstrektDoorBetrokkene.uuid).toBe(betrokkene);
      const klantcontact = expanded._expand.verstrektDoorBetrokkene._expand.hadKlantcontact;
      expect(klantcontact.uuid).toBe(demoPartij(notable.jan).klantcontacten[0]!.uuid);
      expect(contract.checkComponent('klantinteracties', 'Klantcontact', klantcontact)).toEqual([]);
      expect(klantcontact._expand).toEqual({ leiddeTotInterneTaken: [] });
      const found = await (await ki.call(`/klantcontacten?hadBetrokkene__digitaaladres__adres__icontains=LOTTE.jansen`)).json();
      expect(uuids(found)).toEqual([klantcontact.uuid]);
      expect(uuids(await (await ki.call(`/digitaleadressen?verstrektDoorBetrokkene__rol=klant`)).json())).toEqual([created.uuid]);
    });
  });
});

describe('Klantinteracties simulator: writing klantcontacten', () => {
  let ki: Running;
  beforeAll(async () => {
    ki = await start();
  });
  afterAll(() => ki.app.close());

  const zaakUuid = 'a1000000-0000-4000-8000-000000000123';
  /** A klantcontact as a portal registers it. */
  const telefoongesprek = (extra: Record<string, unknown> = {}) => ({
    kanaal: 'telefoon',
    onderwerp: 'Vraag over de aanvraag',
    inhoud: 'Mevrouw belde over de status.',
    indicatieContactGelukt: true,
    taal: 'nld',
    vertrouwelijk: false,
    plaatsgevondenOp: '2026-03-02T10:15:00+01:00',
    ...extra,
  });
  const zaakObject = { onderwerpobjectidentificator: { codeObjecttype: 'zaak', codeSoortObjectId: 'uuid', objectId: zaakUuid, codeRegister: 'open-zaak' } };
  const ofPartij = (partij: string) => `/klantcontacten?hadBetrokkene__wasPartij__uuid=${partij}&expand=gingOverOnderwerpobjecten,hadBetrokkenen`;

  it('creates a klantcontact, its betrokkene and onderwerpobject one by one; the partij’s klantcontacten then include it', async () => {
    const contact = await conforming(await ki.call('/klantcontacten', { body: telefoongesprek() }), 'POST', '/klantcontacten', 201);
    expect(contact).toMatchObject({
      kanaal: 'telefoon',
      onderwerp: 'Vraag over de aanvraag',
      inhoud: 'Mevrouw belde over de status.',
      reactie: '',
      indicatieContactGelukt: true,
      verdereActieOndernomen: false,
      taal: 'nld',
      vertrouwelijk: false,
      nummer: null,
      referentienummer: null,
      hadBetrokkenen: [],
      gingOverOnderwerpobjecten: [],
      metadata: {},
    });
    expect(contact.plaatsgevondenOp).toBe('2026-03-02T10:15:00+01:00');
    // A moment with a fraction of a second keeps it, in microseconds, as Django's isoformat writes it.
    const precise = await conforming(
      await ki.call('/klantcontacten', { body: telefoongesprek({ plaatsgevondenOp: '2026-03-02T09:15:00.123Z' }) }),
      'POST',
      '/klantcontacten',
      201,
    );
    expect(precise.plaatsgevondenOp).toBe('2026-03-02T10:15:00.123000+01:00');
    const betrokkene = await conforming(
      await ki.call('/betrokkenen', { body: { hadKlantcontact: { uuid: contact.uuid }, wasPartij: { uuid: notable.lotte }, rol: 'klant', initiator: true } }),
      'POST',
      '/betrokkenen',
      201,
    );
    expect(betrokkene).toMatchObject({ wasPartij: { uuid: notable.lotte }, hadKlantcontact: { uuid: contact.uuid, url: contact.url }, rol: 'klant' });
    const object = await conforming(
      await ki.call('/onderwerpobjecten', { body: { klantcontact: { uuid: contact.uuid }, ...zaakObject } }),
      'POST',
      '/onderwerpobjecten',
      201,
    );
    expect(object).toMatchObject({ klantcontact: { uuid: contact.uuid }, wasKlantcontact: null, ...zaakObject });

    const read = await conforming(await ki.call(contact.url), 'GET', '/klantcontacten/{uuid}', 200);
    expect(read.hadBetrokkenen).toEqual([{ uuid: betrokkene.uuid, url: betrokkene.url }]);
    expect(read.gingOverOnderwerpobjecten).toEqual([{ uuid: object.uuid, url: object.url }]);
    const found = await conforming(await ki.call(ofPartij(notable.lotte)), 'GET', '/klantcontacten', 200);
    expect(uuids(found)).toContain(contact.uuid);
    const byZaak = await (await ki.call(`/klantcontacten?onderwerpobject__onderwerpobjectidentificatorObjectId=${zaakUuid}`)).json();
    expect(uuids(byZaak)).toEqual([contact.uuid]);
    expect(ki.sim.klantcontacten().map((k) => k.uuid)).toContain(contact.uuid);

    // Deleting the klantcontact takes its betrokkene and onderwerpobject along.
    const deleted = await ki.call(contact.url, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    for (const url of [contact.url, betrokkene.url, object.url]) await failing(await ki.call(url), 404);
    await failing(await ki.call(contact.url, { method: 'DELETE' }), 404);
  });

  it('takes plaatsgevondenOp as now when left out, and a naive date-time as Dutch time', async () => {
    const { plaatsgevondenOp, ...zonder } = telefoongesprek();
    const now = await conforming(await ki.call('/klantcontacten', { body: zonder }), 'POST', '/klantcontacten', 201);
    expect(Math.abs(Date.parse(now.plaatsgevondenOp) - Date.now())).toBeLessThan(60_000);
    const naive = await conforming(
      await ki.call('/klantcontacten', { body: { ...zonder, plaatsgevondenOp: '2026-07-01T12:00:00' } }),
      'POST',
      '/klantcontacten',
      201,
    );
    expect(naive.plaatsgevondenOp).toBe('2026-07-01T12:00:00+02:00');
  });

  it('refuses what Open Klant refuses, naming the field, and stores nothing', async () => {
    const before = { k: ki.sim.klantcontacten().length };
    const required = await failing(await ki.call('/klantcontacten', { body: {} }), 400);
    expect(required.invalidParams).toEqual([
      { name: 'kanaal', code: 'required', reason: 'Dit veld is vereist.' },
      { name: 'onderwerp', code: 'required', reason: 'Dit veld is vereist.' },
      { name: 'taal', code: 'required', reason: 'Dit veld is vereist.' },
      { name: 'vertrouwelijk', code: 'required', reason: 'Dit veld is vereist.' },
    ]);
    const post = async (extra: Record<string, unknown>) => invalidParams(await ki.call('/klantcontacten', { body: telefoongesprek(extra) }));
    expect(await post({ kanaal: '', onderwerp: ' ', taal: 'nederlands' })).toEqual([
      ['kanaal', 'blank'],
      ['onderwerp', 'blank'],
      ['taal', 'max_length'],
    ]);
    expect(await post({ inhoud: 'x'.repeat(1001), onderwerp: 'x'.repeat(201), kanaal: 'x'.repeat(51) })).toEqual([
      ['kanaal', 'max_length'],
      ['onderwerp', 'max_length'],
      ['inhoud', 'max_length'],
    ]);
    expect(await post({ vertrouwelijk: 'misschien', indicatieContactGelukt: 'ja', plaatsgevondenOp: '2 maart' })).toEqual([
      ['indicatieContactGelukt', 'invalid'],
      ['vertrouwelijk', 'invalid'],
      ['plaatsgevondenOp', 'invalid'],
    ]);
    expect(await post({ vertrouwelijk: null, nummer: 'A12', hoofdOnderwerpType: 'zaaktype', metadata: { Betreft: 'x'.repeat(256) } })).toEqual([
      ['nummer', 'invalid'],
      ['hoofdOnderwerpType', 'invalid'],
      ['vertrouwelijk', 'null'],
      ['metadata.Betreft', 'max_length'],
    ]);
    const verder = await failing(await ki.call('/klantcontacten', { body: telefoongesprek({ verdereActieOndernomen: true }) }), 400);
    expect(verder.invalidParams).toEqual([
      {
        name: 'nonFieldErrors',
        code: 'no-further-action-when-contact-succesful',
        reason: 'Als het contact gelukt is kan er geen verdere actie zijn ondernomen',
      },
    ]);
    expect(ki.sim.klantcontacten()).toHaveLength(before.k);

    expect(await invalidParams(await ki.call('/betrokkenen', { body: {} }))).toEqual([
      ['hadKlantcontact', 'required'],
      ['rol', 'required'],
      ['initiator', 'required'],
    ]);
    expect(
      await invalidParams(
        await ki.call('/betrokkenen', { body: { hadKlantcontact: { uuid: unknown }, wasPartij: { uuid: unknown }, rol: 'burger', initiator: true } }),
      ),
    ).toEqual([
      ['wasPartij.uuid', 'invalid'],
      ['hadKlantcontact.uuid', 'invalid'],
      ['rol', 'invalid_choice'],
    ]);
    expect(
      await invalidParams(await ki.call('/onderwerpobjecten', { body: { klantcontact: { uuid: unknown }, onderwerpobjectidentificator: { objectId: true } } })),
    ).toEqual([
      ['klantcontact.uuid', 'invalid'],
      ['onderwerpobjectidentificator.objectId', 'invalid'],
    ]);
  });

  it('a unique nummer and referentienummer, never made up', async () => {
    await conforming(await ki.call('/klantcontacten', { body: telefoongesprek({ nummer: '4711', referentienummer: '0815' }) }), 'POST', '/klantcontacten', 201);
    expect(await invalidParams(await ki.call('/klantcontacten', { body: telefoongesprek({ nummer: '4711', referentienummer: '0815' }) }))).toEqual([
      ['nummer', 'unique'],
      ['referentienummer', 'unique'],
    ]);
  });

  it('maak-klantcontact creates all three at once, linked, and answers them', async () => {
    const partij = notable.pieter;
    const made = await conforming(
      await ki.call('/maak-klantcontact', {
        body: {
          klantcontact: telefoongesprek({ onderwerp: 'Stel een vraag' }),
          // hadKlantcontact and onderwerpobject.klantcontact are read-only here: ignored.
          betrokkene: { wasPartij: { uuid: partij }, hadKlantcontact: 'foobar', rol: 'klant', initiator: true },
          onderwerpobject: { klantcontact: 'foobar', ...zaakObject },
        },
      }),
      'POST',
      '/maak-klantcontact',
      201,
    );
    expect(Object.keys(made)).toEqual(['klantcontact', 'betrokkene', 'onderwerpobject']);
    const { klantcontact, betrokkene, onderwerpobject } = made;
    expect(klantcontact.hadBetrokkenen).toEqual([{ uuid: betrokkene.uuid, url: betrokkene.url }]);
    expect(klantcontact.gingOverOnderwerpobjecten).toEqual([{ uuid: onderwerpobject.uuid, url: onderwerpobject.url }]);
    expect(betrokkene).toMatchObject({ hadKlantcontact: { uuid: klantcontact.uuid }, wasPartij: { uuid: partij }, rol: 'klant', initiator: true });
    expect(onderwerpobject).toMatchObject({ klantcontact: { uuid: klantcontact.uuid }, ...zaakObject });
    const found = await conforming(await ki.call(ofPartij(partij)), 'GET', '/klantcontacten', 200);
    const listed = found.results.find((k: Json) => k.uuid === klantcontact.uuid);
    expect(listed._expand.gingOverOnderwerpobjecten[0].onderwerpobjectidentificator.objectId).toBe(zaakUuid);
    expect(listed._expand.hadBetrokkenen[0].wasPartij.uuid).toBe(partij);
    // Not anyone else's.
    expect(uuids(await (await ki.call(ofPartij(notable.suzanne))).json())).not.toContain(klantcontact.uuid);
  });

  it('maak-klantcontact answers null for a betrokkene or onderwerpobject not given, though the spec has no null there', async () => {
    const response = await ki.call('/maak-klantcontact', { body: { klantcontact: telefoongesprek() } });
    expect(response.status).toBe(201);
    const made = await response.json();
    expect(made.betrokkene).toBeNull();
    expect(made.onderwerpobject).toBeNull();
    // The only ways this answer differs from the spec: the two nulls.
    expect(specErrors('POST', '/maak-klantcontact', 201, made).map((e) => e.replace(/^.*201: /, ''))).toEqual([
      '/betrokkene must be object {"type":"object"}',
      '/onderwerpobject must be object {"type":"object"}',
    ]);
    expect(made.klantcontact.hadBetrokkenen).toEqual([]);
  });

  it('maak-klantcontact checks all three before it creates anything, naming the fields under their part', async () => {
    const before = [
      ki.sim.klantcontacten().length,
      (await (await ki.call('/betrokkenen')).json()).count,
      (await (await ki.call('/onderwerpobjecten')).json()).count,
    ];
    const maak = async (body: unknown) => invalidParams(await ki.call('/maak-klantcontact', { body }));
    expect(await maak({})).toEqual([['klantcontact', 'required']]);
    expect(
      await maak({
        klantcontact: { kanaal: 'telefoon', taal: 'incorrect', vertrouwelijk: false },
        betrokkene: { wasPartij: { uuid: unknown }, initiator: true },
        onderwerpobject: { onderwerpobjectidentificator: { objectId: true } },
      }),
    ).toEqual([
      ['klantcontact.onderwerp', 'required'],
      ['klantcontact.taal', 'max_length'],
      ['betrokkene.wasPartij.uuid', 'invalid'],
      ['betrokkene.rol', 'required'],
      ['onderwerpobject.onderwerpobjectidentificator.objectId', 'invalid'],
    ]);
    expect(await maak({ klantcontact: telefoongesprek({ verdereActieOndernomen: true }), betrokkene: null })).toEqual([
      ['klantcontact.nonFieldErrors', 'no-further-action-when-contact-succesful'],
      ['betrokkene', 'null'],
    ]);
    const after = [
      ki.sim.klantcontacten().length,
      (await (await ki.call('/betrokkenen')).json()).count,
      (await (await ki.call('/onderwerpobjecten')).json()).count,
    ];
    expect(after).toEqual(before);
  });

  it('has no /maak-klantcontact when playing Open Klant 2.1 (it came in 2.4): 404', async () => {
    ki.sim.setOpenKlant('2.1');
    try {
      await failing(await ki.call('/maak-klantcontact', { body: { klantcontact: telefoongesprek() } }), 404);
      await conforming(await ki.call('/klantcontacten', { body: telefoongesprek() }), 'POST', '/klantcontacten', 201);
    } finally {
      ki.sim.setOpenKlant('current');
    }
  });

  it('checks kanaal against the Referentielijsten kanalen when that is on', async () => {
    const strict = await start({ kanalen: ['telefoon', 'e-mail', 'balie'] });
    try {
      await conforming(await strict.call('/klantcontacten', { body: telefoongesprek() }), 'POST', '/klantcontacten', 201);
      const wrong = await failing(await strict.call('/maak-klantcontact', { body: { klantcontact: telefoongesprek({ kanaal: 'website' }) } }), 400);
      expect(wrong.invalidParams).toEqual([
        { name: 'klantcontact.kanaal', code: 'invalid', reason: "'website' is not a valid kanaal. Allowed values: telefoon, e-mail, balie" },
      ]);
    } finally {
      await strict.app.close();
    }
  });
});

describe('Klantinteracties simulator: interne taken (a terugbelverzoek)', () => {
  let ki: Running;
  beforeAll(async () => {
    ki = await start();
  });
  afterAll(() => ki.app.close());

  const contact = async () =>
    conforming(
      await ki.call('/klantcontacten', {
        body: { kanaal: 'telefoon', onderwerp: 'Terugbellen', inhoud: '', indicatieContactGelukt: true, taal: 'nld', vertrouwelijk: false },
      }),
      'POST',
      '/klantcontacten',
      201,
    );

  it('lists the demo departments as actoren, and creates an interne taak for one of them about a klantcontact', async () => {
    const actoren = await conforming(await ki.call('/actoren?soortActor=organisatorische_eenheid'), 'GET', '/actoren', 200);
    expect(actoren.results.map((a: Json) => a.naam)).toEqual(['Klantcontactcentrum', 'Team Inkomen', 'Team Parkeren']);
    const klantcontact = await contact();
    const actor = actoren.results[1];
    const taak = await conforming(
      await ki.call('/internetaken', {
        body: {
          aanleidinggevendKlantcontact: { uuid: klantcontact.uuid },
          gevraagdeHandeling: 'Terugbellen',
          toegewezenAanActoren: [{ uuid: actor.uuid }],
          toelichting: 'Vraag over de bijzondere bijstand.',
          status: 'te_verwerken',
        },
      }),
      'POST',
      '/internetaken',
      201,
    );
    expect(taak).toMatchObject({
      gevraagdeHandeling: 'Terugbellen',
      aanleidinggevendKlantcontact: { uuid: klantcontact.uuid },
      toegewezenAanActor: { uuid: actor.uuid },
      toegewezenAanActoren: [{ uuid: actor.uuid, url: actor.url }],
      status: 'te_verwerken',
      afgehandeldOp: null,
    });
    const found = await conforming(await ki.call(`/internetaken?aanleidinggevendKlantcontact__uuid=${klantcontact.uuid}`), 'GET', '/internetaken', 200);
    expect(found.results.map((t: Json) => t.uuid)).toEqual([taak.uuid]);
    // Deleting the klantcontact takes the taak along.
    expect((await ki.call(klantcontact.url, { method: 'DELETE' })).status).toBe(204);
    await failing(await ki.call(taak.url), 404);
  });

  it('refuses what Open Klant refuses: no actor or both actor fields, an unknown actor or klantcontact, a blank handeling, afgehandeldOp while te_verwerken', async () => {
    const klantcontact = await contact();
    const base = { aanleidinggevendKlantcontact: { uuid: klantcontact.uuid }, gevraagdeHandeling: 'Terugbellen', status: 'te_verwerken' };
    const actor = { uuid: '8b1c2f7e-6a3d-4e59-9f0a-1c2d3e4f5a60' };
    const cases: [Record<string, unknown>, string][] = [
      [base, 'nonFieldErrors'],
      [{ ...base, toegewezenAanActor: actor, toegewezenAanActoren: [actor] }, 'nonFieldErrors'],
      [{ ...base, toegewezenAanActoren: [{ uuid: '00000000-0000-4000-8000-000000000000' }] }, 'toegewezenAanActoren.0.uuid'],
      [
        { ...base, aanleidinggevendKlantcontact: { uuid: '00000000-0000-4000-8000-000000000000' }, toegewezenAanActor: actor },
        'aanleidinggevendKlantcontact.uuid',
      ],
      [{ ...base, gevraagdeHandeling: '', toegewezenAanActor: actor }, 'gevraagdeHandeling'],
      [{ ...base, afgehandeldOp: '2026-12-01T10:00:00+01:00', toegewezenAanActor: actor }, 'afgehandeldOp'],
    ];
    for (const [body, field] of cases) {
      const fout = await failing(await ki.call('/internetaken', { body }), 400);
      expect(
        fout.invalidParams.map((p: Json) => p.name),
        JSON.stringify(body),
      ).toEqual([field]);
    }
    expect(ki.sim.interneTaken().filter((t) => t.klantcontact === klantcontact.uuid)).toEqual([]);
  });
});

describe('e-mail and phone validation (Open Klant 2)', () => {
  it("accepts and refuses e-mail addresses as Django's EmailValidator does", () => {
    for (const valid of [
      'suzanne@example.nl',
      'a.b-c+d@sub.example.co.uk',
      "o'reilly@example.com",
      'x@localhost',
      'x@[192.168.0.1]',
      'x@[::1]',
      '"quoted"@example.nl',
      'bea@müller.de',
      'a@b.io',
    ]) {
      expect(isEmailAddress(valid), valid).toBe(true);
    }
    for (const invalid of [
      '',
      'suzanne',
      'suzanne@',
      '@example.nl',
      'suzanne@example',
      'a..b@example.nl',
      '.a@example.nl',
      'a b@example.nl',
      'a@-example.nl',
      'a@example.n',
      'a@example.nl-',
      'a@[999.1.1.1]',
      `${'a'.repeat(320)}@example.nl`,
    ]) {
      expect(isEmailAddress(invalid), invalid).toBe(false);
    }
  });

  it('accepts Dutch and international phone numbers, but no service numbers', () => {
    for (const valid of ['0612345678', '0201234567', '+31612345678', '0031612345678', '+123456789', '001234567'])
      expect(adresProblem('telefoonnummer', valid), valid).toBeUndefined();
    for (const invalid of ['612345678', '06123456789', '06-12345678', '06 12345678', '+3161234', 'O612345678', '']) {
      expect(adresProblem('telefoonnummer', invalid), invalid).toBe('Het opgegeven telefoonnummer is ongeldig.');
    }
    for (const service of ['0800123456', '0900123456', '0881234567', '14020', '1400'])
      expect(adresProblem('telefoonnummer', service), service).toMatch(/niet toegestaan/);
    expect(adresProblem('overig', 'wat dan ook')).toBeUndefined();
  });
});

describe('Klantinteracties simulator options', () => {
  it("openKlant '2.1' ignores the filters Open Klant 2.1 does not have: everyone's klantcontacten and digitale adressen come back", async () => {
    const old = await start({ openKlant: '2.1', pageSize: 3 });
    try {
      const all = old.sim.klantcontacten().length;
      const contacten = await conforming(await old.call(`/klantcontacten?hadBetrokkene__wasPartij__uuid=${notable.suzanne}`), 'GET', '/klantcontacten', 200);
      expect(contacten.count).toBe(all);
      expect(all).toBeGreaterThan(3);
      // Paged as usual: `next` is the same query with page=2.
      const next = new URL(contacten.next);
      expect([next.pathname, next.searchParams.get('page'), next.searchParams.get('hadBetrokkene__wasPartij__uuid')]).toEqual([
        new URL(`${old.sim.url}/klantcontacten`).pathname,
        '2',
        notable.suzanne,
      ]);
      const byIdentificator = await (await old.call(`/klantcontacten?hadBetrokkene__wasPartij__partijIdentificator__objectId=${suzanneBsn}`)).json();
      expect(byIdentificator.count).toBe(all);
      // Filters 2.1 has still work.
      expect((await (await old.call('/klantcontacten?kanaal=balie')).json()).count).toBe(2);
      const adressen = await conforming(await old.call(`/digitaleadressen?verstrektDoorPartij__uuid=${notable.suzanne}`), 'GET', '/digitaleadressen', 200);
      expect(adressen.count).toBe(old.sim.digitaleAdressen().length);

      // Back to the current Open Klant at run time.
      old.sim.setOpenKlant('current');
      old.sim.setPageSize(100);
      expect((await (await old.call(`/klantcontacten?hadBetrokkene__wasPartij__uuid=${notable.suzanne}`)).json()).count).toBe(3);
      expect((await (await old.call(`/digitaleadressen?verstrektDoorPartij__uuid=${notable.suzanne}`)).json()).count).toBe(2);
    } finally {
      await old.app.close();
    }
  });

  it("dataset 'empty' has nothing, and takes what is created", async () => {
    const empty = await start({ dataset: 'empty' });
    try {
      for (const path of ['/partijen', '/partij-identificatoren', '/digitaleadressen', '/klantcontacten', '/betrokkenen', '/onderwerpobjecten']) {
        expect(await conforming(await empty.call(path), 'GET', path, 200)).toEqual({ count: 0, next: null, previous: null, results: [] });
      }
      expect(empty.sim.partijen()).toEqual([]);
      const created = await conforming(await empty.call('/partijen', { body: newPersoon(suzanneBsn) }), 'POST', '/partijen', 201);
      expect(uuids(await (await empty.call(byBsn(suzanneBsn))).json())).toEqual([created.uuid]);
    } finally {
      await empty.app.close();
    }
  });

  it('dates the demo relative to `now`, in Dutch time', async () => {
    const dated = await start({ now: new Date('2025-06-15T10:00:00Z') });
    try {
      const adres = await (await dated.call(`/digitaleadressen/${demoPartij(notable.suzanne).digitaleAdressen[0]!.uuid}`)).json();
      expect(adres.verificatieDatum).toBe('2024-11-17');
      const contact = await (await dated.call(`/klantcontacten/${notable.suzanneZaakKlantcontact}`)).json();
      // 30 days before, at 10:15 in the Netherlands (summer time).
      expect(contact.plaatsgevondenOp).toBe('2025-05-16T10:15:00+02:00');
    } finally {
      await dated.app.close();
    }
  });

  it('pages through with next and previous, pageSize and page=last; a page that does not exist is a 404', async () => {
    const small = await start({ pageSize: 4 });
    try {
      let url: string | null = `${small.sim.url}/partijen?soortPartij=persoon`;
      const seen: string[] = [];
      const pages: Json[] = [];
      while (url) {
        const page: Json = await conforming(await small.call(url), 'GET', '/partijen', 200);
        expect(page.results.length).toBeLessThanOrEqual(4);
        seen.push(...uuids(page));
        pages.push(page);
        url = page.next;
      }
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      expect(pages).toHaveLength(2);
      expect(pages[0].previous).toBeNull();
      expect(new URL(pages[1].previous).searchParams.get('soortPartij')).toBe('persoon');
      expect((await (await small.call(pages[1].previous)).json()).results).toEqual(pages[0].results);
      const sized = await conforming(await small.call('/partijen?pageSize=2&page=last'), 'GET', '/partijen', 200);
      expect(sized.results).toHaveLength(1);
      expect(sized.next).toBeNull();
      expect(new URL(sized.previous).searchParams.get('page')).toBe('4');
      expect((await (await small.call('/partijen?pageSize=0')).json()).results).toHaveLength(4);
      for (const page of ['4', '0', 'x']) expect((await failing(await small.call(`/partijen?page=${page}`), 404)).detail).toBe('Ongeldige pagina.');
    } finally {
      await small.app.close();
    }
  });

  it('serves under the path of baseUrl, with the ZGW simulator elsewhere', async () => {
    const app = Fastify({ logger: false });
    const sim = await registerKlantinteractiesSimulator(app, { baseUrl: 'http://127.0.0.1:0/sim/', tokens: [token], zgwBaseUrl: 'https://zgw.example.nl/' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sim\/klantinteracties\/api\/v1$/);
      const page = await (await fetch(`${sim.url}/klantcontacten/${notable.suzanneZaakKlantcontact}`, { headers: { authorization: `Token ${token}` } })).json();
      expect(page.url.startsWith(`${sim.url}/klantcontacten/`)).toBe(true);
      expect(page.hoofdOnderwerpType).toMatch(/^https:\/\/zgw\.example\.nl\/catalogi\/api\/v1\/zaaktypen\//);
    } finally {
      await app.close();
    }
  });
});
