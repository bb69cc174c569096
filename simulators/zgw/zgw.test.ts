/**
 * Contract and behaviour tests of the ZGW simulator. Every kind of answer it gives is checked
 * against the official spec's schema for that operation and status code, so that a client built
 * and tested against the simulator works against Open Zaak too.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isValidBsn } from '../../src/domain/bsn.ts';
import { testCompanies, testPersons } from '../data/test-identities.ts';
import { demoUuid, vertrouwelijkheidaanduidingen, zgwDemo } from '../data/zgw-demo.ts';
import { Contract } from '../shared/contract.ts';
import type { SpecName } from '../shared/contract.ts';
import { registerZgwSimulator } from './index.ts';
import type { Notificatie, ZgwSimulator, ZgwSimulatorOptions } from './index.ts';

const client = { clientId: 'voordeur-test', secret: 'voordeur-test-zgw-secret' };
const contract = new Contract(['zaken', 'catalogi', 'documenten', 'notificaties']);

async function token(claims: Record<string, unknown> = { client_id: client.clientId }, secret = client.secret, expiresIn?: string): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt();
  if (expiresIn) jwt.setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(secret));
}

interface Running {
  app: FastifyInstance;
  zgw: ZgwSimulator;
  /** GET/POST with a valid token and Accept-Crs; `headers` replace or (undefined) remove defaults. */
  call(url: string, init?: { method?: string; body?: unknown; headers?: Record<string, string | undefined>; signal?: AbortSignal }): Promise<Response>;
}

async function start(options: Partial<ZgwSimulatorOptions> = {}, extra?: (app: FastifyInstance) => void): Promise<Running> {
  const app = Fastify({ logger: false });
  extra?.(app);
  const zgw = await registerZgwSimulator(app, { baseUrl: 'http://127.0.0.1:0', clients: [client], largeDocumentBytes: 64 * 1024, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bearer = `Bearer ${await token()}`;
  return {
    app,
    zgw,
    async call(url, init = {}) {
      const headers: Record<string, string> = {};
      const all: Record<string, string | undefined> = { authorization: bearer, 'accept-crs': 'EPSG:4326', ...init.headers };
      for (const [name, value] of Object.entries(all)) if (value !== undefined) headers[name] = value;
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      return fetch(url, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
        signal: init.signal,
      });
    },
  };
}

/**
 * The body of `response`, after checking its status and content type, and its body against the
 * spec: the response of `method specPath` for that status code.
 */
async function conforming<T = any>(response: Response, spec: SpecName, method: string, specPath: string, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, `${method} ${response.url}: ${text.slice(0, 500)}`).toBe(status);
  const contentType = response.headers.get('content-type') ?? '';
  expect(contentType).toMatch(status >= 400 ? /^application\/problem\+json/ : /^application\/json/);
  const body = JSON.parse(text) as T;
  expect(contract.checkResponse(spec, method, specPath, status, body)).toEqual([]);
  return body;
}

/** The spec's overrides for two relation fields typed `string` in catalogi-api.yaml (see catalogi.ts). */
const urlArray = { type: 'array', items: { type: 'string', format: 'uri' } };

function checkRol(rol: { betrokkeneType: string }) {
  // The spec's Rol has a discriminator on betrokkeneType: check the mapped schema as well.
  expect(contract.checkComponent('zaken', `${rol.betrokkeneType}_Rol`, rol)).toEqual([]);
}

const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const zaakNumber = (n: number) => demoUuid('a0', 0, n);
const suzanne = '999993653';

describe('ZGW simulator', () => {
  let sim: Running;
  let zaken: string;
  let catalogi: string;
  let documenten: string;

  beforeAll(async () => {
    sim = await start({}, (app) => {
      // Another simulator on the same instance, as in the demo: must not see ZGW's hooks.
      app.get('/oidc/ping', async () => ({ pong: true }));
    });
    ({ zaken, catalogi, documenten } = sim.zgw.urls);
  });
  afterAll(() => sim.app.close());
  afterEach(() => {
    for (const api of ['zaken', 'catalogi', 'documenten'] as const) sim.zgw.setFault(api, 'none');
    sim.zgw.setLatency(0);
  });

  describe('contract: every answer fits the spec', () => {
    it('all zaken, statussen, rollen, resultaten and zaakinformatieobjecten of the demo', async () => {
      let url: string | null = `${zaken}/zaken`;
      const all: any[] = [];
      while (url) {
        const page: any = await conforming(await sim.call(url), 'zaken', 'GET', '/zaken', 200);
        all.push(...page.results);
        url = page.next;
      }
      expect(all).toHaveLength(zgwDemo.zaken.length);

      for (const listed of all) {
        const response = await sim.call(listed.url);
        expect(response.headers.get('content-crs')).toBe('EPSG:4326');
        expect(response.headers.get('api-version')).toBe('1.5.1');
        const zaak = await conforming(response, 'zaken', 'GET', '/zaken/{uuid}', 200);
        expect(zaak).toEqual(listed);

        const statussen = await conforming(await sim.call(`${zaken}/statussen${query({ zaak: zaak.url })}`), 'zaken', 'GET', '/statussen', 200);
        expect(statussen.results.length).toBeGreaterThan(0);
        expect(statussen.results.filter((s: any) => s.indicatieLaatstGezetteStatus).map((s: any) => s.url)).toEqual([zaak.status]);
        for (const status of statussen.results) {
          expect(await conforming(await sim.call(status.url), 'zaken', 'GET', '/statussen/{uuid}', 200)).toEqual(status);
        }

        const rollen = await conforming(await sim.call(`${zaken}/rollen${query({ zaak: zaak.url })}`), 'zaken', 'GET', '/rollen', 200);
        expect(rollen.results.map((r: any) => r.url).sort()).toEqual([...zaak.rollen].sort());
        for (const rol of rollen.results) {
          checkRol(rol);
          expect(await conforming(await sim.call(rol.url), 'zaken', 'GET', '/rollen/{uuid}', 200)).toEqual(rol);
        }

        if (zaak.resultaat) {
          await conforming(await sim.call(zaak.resultaat), 'zaken', 'GET', '/resultaten/{uuid}', 200);
          const resultaten = await conforming(await sim.call(`${zaken}/resultaten${query({ zaak: zaak.url })}`), 'zaken', 'GET', '/resultaten', 200);
          expect(resultaten.results.map((r: any) => r.url)).toEqual([zaak.resultaat]);
        }

        const links = await conforming<any[]>(
          await sim.call(`${zaken}/zaakinformatieobjecten${query({ zaak: zaak.url })}`),
          'zaken',
          'GET',
          '/zaakinformatieobjecten',
          200,
        );
        expect(links.map((l) => l.url).sort()).toEqual([...zaak.zaakinformatieobjecten].sort());
        for (const link of links) {
          expect(await conforming(await sim.call(link.url), 'zaken', 'GET', '/zaakinformatieobjecten/{uuid}', 200)).toEqual(link);
          const document = await conforming(await sim.call(link.informatieobject), 'documenten', 'GET', '/enkelvoudiginformatieobjecten/{uuid}', 200);
          expect(contract.checkComponent('documenten', 'EnkelvoudigInformatieObject', document)).toEqual([]);
        }
      }
    });

    it("expand=status puts each zaak's current status in _expand, as Open Zaak does; without expand there is no _expand", async () => {
      const page: any = await conforming(await sim.call(`${zaken}/zaken${query({ expand: 'status' })}`), 'zaken', 'GET', '/zaken', 200);
      const withStatus = page.results.filter((z: any) => z.status);
      expect(withStatus.length).toBeGreaterThan(0);
      for (const zaak of withStatus) expect(zaak._expand.status).toEqual(await (await sim.call(zaak.status)).json());
      for (const zaak of page.results.filter((z: any) => !z.status)) expect(zaak._expand).toEqual({});
      const one: any = await (await sim.call(`${withStatus[0].url}${query({ expand: 'status' })}`)).json();
      expect(one._expand.status.url).toBe(withStatus[0].status);
      const plain: any = await (await sim.call(`${zaken}/zaken`)).json();
      expect(plain.results.some((z: any) => '_expand' in z)).toBe(false);
    });

    it('the whole catalogue', async () => {
      const zaaktypen = await conforming(await sim.call(`${catalogi}/zaaktypen`), 'catalogi', 'GET', '/zaaktypen', 200);
      expect(zaaktypen.count).toBeGreaterThanOrEqual(4);
      for (const listed of zaaktypen.results) {
        const zaaktype = await conforming(await sim.call(listed.url), 'catalogi', 'GET', '/zaaktypen/{uuid}', 200);
        expect(zaaktype).toEqual(listed);
        // The GET operations declare an unspecified object; the spec's ZaakType is what HEAD and POST use.
        expect(contract.checkComponent('catalogi', 'ZaakType', zaaktype, { informatieobjecttypen: urlArray })).toEqual([]);
        expect(zaaktype.statustypen.length).toBeGreaterThanOrEqual(3);
        expect(zaaktype.statustypen.length).toBeLessThanOrEqual(6);

        const statustypen = await conforming(
          await sim.call(`${catalogi}/statustypen${query({ zaaktype: zaaktype.url })}`),
          'catalogi',
          'GET',
          '/statustypen',
          200,
        );
        expect(statustypen.results.map((s: any) => s.url)).toEqual(zaaktype.statustypen);
        expect(statustypen.results.map((s: any) => s.isEindstatus)).toEqual(statustypen.results.map((_: unknown, i: number) => i === statustypen.count - 1));
        for (const statustype of statustypen.results) {
          expect(statustype.statustekst).not.toBe('');
          expect(await conforming(await sim.call(statustype.url), 'catalogi', 'GET', '/statustypen/{uuid}', 200)).toEqual(statustype);
        }

        const resultaattypen = await conforming(
          await sim.call(`${catalogi}/resultaattypen${query({ zaaktype: zaaktype.url })}`),
          'catalogi',
          'GET',
          '/resultaattypen',
          200,
        );
        expect(resultaattypen.results.map((r: any) => r.url)).toEqual(zaaktype.resultaattypen);
        for (const resultaattype of resultaattypen.results) {
          expect(await conforming(await sim.call(resultaattype.url), 'catalogi', 'GET', '/resultaattypen/{uuid}', 200)).toEqual(resultaattype);
        }

        const roltypen = await conforming(await sim.call(`${catalogi}/roltypen${query({ zaaktype: zaaktype.url })}`), 'catalogi', 'GET', '/roltypen', 200);
        expect(roltypen.results.map((r: any) => r.url)).toEqual(zaaktype.roltypen);
        for (const roltype of roltypen.results) {
          expect(await conforming(await sim.call(roltype.url), 'catalogi', 'GET', '/roltypen/{uuid}', 200)).toEqual(roltype);
        }

        const catalogus = await conforming(await sim.call(zaaktype.catalogus), 'catalogi', 'GET', '/catalogussen/{uuid}', 200);
        expect(catalogus.zaaktypen).toContain(zaaktype.url);
      }

      const informatieobjecttypen = await conforming(await sim.call(`${catalogi}/informatieobjecttypen`), 'catalogi', 'GET', '/informatieobjecttypen', 200);
      expect(informatieobjecttypen.results.map((i: any) => i.omschrijving)).toEqual(
        expect.arrayContaining(['Bewijsstuk', 'Besluit', 'Aanvraag', 'Correspondentie']),
      );
      for (const listed of informatieobjecttypen.results) {
        const type = await conforming(await sim.call(listed.url), 'catalogi', 'GET', '/informatieobjecttypen/{uuid}', 200);
        expect(type).toEqual(listed);
        expect(contract.checkComponent('catalogi', 'InformatieObjectType', type, { zaaktypen: urlArray })).toEqual([]);
      }
    });

    it('404 for an unknown uuid, with the Fout body, in each API', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const cases: [SpecName, string, string][] = [
        ['zaken', `${zaken}/zaken/${unknown}`, '/zaken/{uuid}'],
        ['zaken', `${zaken}/statussen/${unknown}`, '/statussen/{uuid}'],
        ['zaken', `${zaken}/rollen/${unknown}`, '/rollen/{uuid}'],
        ['zaken', `${zaken}/resultaten/${unknown}`, '/resultaten/{uuid}'],
        ['zaken', `${zaken}/zaakinformatieobjecten/${unknown}`, '/zaakinformatieobjecten/{uuid}'],
        ['catalogi', `${catalogi}/zaaktypen/${unknown}`, '/zaaktypen/{uuid}'],
        ['catalogi', `${catalogi}/statustypen/${unknown}`, '/statustypen/{uuid}'],
        ['catalogi', `${catalogi}/resultaattypen/${unknown}`, '/resultaattypen/{uuid}'],
        ['catalogi', `${catalogi}/roltypen/${unknown}`, '/roltypen/{uuid}'],
        ['catalogi', `${catalogi}/informatieobjecttypen/${unknown}`, '/informatieobjecttypen/{uuid}'],
        ['catalogi', `${catalogi}/catalogussen/${unknown}`, '/catalogussen/{uuid}'],
        ['documenten', `${documenten}/enkelvoudiginformatieobjecten/${unknown}`, '/enkelvoudiginformatieobjecten/{uuid}'],
        ['documenten', `${documenten}/enkelvoudiginformatieobjecten/${unknown}/download`, '/enkelvoudiginformatieobjecten/{uuid}/download'],
      ];
      for (const [spec, url, path] of cases) {
        const fout = await conforming(await sim.call(url), spec, 'GET', path, 404);
        expect(fout).toMatchObject({ status: 404, code: 'not_found' });
        expect(fout.instance).toMatch(/^urn:uuid:/);
      }
      // A path the API does not have: also a Fout, not Fastify's own error shape.
      const response = await sim.call(`${zaken}/bestaat-niet`);
      expect(response.status).toBe(404);
      expect(contract.checkComponent('zaken', 'Fout', await response.json())).toEqual([]);
    });

    it('400 ValidatieFout for a filter value that is not a choice, a bad URL, a bad page or ordering', async () => {
      const invalidFilters: Record<string, string>[] = [
        { rol__omschrijvingGeneriek: 'eigenaar' },
        { zaaktype: 'geen url' },
        { page: '0' },
        { page: 'x' },
        { page: '99' },
        { ordering: 'omschrijving' },
      ];
      for (const params of invalidFilters) {
        const fout = await conforming(await sim.call(`${zaken}/zaken${query(params)}`), 'zaken', 'GET', '/zaken', 400);
        expect(fout.invalidParams).toEqual([expect.objectContaining({ name: Object.keys(params)[0] })]);
      }
      await conforming(await sim.call(`${zaken}/rollen${query({ betrokkeneType: 'robot' })}`), 'zaken', 'GET', '/rollen', 400);
      await conforming(await sim.call(`${zaken}/statussen${query({ zaak: 'geen url' })}`), 'zaken', 'GET', '/statussen', 400);
      await conforming(await sim.call(`${zaken}/zaakinformatieobjecten${query({ zaak: 'geen url' })}`), 'zaken', 'GET', '/zaakinformatieobjecten', 400);
      await conforming(await sim.call(`${catalogi}/statustypen${query({ status: 'x' })}`), 'catalogi', 'GET', '/statustypen', 400);
    });
  });

  describe('authorisation (ZGW JWT)', () => {
    it('answers 401 without a token and 403 for a token that is not a known client’s, with Fout bodies', async () => {
      const url = `${zaken}/zaken`;
      const missing = await conforming(await sim.call(url, { headers: { authorization: undefined } }), 'zaken', 'GET', '/zaken', 401);
      expect(missing).toMatchObject({ status: 401, code: 'not_authenticated' });
      await conforming(await sim.call(url, { headers: { authorization: 'Basic dm9vcmRldXI6Z2VoZWlt' } }), 'zaken', 'GET', '/zaken', 401);

      const forbidden = [
        await token({ client_id: client.clientId }, 'een ander geheim'),
        await token({ client_id: 'onbekend' }, client.secret),
        await token({ iss: client.clientId }),
        await token({ client_id: client.clientId }, client.secret, '-1 minute'),
        'geen.jwt.token',
      ];
      for (const jwt of forbidden) {
        const fout = await conforming(await sim.call(url, { headers: { authorization: `Bearer ${jwt}` } }), 'zaken', 'GET', '/zaken', 403);
        expect(fout).toMatchObject({ status: 403, code: 'permission_denied' });
      }

      await conforming(await sim.call(`${catalogi}/zaaktypen`, { headers: { authorization: undefined } }), 'catalogi', 'GET', '/zaaktypen', 401);
      await conforming(
        await sim.call(`${documenten}/enkelvoudiginformatieobjecten/${zgwDemo.notable.largeDocument}`, {
          headers: { authorization: `Bearer ${forbidden[0]}` },
        }),
        'documenten',
        'GET',
        '/enkelvoudiginformatieobjecten/{uuid}',
        403,
      );
      await conforming(
        await sim.call(`${documenten}/enkelvoudiginformatieobjecten/${zgwDemo.notable.largeDocument}/download`, { headers: { authorization: undefined } }),
        'documenten',
        'GET',
        '/enkelvoudiginformatieobjecten/{uuid}/download',
        401,
      );
    });

    it('leaves other simulators on the same Fastify instance alone', async () => {
      const response = await fetch(new URL('/oidc/ping', zaken));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ pong: true });
      const elsewhere = await fetch(new URL('/elders', zaken));
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.headers.get('content-type')).not.toMatch(/problem/);
    });
  });

  describe('Accept-Crs', () => {
    it('is required on /zaken and /zaken/{uuid}: 412 without it, 406 for another CRS', async () => {
      for (const [url, path] of [
        [`${zaken}/zaken`, '/zaken'],
        [`${zaken}/zaken/${zaakNumber(101)}`, '/zaken/{uuid}'],
      ] as const) {
        const fout = await conforming(await sim.call(url, { headers: { 'accept-crs': undefined } }), 'zaken', 'GET', path, 412);
        expect(fout).toMatchObject({ status: 412, code: 'precondition_failed' });
        await conforming(await sim.call(url, { headers: { 'accept-crs': 'EPSG:28992' } }), 'zaken', 'GET', path, 406);
      }
    });

    it('is not needed on the other resources', async () => {
      await conforming(await sim.call(`${zaken}/statussen`, { headers: { 'accept-crs': undefined } }), 'zaken', 'GET', '/statussen', 200);
      await conforming(
        await sim.call(`${zaken}/zaakinformatieobjecten`, { headers: { 'accept-crs': undefined } }),
        'zaken',
        'GET',
        '/zaakinformatieobjecten',
        200,
      );
    });
  });

  describe('finding zaken', () => {
    const list = async (params: Record<string, string>) => {
      const page = await conforming(await sim.call(`${zaken}/zaken${query(params)}`), 'zaken', 'GET', '/zaken', 200);
      expect(page.count).toBe(page.results.length);
      return page.results as { uuid: string; identificatie: string; startdatum: string; einddatum: string | null; omschrijving: string }[];
    };
    const initiatorBsn = (bsn: string, extra: Record<string, string> = {}) =>
      list({ rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: bsn, rol__omschrijvingGeneriek: 'initiator', ...extra });

    it('matches each rol filter on its own, as Open Zaak does: a zaak where the person is only belanghebbende comes back', async () => {
      const asInitiator = await initiatorBsn(suzanne);
      // Karel de Boer is initiator of 901 and Suzanne only belanghebbende: some rol has her BSN,
      // some rol is initiator, so Open Zaak (and the simulator) returns it.
      expect(asInitiator.map((z) => z.uuid)).toContain(zgwDemo.notable.suzanneOnlyBelanghebbende);
      const anyRol = await list({ rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: suzanne });
      expect(anyRol.map((z) => z.uuid).sort()).toEqual(asInitiator.map((z) => z.uuid).sort());
      const asBelanghebbende = await list({ rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: suzanne, rol__omschrijvingGeneriek: 'belanghebbende' });
      expect(asBelanghebbende.map((z) => z.uuid)).toEqual([zgwDemo.notable.suzanneOnlyBelanghebbende]);
      expect((await initiatorBsn('111222333', { rol__omschrijvingGeneriek: 'belanghebbende' })).map((z) => z.uuid)).toEqual([
        zgwDemo.notable.suzanneOnlyBelanghebbende,
      ]);
      // The rollen list filters one rol with all its filters: that is where a client checks.
      const rollen = await conforming(
        await sim.call(`${zaken}/rollen${query({ betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: suzanne, omschrijvingGeneriek: 'initiator' })}`),
        'zaken',
        'GET',
        '/rollen',
        200,
      );
      expect(rollen.results.map((r: { zaak: string }) => r.zaak)).not.toContain(`${zaken}/zaken/${zgwDemo.notable.suzanneOnlyBelanghebbende}`);
    });

    it('filters on maximaleVertrouwelijkheidaanduiding as Open Zaak does (that one and more open), and serves indicatieInternOfExtern', async () => {
      const pieter = '999995571';
      const all = await initiatorBsn(pieter);
      expect(all.map((z) => z.uuid)).toContain(zgwDemo.notable.pieterConfidentieel);
      const upToVertrouwelijk = await initiatorBsn(pieter, { maximaleVertrouwelijkheidaanduiding: 'vertrouwelijk' });
      expect(upToVertrouwelijk.map((z) => z.uuid)).not.toContain(zgwDemo.notable.pieterConfidentieel);
      expect(upToVertrouwelijk).toHaveLength(all.length - 1);
      expect((await initiatorBsn(pieter, { maximaleVertrouwelijkheidaanduiding: 'confidentieel' })).map((z) => z.uuid)).toContain(
        zgwDemo.notable.pieterConfidentieel,
      );
      const intern = all.find((z) => z.uuid === zgwDemo.notable.pieterIntern) as unknown as { zaaktype: string };
      const zaaktype = await conforming(await sim.call(intern.zaaktype), 'catalogi', 'GET', '/zaaktypen/{uuid}', 200);
      expect(zaaktype.indicatieInternOfExtern).toBe('intern');
    });

    it('gives every test person and company the zaken of the demo', async () => {
      const suzannes = await initiatorBsn(suzanne);
      expect(suzannes.length).toBeGreaterThanOrEqual(12);
      // Her three open zaken, and 901 where she is only belanghebbende (the filters match on their own).
      expect(suzannes.filter((z) => z.einddatum === null)).toHaveLength(4);
      expect(await initiatorBsn(suzanne, { einddatum__isnull: 'true' })).toHaveLength(4);
      expect((await initiatorBsn(suzanne, { einddatum__isnull: 'false' })).length).toBeGreaterThanOrEqual(2);

      const expected: Record<string, number> = { '999990019': 2, '999990482': 1, '999995571': 3, '999991772': 1, '999992570': 0 };
      for (const [bsn, count] of Object.entries(expected)) expect(await initiatorBsn(bsn), bsn).toHaveLength(count);
      expect(await initiatorBsn('999991772', { einddatum__isnull: 'true' })).toHaveLength(1);
      expect(testPersons.map((p) => p.bsn)).toEqual(expect.arrayContaining(Object.keys(expected)));

      const nnp = (kvk: string) => list({ rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId: kvk, rol__omschrijvingGeneriek: 'initiator' });
      expect((await nnp('69599084')).map((z) => z.identificatie).sort()).toEqual(['ZAAK-000301', 'ZAAK-000302']);
      expect(await nnp('68750110')).toHaveLength(1);
      expect(await nnp('90001745')).toHaveLength(0);
      const bakkerij = testCompanies.find((c) => c.kvkNummer === '69599084')!;
      for (const { vestigingsnummer } of bakkerij.vestigingen) {
        expect(await list({ rol__betrokkeneIdentificatie__vestiging__vestigingsNummer: vestigingsnummer }), vestigingsnummer).toHaveLength(1);
      }
    });

    it('has zaken of other people, with valid BSNs that are not test persons', () => {
      const others = zgwDemo.zaken.filter((z) => z.owner.kind === 'persoon' && !testPersons.some((p) => z.owner.kind === 'persoon' && p.bsn === z.owner.bsn));
      expect(others.length).toBeGreaterThanOrEqual(2);
      for (const zaak of others) expect(zaak.owner.kind === 'persoon' && isValidBsn(zaak.owner.bsn)).toBe(true);
      expect(others.some((z) => z.documenten.length > 0)).toBe(true);
    });

    it('filters on identificatie and zaaktype, and orders on startdatum and einddatum', async () => {
      expect((await list({ identificatie: 'ZAAK-000101' })).map((z) => z.omschrijving)).toEqual(['Parkeervergunning Wilhelminastraat']);
      const zaaktype = zgwDemo.zaaktypen.find((z) => z.key === 'parkeervergunning')!;
      const parkeren = await list({ zaaktype: `${catalogi}/zaaktypen/${zaaktype.uuid}` });
      expect(parkeren.map((z) => z.identificatie)).toEqual(expect.arrayContaining(['ZAAK-000101', 'ZAAK-000105']));
      expect(parkeren).toHaveLength(zgwDemo.zaken.filter((z) => z.zaaktype === 'parkeervergunning').length);

      const ascending = await initiatorBsn(suzanne, { ordering: 'startdatum' });
      expect(ascending.map((z) => z.startdatum)).toEqual(ascending.map((z) => z.startdatum).sort());
      const descending = await initiatorBsn(suzanne, { ordering: '-startdatum' });
      expect(descending.map((z) => z.uuid)).toEqual(ascending.map((z) => z.uuid).reverse());
      const byEnd = await initiatorBsn(suzanne, { ordering: '-einddatum' });
      // Open zaken (no einddatum) first when descending, as in PostgreSQL; then the latest closed.
      expect(byEnd.slice(0, 3).every((z) => z.einddatum === null)).toBe(true);
      const ends = byEnd.slice(3).map((z) => z.einddatum!);
      expect(ends).toEqual([...ends].sort().reverse());
    });

    it('pages through with next and previous', async () => {
      const small = await start({ pageSize: 2 });
      try {
        const params = { rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: suzanne, rol__omschrijvingGeneriek: 'initiator', ordering: '-startdatum' };
        let url: string | null = `${small.zgw.urls.zaken}/zaken${query(params)}`;
        const seen: string[] = [];
        const pages: any[] = [];
        while (url) {
          const page: any = await conforming(await small.call(url), 'zaken', 'GET', '/zaken', 200);
          expect(page.results.length).toBeLessThanOrEqual(2);
          seen.push(...page.results.map((z: any) => z.uuid));
          pages.push(page);
          url = page.next;
        }
        expect(pages[0].previous).toBeNull();
        expect(pages[0].count).toBe(seen.length);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBeGreaterThanOrEqual(12);
        expect(pages).toHaveLength(Math.ceil(seen.length / 2));
        // The filters stay in the links; previous of page 2 is page 1.
        expect(new URL(pages[1].previous).searchParams.get('rol__omschrijvingGeneriek')).toBe('initiator');
        const back: any = await conforming(await small.call(pages[1].previous), 'zaken', 'GET', '/zaken', 200);
        expect(back.results).toEqual(pages[0].results);

        const statussen = await conforming(
          await small.call(`${small.zgw.urls.zaken}/statussen${query({ zaak: `${small.zgw.urls.zaken}/zaken/${zgwDemo.notable.longHistory}` })}`),
          'zaken',
          'GET',
          '/statussen',
          200,
        );
        expect(statussen.count).toBeGreaterThanOrEqual(5);
        expect(statussen.next).toMatch(/page=2/);
        expect(statussen.results.every((s: any) => s.statustoelichting !== '')).toBe(true);
      } finally {
        await small.app.close();
      }
    });

    it('finds the zaak with the search word in its omschrijving', async () => {
      const found = (await initiatorBsn(suzanne)).filter((z) => z.omschrijving.includes(zgwDemo.notable.search.word));
      expect(found.map((z) => z.uuid)).toEqual([zgwDemo.notable.search.zaak]);
    });
  });

  describe('documents', () => {
    it('has one document of every vertrouwelijkheidaanduiding and the large document on one open zaak', async () => {
      const zaakUrl = `${zaken}/zaken/${zgwDemo.notable.documentsOfEveryVertrouwelijkheid}`;
      const zaak = await conforming(await sim.call(zaakUrl), 'zaken', 'GET', '/zaken/{uuid}', 200);
      expect(zaak.einddatum).toBeNull();
      const links = await conforming<any[]>(
        await sim.call(`${zaken}/zaakinformatieobjecten${query({ zaak: zaakUrl })}`),
        'zaken',
        'GET',
        '/zaakinformatieobjecten',
        200,
      );
      const documents = await Promise.all(links.map(async (l) => (await sim.call(l.informatieobject)).json()));
      expect(new Set(documents.map((d: any) => d.vertrouwelijkheidaanduiding))).toEqual(new Set(vertrouwelijkheidaanduidingen));
      const large = documents.find((d: any) => d.url.endsWith(zgwDemo.notable.largeDocument));
      expect(large).toMatchObject({ vertrouwelijkheidaanduiding: 'openbaar', formaat: 'application/pdf', bestandsomvang: 64 * 1024 });

      for (const document of documents) {
        expect(document.inhoud).toBe(`${document.url}/download`);
        const response = await sim.call(document.inhoud);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain(document.formaat);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(Number(response.headers.get('content-length'))).toBe(document.bestandsomvang);
        expect(bytes.length).toBe(document.bestandsomvang);
        if (document.formaat === 'application/pdf') expectValidPdf(bytes);
        if (document.formaat === 'image/png') expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      }
    });

    it('stores an uploaded document and its link to a zaak, and gives both back', async () => {
      const notifications: Notificatie[] = [];
      sim.zgw.onNotification((n) => notifications.push(n));
      const bytes = Buffer.from('%PDF-1.4\nhet bewijs\n%%EOF\n');
      const informatieobjecttype = `${catalogi}/informatieobjecttypen/${zgwDemo.informatieobjecttypen.find((t) => t.key === 'bewijsstuk')!.uuid}`;
      const created = await conforming(
        await sim.call(`${documenten}/enkelvoudiginformatieobjecten`, {
          body: {
            bronorganisatie: zgwDemo.organisatie.rsin,
            creatiedatum: '2025-03-01',
            titel: 'Loonstrook februari',
            auteur: 'Suzanne de Vries',
            taal: 'dut',
            formaat: 'application/pdf',
            bestandsnaam: 'loonstrook februari.pdf',
            inhoud: bytes.toString('base64'),
            informatieobjecttype,
            indicatieGebruiksrecht: false,
          },
        }),
        'documenten',
        'POST',
        '/enkelvoudiginformatieobjecten',
        201,
      );
      expect(created).toMatchObject({
        titel: 'Loonstrook februari',
        bestandsomvang: bytes.length,
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
        locked: false,
      });
      const read = await conforming(await sim.call(created.url), 'documenten', 'GET', '/enkelvoudiginformatieobjecten/{uuid}', 200);
      expect(read).toEqual(created);
      const download = await sim.call(created.inhoud);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
      expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''loonstrook%20februari.pdf");

      const zaakUrl = `${zaken}/zaken/${zaakNumber(101)}`;
      const link = await conforming(
        await sim.call(`${zaken}/zaakinformatieobjecten`, { body: { zaak: zaakUrl, informatieobject: created.url, titel: 'Loonstrook' } }),
        'zaken',
        'POST',
        '/zaakinformatieobjecten',
        201,
      );
      expect(link).toMatchObject({ zaak: zaakUrl, informatieobject: created.url, aardRelatieWeergave: 'Hoort bij, omgekeerd: kent' });
      expect(await conforming(await sim.call(link.url), 'zaken', 'GET', '/zaakinformatieobjecten/{uuid}', 200)).toEqual(link);
      const listed = await conforming<any[]>(
        await sim.call(`${zaken}/zaakinformatieobjecten${query({ informatieobject: created.url })}`),
        'zaken',
        'GET',
        '/zaakinformatieobjecten',
        200,
      );
      expect(listed).toEqual([link]);
      expect((await (await sim.call(zaakUrl)).json()).zaakinformatieobjecten).toContain(link.url);

      const uuid = created.url.split('/').at(-1);
      expect(sim.zgw.documents().find((d) => d.uuid === uuid)).toMatchObject({
        titel: 'Loonstrook februari',
        bestandsomvang: bytes.length,
        content: bytes,
        informatieobjecttype,
      });
      expect(sim.zgw.zaakinformatieobjecten()).toContainEqual({ uuid: link.uuid, zaak: zaakUrl, informatieobject: created.url });

      expect(notifications.map((n) => [n.kanaal, n.resource, n.resourceUrl, n.hoofdObject])).toEqual([
        ['documenten', 'enkelvoudiginformatieobject', created.url, created.url],
        ['zaken', 'zaakinformatieobject', link.url, zaakUrl],
      ]);
      for (const n of notifications) expect(contract.checkComponent('notificaties', 'Message', n)).toEqual([]);
      expect(notifications[1]!.kenmerken).toMatchObject({ bronorganisatie: zgwDemo.organisatie.rsin, vertrouwelijkheidaanduiding: 'zaakvertrouwelijk' });

      // The same link twice is not allowed.
      const twice = await conforming(
        await sim.call(`${zaken}/zaakinformatieobjecten`, { body: { zaak: zaakUrl, informatieobject: created.url } }),
        'zaken',
        'POST',
        '/zaakinformatieobjecten',
        400,
      );
      expect(twice.invalidParams).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'unique' })]);
    });

    it('refuses a document without required fields, with bad base64 or an unknown informatieobjecttype', async () => {
      const post = (body: unknown) => sim.call(`${documenten}/enkelvoudiginformatieobjecten`, { body });
      const before = sim.zgw.documents().length;
      const empty = await conforming(await post({}), 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 400);
      expect(empty.invalidParams.map((p: any) => p.name).sort()).toEqual([
        'auteur',
        'bronorganisatie',
        'creatiedatum',
        'informatieobjecttype',
        'taal',
        'titel',
      ]);
      expect(empty.invalidParams.every((p: any) => p.code === 'required')).toBe(true);

      const valid = {
        bronorganisatie: zgwDemo.organisatie.rsin,
        creatiedatum: '2025-03-01',
        titel: 'x',
        auteur: 'y',
        taal: 'dut',
        informatieobjecttype: `${catalogi}/informatieobjecttypen/${zgwDemo.informatieobjecttypen[0]!.uuid}`,
      };
      const bad = await conforming(
        await post({
          ...valid,
          inhoud: 'dit is geen base64!',
          informatieobjecttype: `${catalogi}/informatieobjecttypen/00000000-0000-4000-8000-000000000000`,
          vertrouwelijkheidaanduiding: 'topgeheim',
          creatiedatum: '2025-02-30',
        }),
        'documenten',
        'POST',
        '/enkelvoudiginformatieobjecten',
        400,
      );
      expect(bad.invalidParams.map((p: any) => p.name).sort()).toEqual(['creatiedatum', 'informatieobjecttype', 'inhoud', 'vertrouwelijkheidaanduiding']);
      await conforming(await post({ ...valid, inhoud: 'aGFsbG8=', bestandsomvang: 99 }), 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 400);
      await conforming(await post('{niet: json'), 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 400);
      await conforming(await post([valid]), 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 400);
      const plain = await sim.call(`${documenten}/enkelvoudiginformatieobjecten`, { body: 'titel=x', headers: { 'content-type': 'text/plain' } });
      await conforming(plain, 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 415);
      expect(sim.zgw.documents()).toHaveLength(before);
    });

    it('accepts a large upload (10 MB) within the body limit', async () => {
      const bytes = Buffer.alloc(10 * 1024 * 1024, 7);
      const created = await conforming(
        await sim.call(`${documenten}/enkelvoudiginformatieobjecten`, {
          body: {
            bronorganisatie: zgwDemo.organisatie.rsin,
            creatiedatum: '2025-03-01',
            titel: 'Groot bewijsstuk',
            auteur: 'Suzanne de Vries',
            taal: 'dut',
            inhoud: bytes.toString('base64'),
            informatieobjecttype: `${catalogi}/informatieobjecttypen/${zgwDemo.informatieobjecttypen[1]!.uuid}`,
          },
        }),
        'documenten',
        'POST',
        '/enkelvoudiginformatieobjecten',
        201,
      );
      expect(created.bestandsomvang).toBe(bytes.length);
    });

    it('refuses a zaakinformatieobject for a zaak or document that does not exist', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const fout = await conforming(
        await sim.call(`${zaken}/zaakinformatieobjecten`, {
          body: { zaak: `${zaken}/zaken/${unknown}`, informatieobject: `${documenten}/enkelvoudiginformatieobjecten/${unknown}` },
        }),
        'zaken',
        'POST',
        '/zaakinformatieobjecten',
        400,
      );
      expect(fout.invalidParams.map((p: any) => [p.name, p.code])).toEqual([
        ['zaak', 'bad-url'],
        ['informatieobject', 'bad-url'],
      ]);
      const missing = await conforming(await sim.call(`${zaken}/zaakinformatieobjecten`, { body: {} }), 'zaken', 'POST', '/zaakinformatieobjecten', 400);
      expect(missing.invalidParams.map((p: any) => p.name).sort()).toEqual(['informatieobject', 'zaak']);
    });
  });

  describe('starting a zaak, as a portal delivering an aanvraag does', () => {
    const bijstand = () => zgwDemo.zaaktypen.find((t) => t.key === 'bijstand')!;
    const zaaktypeUrl = () => `${catalogi}/zaaktypen/${bijstand().uuid}`;
    const roltypeUrl = (generiek: string) => `${catalogi}/roltypen/${bijstand().roltypen.find((r) => r.omschrijvingGeneriek === generiek)!.uuid}`;
    const newZaak = (identificatie: string, bronorganisatie = zgwDemo.organisatie.rsin) => ({
      identificatie,
      bronorganisatie,
      verantwoordelijkeOrganisatie: bronorganisatie,
      zaaktype: zaaktypeUrl(),
      omschrijving: 'Bijzondere bijstand',
      registratiedatum: '2025-03-01',
      startdatum: '2025-03-01',
    });
    const postZaak = (body: unknown) => sim.call(`${zaken}/zaken`, { body, headers: { 'content-crs': 'EPSG:4326' } });

    it('POST /zaken: a zaak that fits the spec, with Location and Content-Crs; its identificatie unique per bronorganisatie (400 identificatie-niet-uniek), as in Open Zaak', async () => {
      const response = await postZaak(newZaak('AV-C0FFEE01'));
      expect(response.headers.get('content-crs')).toBe('EPSG:4326');
      const location = response.headers.get('location');
      const zaak = await conforming(response, 'zaken', 'POST', '/zaken', 201);
      expect(location).toBe(zaak.url);
      expect(zaak).toMatchObject({
        identificatie: 'AV-C0FFEE01',
        bronorganisatie: zgwDemo.organisatie.rsin,
        zaaktype: zaaktypeUrl(),
        status: null,
        einddatum: null,
      });
      // Found again by identificatie and bronorganisatie (how a retry finds it).
      const found = await conforming(
        await sim.call(`${zaken}/zaken${query({ identificatie: 'AV-C0FFEE01', bronorganisatie: zgwDemo.organisatie.rsin })}`),
        'zaken',
        'GET',
        '/zaken',
        200,
      );
      expect(found.results.map((z: any) => z.url)).toEqual([zaak.url]);
      const twice = await conforming(await postZaak(newZaak('AV-C0FFEE01')), 'zaken', 'POST', '/zaken', 400);
      expect(twice.invalidParams).toEqual([expect.objectContaining({ name: 'identificatie', code: 'identificatie-niet-uniek' })]);
      // Another bronorganisatie may have the same identificatie.
      await conforming(await postZaak(newZaak('AV-C0FFEE01', '123456782')), 'zaken', 'POST', '/zaken', 201);
      const missing = await conforming(await postZaak({}), 'zaken', 'POST', '/zaken', 400);
      expect(missing.invalidParams.map((p: any) => p.name).sort()).toEqual(['bronorganisatie', 'startdatum', 'verantwoordelijkeOrganisatie', 'zaaktype']);
      await conforming(
        await sim.call(`${zaken}/zaken`, { body: newZaak('AV-C0FFEE02'), headers: { 'accept-crs': undefined } }),
        'zaken',
        'POST',
        '/zaken',
        412,
      );
    });

    it("POST /rollen: the initiator fits the spec; one initiator per zaak (max-occurences), the roltype of the zaak's zaaktype, and betrokkene or betrokkeneIdentificatie, as Open Zaak checks", async () => {
      const zaak = await conforming(await postZaak(newZaak('AV-C0FFEE03')), 'zaken', 'POST', '/zaken', 201);
      const initiator = {
        zaak: zaak.url,
        roltype: roltypeUrl('initiator'),
        roltoelichting: 'Aanvrager',
        betrokkeneType: 'natuurlijk_persoon',
        betrokkeneIdentificatie: { inpBsn: suzanne },
      };
      const rol = await conforming(await sim.call(`${zaken}/rollen`, { body: initiator }), 'zaken', 'POST', '/rollen', 201);
      checkRol(rol);
      expect(rol).toMatchObject({
        zaak: zaak.url,
        omschrijvingGeneriek: 'initiator',
        betrokkeneType: 'natuurlijk_persoon',
        betrokkeneIdentificatie: { inpBsn: suzanne },
      });
      const listed = await conforming(
        await sim.call(`${zaken}/rollen${query({ zaak: zaak.url, omschrijvingGeneriek: 'initiator' })}`),
        'zaken',
        'GET',
        '/rollen',
        200,
      );
      expect(listed.results.map((r: any) => r.url)).toEqual([rol.url]);

      const second = await conforming(
        await sim.call(`${zaken}/rollen`, {
          body: { ...initiator, betrokkeneType: 'niet_natuurlijk_persoon', betrokkeneIdentificatie: { innNnpId: '69599084' } },
        }),
        'zaken',
        'POST',
        '/rollen',
        400,
      );
      expect(second.invalidParams).toEqual([expect.objectContaining({ name: 'roltype', code: 'max-occurences' })]);
      // A belanghebbende may be there more than once.
      const belanghebbende = { ...initiator, roltype: roltypeUrl('belanghebbende') };
      await conforming(await sim.call(`${zaken}/rollen`, { body: belanghebbende }), 'zaken', 'POST', '/rollen', 201);
      await conforming(await sim.call(`${zaken}/rollen`, { body: belanghebbende }), 'zaken', 'POST', '/rollen', 201);

      const otherZaaktype = zgwDemo.zaaktypen.find((t) => t.key === 'melding')!;
      const mismatch = await conforming(
        await sim.call(`${zaken}/rollen`, {
          body: { ...belanghebbende, roltype: `${catalogi}/roltypen/${otherZaaktype.roltypen.find((r) => r.omschrijvingGeneriek === 'belanghebbende')!.uuid}` },
        }),
        'zaken',
        'POST',
        '/rollen',
        400,
      );
      expect(mismatch.invalidParams).toEqual([expect.objectContaining({ name: 'roltype', code: 'zaaktype-mismatch' })]);
      const nobody = await conforming(
        await sim.call(`${zaken}/rollen`, {
          body: { zaak: zaak.url, roltype: roltypeUrl('belanghebbende'), roltoelichting: 'x', betrokkeneType: 'natuurlijk_persoon' },
        }),
        'zaken',
        'POST',
        '/rollen',
        400,
      );
      expect(nobody.invalidParams).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'invalid-betrokkene' })]);
    });

    it('POST /enkelvoudiginformatieobjecten: its identificatie unique per bronorganisatie, and found again by the list filter; POST /zaakinformatieobjecten links it once', async () => {
      const zaak = await conforming(await postZaak(newZaak('AV-C0FFEE04')), 'zaken', 'POST', '/zaken', 201);
      const document = {
        identificatie: 'AV-C0FFEE04-antwoorden',
        bronorganisatie: zgwDemo.organisatie.rsin,
        creatiedatum: '2025-03-01',
        titel: 'Uw aanvraag',
        auteur: 'Aanvrager (via Mijn Omgeving)',
        taal: 'dut',
        formaat: 'application/pdf',
        bestandsnaam: 'Uw aanvraag.pdf',
        inhoud: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
        informatieobjecttype: `${catalogi}/informatieobjecttypen/${zgwDemo.informatieobjecttypen.find((t) => t.key === 'aanvraag')!.uuid}`,
        status: 'definitief',
        indicatieGebruiksrecht: false,
      };
      const post = (body: unknown) => sim.call(`${documenten}/enkelvoudiginformatieobjecten`, { body });
      const created = await conforming(await post(document), 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 201);
      const twice = await conforming(await post(document), 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 400);
      expect(twice.invalidParams).toEqual([expect.objectContaining({ name: 'identificatie', code: 'identificatie-niet-uniek' })]);
      await conforming(await post({ ...document, bronorganisatie: '123456782' }), 'documenten', 'POST', '/enkelvoudiginformatieobjecten', 201);
      const found = await conforming(
        await sim.call(
          `${documenten}/enkelvoudiginformatieobjecten${query({ identificatie: document.identificatie, bronorganisatie: document.bronorganisatie })}`,
        ),
        'documenten',
        'GET',
        '/enkelvoudiginformatieobjecten',
        200,
      );
      expect(found.results.map((d: any) => d.url)).toEqual([created.url]);
      const link = await conforming(
        await sim.call(`${zaken}/zaakinformatieobjecten`, { body: { zaak: zaak.url, informatieobject: created.url, titel: document.titel } }),
        'zaken',
        'POST',
        '/zaakinformatieobjecten',
        201,
      );
      const linked = await conforming<any[]>(
        await sim.call(`${zaken}/zaakinformatieobjecten${query({ zaak: zaak.url, informatieobject: created.url })}`),
        'zaken',
        'GET',
        '/zaakinformatieobjecten',
        200,
      );
      expect(linked.map((z) => z.url)).toEqual([link.url]);
    });
  });

  describe('statussen', () => {
    it('addStatus moves a zaak on and closes it at the eindstatus, with a resultaat', async () => {
      const notifications: Notificatie[] = [];
      sim.zgw.onNotification((n) => notifications.push(n));
      const uuid = zaakNumber(211);
      const zaakUrl = `${zaken}/zaken/${uuid}`;
      const zaaktype = zgwDemo.zaaktypen.find((z) => z.key === 'parkeervergunning')!;
      const eind = zaaktype.statustypen.at(-1)!;

      const { url } = await sim.zgw.addStatus(uuid, eind.volgnummer, 'De vergunning is verleend.', 'Verleend');
      const status = await conforming(await sim.call(url), 'zaken', 'GET', '/statussen/{uuid}', 200);
      expect(status).toMatchObject({
        zaak: zaakUrl,
        statustype: `${catalogi}/statustypen/${eind.uuid}`,
        statustoelichting: 'De vergunning is verleend.',
        indicatieLaatstGezetteStatus: true,
      });

      const zaak = await conforming(await sim.call(zaakUrl), 'zaken', 'GET', '/zaken/{uuid}', 200);
      expect(zaak.status).toBe(url);
      expect(zaak.einddatum).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const resultaat = await conforming(await sim.call(zaak.resultaat), 'zaken', 'GET', '/resultaten/{uuid}', 200);
      const resultaattype = await conforming(await sim.call(resultaat.resultaattype), 'catalogi', 'GET', '/resultaattypen/{uuid}', 200);
      expect(resultaattype.omschrijving).toBe('Verleend');

      const open = await conforming(
        await sim.call(`${zaken}/zaken${query({ rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: '999990482', einddatum__isnull: 'true' })}`),
        'zaken',
        'GET',
        '/zaken',
        200,
      );
      expect(open.count).toBe(0);

      expect(notifications.map((n) => n.resource)).toEqual(['resultaat', 'status']);
      expect(notifications[1]).toMatchObject({ kanaal: 'zaken', hoofdObject: zaakUrl, resourceUrl: url, actie: 'create' });
      for (const n of notifications) expect(contract.checkComponent('notificaties', 'Message', n)).toEqual([]);

      await expect(sim.zgw.addStatus(uuid, 99)).rejects.toThrow(/volgnummer 99/);
      await expect(sim.zgw.addStatus('00000000-0000-4000-8000-000000000000', 1)).rejects.toThrow(/no zaak/);
    });

    it('POST /statussen sets a status, and checks zaak, statustype and the date', async () => {
      const zaakUrl = `${zaken}/zaken/${zaakNumber(201)}`;
      const zaaktype = zgwDemo.zaaktypen.find((z) => z.key === 'melding')!;
      const eind = `${catalogi}/statustypen/${zaaktype.statustypen.at(-1)!.uuid}`;
      const created = await conforming(
        await sim.call(`${zaken}/statussen`, {
          body: { zaak: zaakUrl, statustype: eind, datumStatusGezet: new Date().toISOString(), statustoelichting: 'De stoep is gestrooid.' },
        }),
        'zaken',
        'POST',
        '/statussen',
        201,
      );
      expect(created.indicatieLaatstGezetteStatus).toBe(true);
      const zaak = await (await sim.call(zaakUrl)).json();
      expect(zaak.status).toBe(created.url);
      expect(zaak.einddatum).not.toBeNull();

      const otherType = `${catalogi}/statustypen/${zgwDemo.zaaktypen.find((z) => z.key === 'terras')!.statustypen[0]!.uuid}`;
      const fout = await conforming(
        await sim.call(`${zaken}/statussen`, { body: { zaak: zaakUrl, statustype: otherType, datumStatusGezet: 'gisteren' } }),
        'zaken',
        'POST',
        '/statussen',
        400,
      );
      expect(fout.invalidParams.map((p: any) => [p.name, p.code])).toEqual([
        ['datumStatusGezet', 'invalid'],
        ['statustype', 'zaaktype-mismatch'],
      ]);
    });
  });

  describe('faults, latency and request counts', () => {
    it("'down' answers 503 with a Fout body, for that API only", async () => {
      sim.zgw.setFault('zaken', 'down');
      const response = await sim.call(`${zaken}/zaken`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(contract.checkComponent('zaken', 'Fout', await response.json())).toEqual([]);
      await conforming(await sim.call(`${catalogi}/zaaktypen`), 'catalogi', 'GET', '/zaaktypen', 200);
    });

    it("'garbage' answers 200 with a body that is not the spec's: wrong JSON, then HTML", async () => {
      sim.zgw.setFault('catalogi', 'garbage');
      const first = await sim.call(`${catalogi}/zaaktypen`);
      expect(first.status).toBe(200);
      const body = await first.json();
      expect(body).toEqual({ unexpected: true });
      expect(contract.checkResponse('catalogi', 'GET', '/statustypen', 200, body)).toEqual([]); // every field optional...
      expect(body).not.toHaveProperty('results'); // ...but nothing there
      const second = await sim.call(`${catalogi}/zaaktypen`);
      expect(second.status).toBe(200);
      expect(second.headers.get('content-type')).toMatch(/^text\/html/);
      await expect(second.clone().json()).rejects.toThrow();
      expect(await second.text()).toContain('<html');
    });

    it("'hang' holds requests until the fault is lifted", async () => {
      sim.zgw.setFault('documenten', 'hang');
      const url = `${documenten}/enkelvoudiginformatieobjecten/${zgwDemo.notable.largeDocument}`;
      await expect(sim.call(url, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
      const held = sim.call(url);
      const outcome = await Promise.race([held.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
      expect(outcome).toBe('still waiting');
      sim.zgw.setFault('documenten', 'none');
      await conforming(await held, 'documenten', 'GET', '/enkelvoudiginformatieobjecten/{uuid}', 200);
    });

    it('a held request does not keep the app from closing', async () => {
      const other = await start();
      other.zgw.setFault('zaken', 'hang');
      const held = other.call(`${other.zgw.urls.zaken}/zaken`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await other.app.close();
      expect((await held).status).toBe(503);
    });

    it('adds latency before every answer', async () => {
      sim.zgw.setLatency(250);
      const startedAt = performance.now();
      await conforming(await sim.call(`${catalogi}/zaaktypen`), 'catalogi', 'GET', '/zaaktypen', 200);
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(240);
    });

    it('counts the requests per API', async () => {
      sim.zgw.resetCounts();
      expect(sim.zgw.requestCount()).toBe(0);
      await sim.call(`${zaken}/zaken/${zaakNumber(101)}`);
      await sim.call(`${zaken}/statussen`);
      await sim.call(`${catalogi}/zaaktypen`, { headers: { authorization: undefined } });
      expect(sim.zgw.requestCount('zaken')).toBe(2);
      expect(sim.zgw.requestCount('catalogi')).toBe(1);
      expect(sim.zgw.requestCount('documenten')).toBe(0);
      expect(sim.zgw.requestCount()).toBe(3);
      sim.zgw.resetCounts();
      expect(sim.zgw.requestCount('zaken')).toBe(0);
    });
  });
});

describe('ZGW simulator options', () => {
  it("dataset 'empty' has the catalogue but no zaken or documents", async () => {
    const empty = await start({ dataset: 'empty' });
    try {
      expect((await (await empty.call(`${empty.zgw.urls.zaken}/zaken`)).json()).count).toBe(0);
      expect((await (await empty.call(`${empty.zgw.urls.catalogi}/zaaktypen`)).json()).count).toBe(zgwDemo.zaaktypen.length);
      expect(empty.zgw.documents()).toEqual([]);
    } finally {
      await empty.app.close();
    }
  });

  it('dates the demo relative to `now`', async () => {
    const dated = await start({ now: new Date('2025-06-15T10:00:00Z') });
    try {
      const zaak = await (await dated.call(`${dated.zgw.urls.zaken}/zaken/${zaakNumber(101)}`)).json();
      expect(zaak.startdatum).toBe('2025-06-12');
      const closed = await (await dated.call(`${dated.zgw.urls.zaken}/zaken/${zaakNumber(104)}`)).json();
      expect(closed.einddatum).toBe('2025-02-26');
      // A status added now comes after the demo's statussen.
      const { url } = await dated.zgw.addStatus(zaakNumber(101), 2);
      expect((await (await dated.call(url)).json()).datumStatusGezet.startsWith('2025-06-15')).toBe(true);
    } finally {
      await dated.app.close();
    }
  });

  it('serves under the path of baseUrl', async () => {
    const app = Fastify({ logger: false });
    const zgw = await registerZgwSimulator(app, { baseUrl: 'http://127.0.0.1:0/zgw/', clients: [client] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(zgw.urls.zaken).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/zgw\/zaken\/api\/v1$/);
      const page = await (await fetch(`${zgw.urls.catalogi}/zaaktypen`, { headers: { authorization: `Bearer ${await token()}` } })).json();
      expect(page.results[0].url.startsWith(`${zgw.urls.catalogi}/zaaktypen/`)).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('the large document', () => {
  it('streams 100 MB without holding it in memory', async () => {
    const size = 100 * 1024 * 1024;
    // Collect garbage before each look at rss, so that it shows what is held, not what awaits collection.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const rss = () => {
      gc();
      return process.memoryUsage().rss;
    };
    const beforeStart = rss();
    const big = await start({ largeDocumentBytes: size });
    try {
      // A document made up front would show here.
      expect(rss() - beforeStart).toBeLessThan(50 * 1024 * 1024);
      const response = await big.call(`${big.zgw.urls.documenten}/enkelvoudiginformatieobjecten/${zgwDemo.notable.largeDocument}/download`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(Number(response.headers.get('content-length'))).toBe(size);

      const baseline = rss();
      let peak = baseline;
      let received = 0;
      let chunks = 0;
      let head = Buffer.alloc(0);
      let tail = Buffer.alloc(0);
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
        if (head.length < 1024) head = Buffer.concat([head, Buffer.from(value.subarray(0, 1024))]);
        tail = value.length >= 2048 ? Buffer.from(value.subarray(-2048)) : Buffer.concat([tail, value]).subarray(-2048);
        if (++chunks % 100 === 0) peak = Math.max(peak, rss());
      }
      expect(received).toBe(size);
      if (process.env.ZGW_TEST_VERBOSE)
        console.log(`rss: ${Math.round((peak - baseline) / 1024 / 1024)} MB more while streaming ${size} bytes in ${chunks} chunks`);
      expect(peak - baseline).toBeLessThan(50 * 1024 * 1024);
      expect(head.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
      expect(tail.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
      // startxref points at the xref table, near the end of the file.
      const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(tail.toString('latin1'))![1]);
      expect(tail.subarray(startxref - (size - tail.length), startxref - (size - tail.length) + 4).toString('latin1')).toBe('xref');
    } finally {
      await big.app.close();
    }
  });
});

/** A PDF whose xref table points at its objects, and whose startxref points at the xref table. */
function expectValidPdf(bytes: Buffer): void {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-1.')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  expect(entries.length).toBeGreaterThanOrEqual(5);
  entries.forEach((offset, index) => expect(text.slice(offset, offset + 12)).toMatch(new RegExp(`^${index + 1} 0 obj\\n`)));
}
