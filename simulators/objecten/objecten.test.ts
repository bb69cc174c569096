/**
 * Contract and behaviour tests of the Objecten simulator. Every kind of answer is checked against
 * the official spec (objects-api.yaml 2.7.0, objecttypes-api.yaml 2.2.2); the spec declares no
 * error responses, so errors are checked against vng-api-common's shape (the ZGW Fout, plus
 * `invalid_params`). The filter tests pin down objects-api's parsing of data_attrs and data_attr,
 * including where it breaks, because the portal must not rely on what objects-api cannot do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isValidBsn } from '../../src/domain/bsn.ts';
import { objectenDemo } from '../data/objecten-demo.ts';
import { testCompanies, testPersons } from '../data/test-identities.ts';
import { zgwDemo } from '../data/zgw-demo.ts';
import { Contract, specsDir, toJsonSchema } from '../shared/contract.ts';
import { registerZgwSimulator } from '../zgw/index.ts';
import { registerObjectenSimulator } from './index.ts';
import { type ObjectKind, objectTypeDefinitions } from './objecttypes.ts';
import { SchemaValidators } from './validation.ts';
import type { Notificatie, ObjectenSimulator, ObjectenSimulatorOptions } from './index.ts';

const token = 'voordeur-test-objecten-token';
const otherToken = 'voordeur-test-objecten-token-2';
const zgwClient = { clientId: 'voordeur-test', secret: 'voordeur-test-zgw-secret' };
const now = new Date('2025-06-15T10:00:00Z');
const today = '2025-06-15';
const tomorrow = '2025-06-16';
const suzanne = objectenDemo.notable.suzanne;

const contract = new Contract(['objects', 'objecttypes', 'zaken', 'notificaties']);

// The spec types record.correctedBy (and in HistoryRecord also correctionFor) as a plain integer,
// but objects-api answers null when there is none (drf-spectacular leaves out allow_null on
// read-only related fields): checked with those two made nullable.
const nullableInteger = { anyOf: [{ type: 'integer' }, { type: 'null' }] };
const objectsSpec = parse(readFileSync(join(specsDir, 'objects-api.yaml'), 'utf8')) as { components: { schemas: Record<string, { properties: object }> } };
const recordSchema = toJsonSchema(objectsSpec.components.schemas.ObjectRecord, 'objects.json') as { properties: Record<string, unknown> };
const objectOverrides = { record: { ...recordSchema, properties: { ...recordSchema.properties, correctedBy: nullableInteger } } };
const historyOverrides = { correctionFor: nullableInteger, correctedBy: nullableInteger };

const checkObject = (body: unknown) => contract.checkComponent('objects', 'Object', body, objectOverrides);
const checkHistory = (body: unknown) => contract.checkComponent('objects', 'HistoryRecord', body, historyOverrides);

interface Running {
  app: FastifyInstance;
  sim: ObjectenSimulator;
  /** A request with the token and Accept-Crs, and for a body Content-Type and Content-Crs; `headers` replace or (undefined) remove those. */
  call(url: string, init?: { method?: string; body?: unknown; headers?: Record<string, string | undefined>; signal?: AbortSignal }): Promise<Response>;
}

async function start(options: Partial<ObjectenSimulatorOptions> = {}, extra?: (app: FastifyInstance) => Promise<void> | void): Promise<Running> {
  const app = Fastify({ logger: false });
  await extra?.(app);
  const sim = await registerObjectenSimulator(app, { baseUrl: 'http://127.0.0.1:0', tokens: [token, otherToken], now, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    sim,
    async call(url, init = {}) {
      const all: Record<string, string | undefined> = {
        authorization: `Token ${token}`,
        'accept-crs': 'EPSG:4326',
        ...(init.body !== undefined ? { 'content-type': 'application/json', 'content-crs': 'EPSG:4326' } : {}),
        ...init.headers,
      };
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(all)) if (value !== undefined) headers[name] = value;
      return fetch(url, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
        signal: init.signal,
      });
    },
  };
}

/** The JSON body after checking status, content type and (for the objects endpoints) Content-Crs. */
async function json(response: Response, status: number): Promise<any> {
  const text = await response.text();
  expect(response.status, `${response.url}: ${text.slice(0, 600)}`).toBe(status);
  expect(response.headers.get('content-type')).toMatch(status >= 400 ? /^application\/problem\+json/ : /^application\/json/);
  return JSON.parse(text);
}

/** An object answer (GET, POST 201, PUT/PATCH 200) that fits the spec's Object. */
async function object(response: Response, status = 200): Promise<any> {
  const body = await json(response, status);
  expect(response.headers.get('content-crs')).toBe('EPSG:4326');
  expect(response.headers.get('api-version')).toBe('2.7.0');
  expect(checkObject(body)).toEqual([]);
  return body;
}

/** A page of objects (GET /objects, POST /objects/search) that fits PaginatedObjectList. */
async function page(response: Response, method = 'GET', path = '/objects'): Promise<any> {
  const body = await json(response, 200);
  expect(response.headers.get('content-crs')).toBe('EPSG:4326');
  expect(contract.checkResponse('objects', method, path, 200, { ...body, results: [] })).toEqual([]);
  for (const item of body.results) expect(checkObject(item)).toEqual([]);
  return body;
}

/** An error answer in vng-api-common's shape: the Fout fields, and for a 400 `invalid_params`. */
async function problem(response: Response, status: number, code?: string): Promise<any> {
  const body = await json(response, status);
  expect(contract.checkComponent('zaken', 'Fout', body)).toEqual([]);
  expect(body.status).toBe(status);
  expect(body.instance).toMatch(/^urn:uuid:/);
  if (code) expect(body.code).toBe(code);
  if (status === 400 && body.code === 'invalid') {
    expect(body.invalid_params.length).toBeGreaterThan(0);
    for (const p of body.invalid_params) expect(p).toEqual({ name: expect.any(String), code: expect.any(String), reason: expect.any(String) });
  }
  return body;
}

const query = (params: [string, string][]) => `?${new URLSearchParams(params)}`;
const uuidsOf = (body: { results: { uuid: string }[] }) => body.results.map((o) => o.uuid);

describe('Objecten simulator', () => {
  let run: Running;
  let objects: string;
  let types: ObjectenSimulator['objecttypen'];
  const list = async (params: [string, string][]) => page(await run.call(`${objects}/objects${query([...params, ['pageSize', '500']])}`));
  const ofSuzanne = (type: string): [string, string][] => [
    ['type', type],
    ['data_attr', 'identificatie__type__exact__bsn'],
    ['data_attr', `identificatie__value__exact__${suzanne.bsn}`],
  ];

  beforeAll(async () => {
    run = await start({}, async (app) => {
      // Another simulator on the same instance, as in the demo: it must not see these hooks.
      app.get('/oidc/ping', async () => ({ pong: true }));
      await registerZgwSimulator(app, { baseUrl: 'http://127.0.0.1:0', clients: [zgwClient], now, largeDocumentBytes: 1024 });
    });
    objects = run.sim.url;
    types = run.sim.objecttypen;
  });
  afterAll(() => run.app.close());
  afterEach(() => {
    run.sim.setFault('none');
    run.sim.setLatency(0);
  });

  describe('contract: every answer fits the spec', () => {
    it('lists every demo object, and each reads and has a history that fit the spec', async () => {
      const all = await list([]);
      expect(all.count).toBe(objectenDemo.objects.length);
      expect(all.next).toBeNull();
      expect(uuidsOf(all).sort()).toEqual(objectenDemo.objects.map((o) => o.uuid).sort());
      for (const listed of all.results) {
        expect(listed.url).toBe(`${objects}/objects/${listed.uuid}`);
        expect(await object(await run.call(listed.url))).toEqual(listed);
        const history = await json(await run.call(`${listed.url}/history`), 200);
        expect(contract.checkResponse('objects', 'GET', '/objects/{uuid}/history', 200, { ...history, results: [] })).toEqual([]);
        for (const record of history.results) expect(checkHistory(record)).toEqual([]);
        expect(history.results.at(-1).index).toBe(listed.record.index);
        const detail = await json(await run.call(`${listed.url}/${listed.record.index}`), 200);
        expect(checkHistory(detail)).toEqual([]);
        expect(detail).toEqual(history.results.at(-1));
      }
      expect(run.sim.objects().sort((a: any, b: any) => a.uuid.localeCompare(b.uuid))).toEqual([...all.results].sort((a, b) => a.uuid.localeCompare(b.uuid)));
    });

    // (The demo's products and their usage are made with createObject, which checks them as POST does.)
    it('holds demo objects that each fit the JSON Schema of their object type in specs/objecttypes: the catalogue, its forms, taken and berichten', async () => {
      const validators = new SchemaValidators(objectTypeDefinitions);
      const kindOf = new Map(Object.entries(types).map(([kind, url]) => [url, kind as ObjectKind]));
      const seen = new Set<string>();
      for (const listed of (await list([])).results) {
        const kind = kindOf.get(listed.type)!;
        seen.add(kind);
        expect(validators.check(kind, listed.record.data), `${kind} ${listed.uuid}`).toBeUndefined();
      }
      expect([...seen].sort()).toEqual(['bericht', 'formulier', 'parkeervergunning', 'producttype', 'taak']);
    });

    it('serves the object types that the objects name, with the schemas of specs/objecttypes', async () => {
      const listed = await json(await run.call(`${types.taak.replace(/\/objecttypes\/.*/, '')}/objecttypes`), 200);
      expect(contract.checkResponse('objecttypes', 'GET', '/objecttypes', 200, listed)).toEqual([]);
      expect(listed.results.map((t: any) => t.url).sort()).toEqual(Object.values(types).sort());
      const files = {
        taak: 'taakv2.json',
        bericht: 'bericht.json',
        formulier: 'formio.json',
        productinstantie: 'pdc-productinstantie.json',
        verbruiksobject: 'pdc-verbruiksobject.json',
        producttype: 'pdc-producttype.json',
        parkeervergunning: 'parkeervergunning.json',
        productaanvraag: 'productaanvraag.json',
      } as const;
      for (const [kind, url] of Object.entries(types) as [keyof typeof files, string][]) {
        const response = await run.call(url);
        const type = await json(response, 200);
        expect(response.headers.get('api-version')).toBe('2.2.2');
        expect(contract.checkResponse('objecttypes', 'GET', '/objecttypes/{uuid}', 200, type)).toEqual([]);
        expect(type.url).toBe(url);
        const version = await json(await run.call(type.versions[0]), 200);
        expect(contract.checkResponse('objecttypes', 'GET', '/objecttypes/{objecttype_uuid}/versions/{version}', 200, version)).toEqual([]);
        expect(version).toMatchObject({ version: 1, objectType: url, status: 'published' });
        expect(version.jsonSchema).toEqual(JSON.parse(readFileSync(join(specsDir, 'objecttypes', files[kind]), 'utf8')));
        const versions = await json(await run.call(`${url}/versions`), 200);
        expect(contract.checkResponse('objecttypes', 'GET', '/objecttypes/{objecttype_uuid}/versions', 200, versions)).toEqual([]);
      }
      await problem(await run.call(`${types.taak}/versions/2`), 404, 'not_found');
      await problem(await run.call(types.taak.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000')), 404, 'not_found');
      await problem(await run.call(types.taak, { method: 'DELETE' }), 405, 'method_not_allowed');
      const permissions = await json(await run.call(`${objects}/permissions`), 200);
      expect(contract.checkResponse('objects', 'GET', '/permissions', 200, permissions)).toEqual([]);
      expect(permissions.results.map((p: any) => [p.type, p.mode]).sort()).toEqual(
        Object.values(types)
          .map((t) => [t, 'read_and_write'])
          .sort(),
      );
    });

    it('404 with the error body for an unknown object, record or path', async () => {
      const unknown = `${objects}/objects/00000000-0000-4000-8000-000000000000`;
      for (const url of [
        unknown,
        `${unknown}/history`,
        `${objects}/objects/geen-uuid`,
        `${objects}/objects/${suzanne.taak.url}/9`,
        `${objects}/bestaat-niet`,
      ]) {
        await problem(await run.call(url), 404, 'not_found');
      }
      await problem(await run.call(unknown, { method: 'PATCH', body: { record: { data: {} } } }), 404, 'not_found');
      await problem(await run.call(unknown, { method: 'DELETE' }), 404, 'not_found');
    });

    it('400 with invalid_params for a filter objects-api refuses', async () => {
      const cases: [[string, string][], string, string][] = [
        [[['type', 'geen url']], 'type', 'invalid'],
        [[['type', `${types.taak.slice(0, -1)}0`]], 'type', 'invalid_choice'],
        [[['type', `https://voorbeeldstad.example.nl/${'a'.repeat(1000)}`]], 'type', 'max_length'],
        [[['date', '15-06-2025']], 'date', 'invalid'],
        [[['typeVersion', 'een']], 'typeVersion', 'invalid'],
        [[['data_attrs', 'status__gelijk__open']], '', 'invalid-data-attrs-query'],
        [[['data_attrs', 'status__exact']], '', 'invalid-data-attrs-query'],
        [[['data_attr', 'verloopdatum__lt__morgen']], '', 'invalid-data-attr-query'],
        [
          [
            ['date', today],
            ['registrationDate', today],
          ],
          '',
          'invalid-date-query-params',
        ],
      ];
      for (const [params, name, code] of cases) {
        const body = await problem(await run.call(`${objects}/objects${query(params)}`), 400, 'invalid');
        expect(body.invalid_params, JSON.stringify(params)).toEqual([expect.objectContaining({ name, code })]);
      }
    });
  });

  describe('tokens', () => {
    it('answers 401 without a valid `Token` header, on both APIs, and accepts every configured token', async () => {
      const url = `${objects}/objects`;
      const missing = await problem(await run.call(url, { headers: { authorization: undefined } }), 401, 'not_authenticated');
      expect(missing.detail).toBe('Authentication credentials were not provided.');
      const bearer = await run.call(url, { headers: { authorization: `Bearer ${token}` } });
      expect(bearer.headers.get('www-authenticate')).toBe('Token');
      await problem(bearer, 401, 'not_authenticated');
      for (const header of ['Token', `Token ${token} extra`, 'Token onbekend']) {
        await problem(await run.call(url, { headers: { authorization: header } }), 401, 'authentication_failed');
      }
      await problem(await run.call(types.bericht, { headers: { authorization: undefined } }), 401, 'not_authenticated');
      await page(await run.call(url, { headers: { authorization: `Token ${otherToken}` } }));
      await page(await run.call(url, { headers: { authorization: `token   ${token}` } }));
    });

    it('answers 403 to a create of an object type the token has no permission for', async () => {
      const body = (type: unknown) => ({ type, record: { typeVersion: 1, startAt: today, data: {} } });
      await problem(
        await run.call(`${objects}/objects`, { body: body('https://objecttypen.example.nl/api/v2/objecttypes/00000000-0000-4000-8000-000000000000') }),
        403,
        'permission_denied',
      );
      await problem(await run.call(`${objects}/objects`, { body: body('geen url') }), 403, 'permission_denied');
      await problem(await run.call(`${objects}/objects`, { body: { record: {} } }), 403, 'permission_denied');
    });

    it('leaves other simulators on the same Fastify instance alone', async () => {
      const response = await fetch(new URL('/oidc/ping', objects));
      expect(await response.json()).toEqual({ pong: true });
      const elsewhere = await fetch(new URL('/elders', objects));
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.headers.get('content-type')).not.toMatch(/problem/);
    });
  });

  describe('the portal’s queries', () => {
    it('open taken of a BSN, soonest verloopdatum first (no verloopdatum last)', async () => {
      const url = `${objects}/objects${query([
        ['type', types.taak],
        ['data_attr', 'identificatie__type__exact__bsn'],
        ['data_attr', `identificatie__value__exact__${suzanne.bsn}`],
        ['data_attr', 'status__exact__open'],
        ['ordering', 'record__data__verloopdatum'],
      ])}`;
      const body = await page(await run.call(url));
      expect(uuidsOf(body)).toEqual([
        suzanne.taak.overdue,
        suzanne.taak.portaalformulier,
        suzanne.taak.url,
        suzanne.taak.ogonebetaling,
        suzanne.taak.unsupportedForm,
      ]);
      expect(body.results[0].record.data.verloopdatum < `${today}T10:00:00Z`).toBe(true);
      expect(new Set(body.results.map((t: any) => t.record.data.soort))).toEqual(new Set(['url', 'portaalformulier', 'ogonebetaling']));
    });

    it('unread, published berichten of a BSN, newest first', async () => {
      const url = `${objects}/objects${query([
        ['type', types.bericht],
        ['data_attr', 'identificatie__type__exact__bsn'],
        ['data_attr', `identificatie__value__exact__${suzanne.bsn}`],
        ['data_attr', 'geopend__icontains__false'],
        ['data_attr', `publicatiedatum__lt__${tomorrow}`],
        ['ordering', '-record__data__publicatiedatum'],
      ])}`;
      const body = await page(await run.call(url));
      expect(uuidsOf(body)).toEqual(suzanne.unreadBerichten);
      expect(uuidsOf(body)).not.toContain(suzanne.futureBericht);
      // Without the publicatiedatum condition the future one shows up: the portal must ask for it.
      const withFuture = await list([...ofSuzanne(types.bericht), ['data_attr', 'geopend__icontains__false']]);
      expect(uuidsOf(withFuture)).toContain(suzanne.futureBericht);
    });

    it('all published berichten of a BSN page by page', async () => {
      const small = await start({ pageSize: 5 });
      try {
        const params: [string, string][] = [
          ['type', small.sim.objecttypen.bericht],
          ['data_attr', `identificatie__value__exact__${suzanne.bsn}`],
          ['data_attr', `publicatiedatum__lt__${tomorrow}`],
          ['ordering', '-record__data__publicatiedatum'],
        ];
        let url: string | null = `${small.sim.url}/objects${query(params)}`;
        const pages: any[] = [];
        while (url) {
          const body: any = await page(await small.call(url));
          expect(body.results.length).toBeLessThanOrEqual(5);
          pages.push(body);
          url = body.next;
        }
        expect(pages).toHaveLength(3);
        expect(pages[0].previous).toBeNull();
        expect(pages.flatMap(uuidsOf)).toEqual(suzanne.berichten);
        expect(pages[0].count).toBe(15);
        // The filters stay in the links; previous of page 2 is page 1.
        expect(new URL(pages[1].next).searchParams.getAll('data_attr')).toHaveLength(2);
        expect(await page(await small.call(pages[1].previous))).toEqual(pages[0]);
        expect(uuidsOf(await page(await small.call(`${small.sim.url}/objects${query([...params, ['page', 'last']])}`)))).toEqual(suzanne.berichten.slice(10));
        await problem(await small.call(`${small.sim.url}/objects${query([...params, ['page', '4']])}`), 404, 'not_found');
        await problem(await small.call(`${small.sim.url}/objects${query([...params, ['page', 'nul']])}`), 404, 'not_found');
        expect((await page(await small.call(`${small.sim.url}/objects${query([...params, ['pageSize', '100']])}`))).results).toHaveLength(15);
      } finally {
        await small.app.close();
      }
    });

    it('POST /objects/search takes the same filters in the body', async () => {
      const search = (body: unknown, params = '') => run.call(`${objects}/objects/search${params}`, { body });
      const viaGet = await list([...ofSuzanne(types.taak), ['data_attr', 'status__exact__open'], ['ordering', 'record__data__verloopdatum']]);
      const viaPost = await page(
        await search({
          type: types.taak,
          data_attr: ['identificatie__type__exact__bsn', `identificatie__value__exact__${suzanne.bsn}`, 'status__exact__open'],
          ordering: 'record__data__verloopdatum',
        }),
        'POST',
        '/objects/search',
      );
      expect(viaPost.results).toEqual(viaGet.results);
      const single = await page(
        await search({ type: types.bericht, data_attr: `onderwerp__exact__Uw aanvraag, deel 2` }, '?pageSize=1'),
        'POST',
        '/objects/search',
      );
      expect(single.count).toBe(2);
      expect(single.next).toMatch(/\/objects\/search\?pageSize=1&page=2$/);
      const within = await page(
        await search({
          type: types.taak,
          geometry: {
            within: {
              type: 'Polygon',
              coordinates: [
                [
                  [4.8, 52.3],
                  [4.9, 52.3],
                  [4.9, 52.4],
                  [4.8, 52.3],
                ],
              ],
            },
          },
        }),
        'POST',
        '/objects/search',
      );
      expect(within.count).toBe(0);
      await problem(await search({ data_attrs: 'status__is__open' }), 400, 'invalid');
      expect((await page(await search({}, '?pageSize=500'), 'POST', '/objects/search')).count).toBe(objectenDemo.objects.length);
      await problem(await run.call(`${objects}/objects/search`, { body: {}, headers: { 'content-crs': undefined } }), 412, 'precondition_failed');
      await problem(await run.call(`${objects}/objects/search`, { body: {}, headers: { 'content-crs': 'EPSG:28992' } }), 406, 'not_acceptable');
    });
  });

  describe('filters', () => {
    it('type, and nested keys with exact', async () => {
      expect((await list([['type', types.taak]])).count).toBe(objectenDemo.taken.length);
      expect((await list([['type', types.bericht]])).count).toBe(objectenDemo.berichten.length);
      const taken = await list(ofSuzanne(types.taak));
      expect(uuidsOf(taken).sort()).toEqual([...suzanne.openTaken, ...suzanne.afgerondeTaken].sort());
      const company = await list([
        ['type', types.taak],
        ['data_attr', 'identificatie__type__exact__kvk'],
        ['data_attr', 'identificatie__value__exact__69599084'],
      ]);
      expect(uuidsOf(company).sort()).toEqual([...objectenDemo.notable.bakkerij.taken].sort());
    });

    it('exact matches a string and the number it reads as, but never a boolean', async () => {
      const bedrag = await list([['data_attr', 'ogonebetaling__bedrag__exact__189.35']]);
      expect(uuidsOf(bedrag)).toEqual([suzanne.taak.ogonebetaling]);
      // "25" is the number 25 (bedrag 25 of taak 107).
      expect(uuidsOf(await list([['data_attr', 'ogonebetaling__bedrag__exact__25']]))).toEqual([suzanne.afgerondeTaken[1]]);
      // The BSN reads as a number too, and still matches the string.
      expect((await list([['data_attr', `identificatie__value__exact__${suzanne.bsn}`]])).count).toBe(7 + 16);
      expect((await list([['data_attr', 'geopend__exact__false']])).count).toBe(0);
      expect((await list([['data_attr', 'geopend__exact__False']])).count).toBe(0);
      const unread = await list([['data_attr', 'geopend__icontains__false']]);
      expect(unread.count).toBe(run.sim.objects().filter((o: any) => o.record.data.geopend === false).length);
      expect(unread.count).toBeGreaterThan(0);
      expect(unread.results.every((b: any) => b.record.data.geopend === false)).toBe(true);
    });

    it('gt, gte, lt and lte compare numbers, and dates as text', async () => {
      const bedragen = async (op: string, value: string) =>
        (await list([['data_attr', `ogonebetaling__bedrag__${op}__${value}`]])).results
          .map((t: any) => t.record.data.ogonebetaling.bedrag)
          .sort((a: number, b: number) => a - b);
      expect(await bedragen('gt', '142.5')).toEqual([189.35, 612.75]);
      expect(await bedragen('gte', '142.5')).toEqual([142.5, 189.35, 612.75]);
      expect(await bedragen('lt', '142.5')).toEqual([25]);
      expect(await bedragen('lte', '142.5')).toEqual([25, 142.5]);
      // A date-time is greater than the date it starts with: lt tomorrow includes all of today.
      const verlopen = await list([...ofSuzanne(types.taak), ['data_attr', 'status__exact__open'], ['data_attr', `verloopdatum__lt__${today}`]]);
      expect(uuidsOf(verlopen)).toEqual([suzanne.taak.overdue]);
      const publishedToday = await list([
        ['type', types.bericht],
        ['data_attr', `publicatiedatum__gte__${today}`],
      ]);
      expect(uuidsOf(publishedToday)).toEqual([suzanne.futureBericht]);
      await problem(await run.call(`${objects}/objects${query([['data_attr', 'publicatiedatum__lte__2025-06-15T10:00:00Z']])}`), 400, 'invalid');
    });

    it('icontains is case-insensitive and in takes |-separated strings', async () => {
      const dorpsstraat = await list([['data_attr', 'onderwerp__icontains__DORPSSTRAAT']]);
      expect(uuidsOf(dorpsstraat)).toEqual([suzanne.berichtWithMarkup]);
      const done = await list([...ofSuzanne(types.taak), ['data_attr', 'status__in__afgerond|verwerkt']]);
      expect(uuidsOf(done).sort()).toEqual([...suzanne.afgerondeTaken].sort());
      expect((await list([['data_attr', 'ogonebetaling__bedrag__in__25|189.35']])).count).toBe(0);
    });

    it('data_attr: a comma in the value is matched exactly, neither broken nor widened', async () => {
      const exact = await list([...ofSuzanne(types.bericht), ['data_attr', 'onderwerp__exact__Uw aanvraag, deel 2']]);
      expect(uuidsOf(exact)).toEqual([suzanne.berichtComma]);
      // Without the BSN, Marieke Visser's bericht with the same onderwerp is found too.
      expect(uuidsOf(await list([['data_attr', 'onderwerp__exact__Uw aanvraag, deel 2']])).sort()).toEqual(
        [suzanne.berichtComma, objectenDemo.notable.others.sameOnderwerpAsSuzanne].sort(),
      );
      const contains = await list([...ofSuzanne(types.bericht), ['data_attr', 'onderwerp__icontains__aanvraag, deel 2']]);
      expect(uuidsOf(contains).sort()).toEqual([suzanne.berichtComma, suzanne.berichtCommaUnderscore].sort());
    });

    it('data_attr: a value with __ cannot be asked for (400, or silently nothing)', async () => {
      const url = (value: string) => `${objects}/objects${query([...ofSuzanne(types.bericht), ['data_attr', value]])}`;
      // Comma and __: the comma is no longer in the part after the last __.
      const both = await problem(await run.call(url('onderwerp__exact__Uw aanvraag, deel 2__vervolg')), 400, 'invalid');
      expect(both.invalid_params[0]).toMatchObject({
        code: 'invalid-data-attr-query',
        reason: expect.stringContaining("commas can only be present in the 'value'"),
      });
      // Only __: the split takes "deel 2" for the operator.
      const underscore = await problem(await run.call(url('onderwerp__icontains__deel 2__vervolg')), 400, 'invalid');
      expect(underscore.invalid_params[0].reason).toBe('Comparison operator `deel 2` is unknown');
      // `x__exact__y` inside a value: a filter on the nested key onderwerp → icontains → x, which matches nothing.
      expect((await list([...ofSuzanne(types.bericht), ['data_attr', 'onderwerp__icontains__aanvraag__exact__x']])).count).toBe(0);
      // The portal can only fetch by BSN and compare the onderwerp itself.
      const mine = await list(ofSuzanne(types.bericht));
      expect(mine.results.filter((b: any) => b.record.data.onderwerp === 'Uw aanvraag, deel 2__vervolg').map((b: any) => b.uuid)).toEqual([
        suzanne.berichtCommaUnderscore,
      ]);
    });

    it('data_attrs (deprecated) splits on every comma: a value with a comma breaks or widens the filter', async () => {
      // The intended use: two expressions.
      const two = await list([
        ['type', types.bericht],
        ['data_attrs', `identificatie__value__exact__${suzanne.bsn},geopend__icontains__false`],
      ]);
      expect(two.count).toBe(suzanne.unreadBerichten.length + 1);
      // The same onderwerp that data_attr matched exactly: " deel 2" is taken for a second expression.
      const broken = await problem(await run.call(`${objects}/objects${query([['data_attrs', 'onderwerp__exact__Uw aanvraag, deel 2']])}`), 400, 'invalid');
      expect(broken.invalid_params[0]).toMatchObject({
        code: 'invalid-data-attrs-query',
        reason: "Filter expression ' deel 2' doesn't have the shape 'key__operator__value'",
      });
      await problem(await run.call(`${objects}/objects${query([['data_attrs', 'onderwerp__exact__Uw aanvraag, deel 2__vervolg']])}`), 400, 'invalid');
      // A searched text with a comma and something that looks like an expression: widened.
      const term = 'aanvraag,referentie__icontains__ZAAK';
      const widened = await list([...ofSuzanne(types.bericht), ['data_attrs', `onderwerp__icontains__${term}`]]);
      expect(widened.count).toBeGreaterThan(0);
      expect(widened.results.every((b: any) => !b.record.data.onderwerp.includes(term))).toBe(true);
    });

    it('data_icontains searches every text in data with a case-insensitive regular expression', async () => {
      const found = await list([...ofSuzanne(types.bericht), ['data_icontains', 'STOEPTEGEL']]);
      expect(uuidsOf(found)).toEqual([suzanne.berichtWithMarkup]);
      expect((await list([...ofSuzanne(types.taak), ['data_icontains', '^betaal de leges']])).count).toBe(2);
      // Nested: the pspid of every ogonebetaling.
      expect((await list([['data_icontains', 'voorbeeldstad$']])).count).toBeGreaterThanOrEqual(5);
      await problem(await run.call(`${objects}/objects${query([['data_icontains', '(onaf']])}`), 500);
    });

    it('date and registrationDate show the record of that moment', async () => {
      const before = await list([
        ['date', '2025-06-05'],
        ['data_attr', `identificatie__value__exact__${suzanne.bsn}`],
        ['type', types.taak],
      ]);
      const taak = before.results.find((t: any) => t.uuid === suzanne.taakWithHistory);
      expect(taak.record).toMatchObject({ index: 1, endAt: '2025-06-10' });
      expect(taak.record.data.status).toBe('open');
      // Objects that did not exist yet are not there.
      expect(uuidsOf(before)).not.toContain(suzanne.taak.url);
      const registered = await object(await run.call(`${objects}/objects/${suzanne.taakWithHistory}?registrationDate=2025-06-04`));
      expect(registered.record.index).toBe(1);
      expect((await object(await run.call(`${objects}/objects/${suzanne.taakWithHistory}`))).record).toMatchObject({
        index: 2,
        endAt: null,
        startAt: '2025-06-10',
      });
      await problem(await run.call(`${objects}/objects/${suzanne.taak.url}?date=2024-01-01`), 404, 'not_found');
    });

    it('orders on data, nulls last ascending and first descending; by default the newest record first', async () => {
      const open = [...ofSuzanne(types.taak), ['data_attr', 'status__exact__open']] as [string, string][];
      const descending = await list([...open, ['ordering', '-record__data__verloopdatum']]);
      expect(uuidsOf(descending)).toEqual([
        suzanne.taak.unsupportedForm,
        suzanne.taak.ogonebetaling,
        suzanne.taak.url,
        suzanne.taak.portaalformulier,
        suzanne.taak.overdue,
      ]);
      const byTwo = await list([...ofSuzanne(types.taak), ['ordering', 'record__data__status,-record__data__titel']]);
      const statuses = byTwo.results.map((t: any) => t.record.data.status);
      expect(statuses).toEqual([...statuses].sort());
      // An ordering field that does not exist is ignored, as objects-api does: the default order stays.
      const unknown = await list([...open, ['ordering', 'bestaat_niet']]);
      expect(uuidsOf(unknown)).toEqual(uuidsOf(await list(open)));
    });
  });

  describe('writes', () => {
    const taak = (overrides: Record<string, unknown> = {}) => ({
      titel: 'Controleer uw gegevens',
      status: 'open',
      soort: 'url',
      identificatie: { type: 'bsn', value: '999992570' },
      verwerker_taak_id: '5f1c2d9e-6a3b-4c8d-9e0f-1a2b3c4d5e6f',
      eigenaar: 'gemeente-voorbeeldstad',
      url: { uri: 'https://voorbeeldstad.example.nl/gegevens' },
      ...overrides,
    });
    const post = (body: unknown, headers?: Record<string, string | undefined>) => run.call(`${objects}/objects`, { body, headers });

    it('POST creates an object (201, Location) and announces it', async () => {
      const heard: Notificatie[] = [];
      run.sim.onNotification((n) => heard.push(n));
      const response = await post({ type: types.taak, record: { typeVersion: 1, startAt: today, data: taak() } });
      const created = await object(response, 201);
      expect(response.headers.get('location')).toBe(created.url);
      expect(created.record).toMatchObject({
        index: 1,
        typeVersion: 1,
        startAt: today,
        endAt: null,
        registrationAt: today,
        correctionFor: null,
        correctedBy: null,
        references: [],
      });
      expect(await object(await run.call(created.url))).toEqual(created);
      expect(heard).toEqual([
        {
          kanaal: 'objecten',
          hoofdObject: created.url,
          resource: 'object',
          resourceUrl: created.url,
          actie: 'create',
          aanmaakdatum: expect.stringMatching(/^2025-06-15T/),
          kenmerken: { object_type: types.taak },
        },
      ]);
      expect(contract.checkComponent('notificaties', 'Message', heard[0])).toEqual([]);
      // A uuid given by the client is kept, and only once.
      const uuid = 'c0ffee00-0000-4000-8000-000000000001';
      expect((await object(await post({ uuid, type: types.taak, record: { typeVersion: 1, startAt: today, data: taak() } }), 201)).uuid).toBe(uuid);
      const again = await problem(await post({ uuid, type: types.taak, record: { typeVersion: 1, startAt: today, data: taak() } }), 400);
      expect(again.invalid_params).toEqual([{ name: 'uuid', code: 'unique', reason: 'object with this uuid already exists.' }]);
    });

    it('POST checks the fields, then the data against the type’s JSON Schema (400)', async () => {
      const fields = await problem(await post({ type: types.taak, record: { data: taak() } }), 400, 'invalid');
      expect(fields.invalid_params.map((p: any) => [p.name, p.code]).sort()).toEqual([
        ['record.startAt', 'required'],
        ['record.typeVersion', 'required'],
      ]);
      const badDate = await problem(
        await post({ type: types.taak, record: { typeVersion: 'een', startAt: '15-06-2025', data: taak(), correctionFor: 1 } }),
        400,
        'invalid',
      );
      expect(badDate.invalid_params.map((p: any) => p.name).sort()).toEqual(['record.correctionFor', 'record.startAt', 'record.typeVersion']);
      const cases: [Record<string, unknown>, string][] = [
        [taak({ titel: undefined }), "'titel' is a required property"],
        [taak({ status: 'klaar' }), "'klaar' is not one of ['open', 'afgerond', 'verwerkt', 'gesloten']"],
        [taak({ kleur: 'rood' }), "Additional properties are not allowed ('kleur' was unexpected)"],
        [taak({ identificatie: { type: 'bsn', value: 'abc' } }), "{'type': 'bsn', 'value': 'abc'} is not valid under any of the given schemas"],
        [taak({ soort: 'ogonebetaling', url: undefined, ogonebetaling: { bedrag: -1, betaalkenmerk: 'x', pspid: 'y' } }), '-1 is less than the minimum of 0'],
      ];
      for (const [data, reason] of cases) {
        const body = await problem(
          await post({ type: types.taak, record: { typeVersion: 1, startAt: today, data: JSON.parse(JSON.stringify(data)) } }),
          400,
          'invalid',
        );
        expect(body.invalid_params).toEqual([{ name: 'nonFieldErrors', code: 'invalid-json-schema', reason }]);
      }
      // multipleOf 0.01 is a float division, in python-jsonschema as in Ajv: 612.8 / 0.01 is not whole.
      const bedrag = (value: number) => taak({ soort: 'ogonebetaling', url: undefined, ogonebetaling: { bedrag: value, betaalkenmerk: 'x', pspid: 'y' } });
      const float = await problem(await post({ type: types.taak, record: { typeVersion: 1, startAt: today, data: bedrag(612.8) } }), 400);
      expect(float.invalid_params[0].reason).toBe('612.8 is not a multiple of 0.01');
      await object(await post({ type: types.taak, record: { typeVersion: 1, startAt: today, data: bedrag(612.75) } }), 201);
      // Formats are not checked, as python-jsonschema does not without a format checker.
      await object(
        await post({ type: types.taak, record: { typeVersion: 1, startAt: today, data: taak({ verloopdatum: 'volgende week', url: { uri: 'geen uri' } }) } }),
        201,
      );
      const version = await problem(await post({ type: types.taak, record: { typeVersion: 2, startAt: today, data: taak() } }), 400);
      expect(version.invalid_params[0].name).toBe('nonFieldErrors');
      const geometry = await problem(
        await post({ type: types.taak, record: { typeVersion: 1, startAt: today, data: taak(), geometry: { type: 'Point', coordinates: [4.9, 52.4] } } }),
        400,
      );
      expect(geometry.invalid_params[0]).toMatchObject({ code: 'geometry-not-allowed' });
    });

    it('POST answers 412/406 for Content-Crs, 415 for another content type and 400 for a body that is not JSON', async () => {
      const body = { type: types.taak, record: { typeVersion: 1, startAt: today, data: taak() } };
      await problem(await post(body, { 'content-crs': undefined }), 412, 'precondition_failed');
      await problem(await post(body, { 'content-crs': 'EPSG:28992' }), 406, 'not_acceptable');
      await problem(await run.call(`${objects}/objects`, { headers: { 'accept-crs': 'EPSG:28992' } }), 406, 'not_acceptable');
      await problem(await post('type=taak', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
      await problem(await post('{niet: json'), 400, 'parse_error');
    });

    it('PUT adds a record: the index goes up, the old record ends, correctionFor marks the one corrected', async () => {
      const created = await object(await post({ type: types.taak, record: { typeVersion: 1, startAt: '2025-06-01', data: taak() } }), 201);
      const heard: Notificatie[] = [];
      run.sim.onNotification((n) => heard.push(n));
      const put = (body: unknown) => run.call(created.url, { method: 'PUT', body });
      const updated = await object(
        await put({ type: types.taak, record: { typeVersion: 1, startAt: today, data: taak({ status: 'afgerond' }), correctionFor: 1 } }),
      );
      expect(updated.record).toMatchObject({ index: 2, startAt: today, endAt: null, correctionFor: 1, correctedBy: null });
      expect(updated.record.data.status).toBe('afgerond');
      const history = await json(await run.call(`${created.url}/history`), 200);
      expect(history.results.map((r: any) => [r.index, r.startAt, r.endAt, r.correctionFor, r.correctedBy])).toEqual([
        [1, '2025-06-01', today, null, 2],
        [2, today, null, 1, null],
      ]);
      expect(heard.map((n) => n.actie)).toEqual(['update']);

      const wrong = await problem(
        await put({
          type: types.bericht,
          uuid: 'c0ffee00-0000-4000-8000-00000000dead',
          record: { typeVersion: 1, startAt: today, data: taak(), correctionFor: 7 },
        }),
        400,
      );
      expect(wrong.invalid_params.map((p: any) => [p.name, p.code]).sort()).toEqual([
        ['record.correctionFor', 'does_not_exist'],
        ['type', 'immutable-field'],
        ['uuid', 'immutable-field'],
      ]);
      await problem(await put({ record: { typeVersion: 1, startAt: today, data: taak() } }), 400);
      await problem(await put({ type: types.taak, record: { typeVersion: 1, startAt: today, data: { titel: 'alleen een titel' } } }), 400);
      expect((await json(await run.call(`${created.url}/history`), 200)).count).toBe(2);
    });

    it('PATCH merges record.data into the latest record, keeps typeVersion and startAt, and validates the result', async () => {
      const form = `${objects}/objects/${objectenDemo.notable.formulieren.bijstand}`;
      const created = await object(
        await post({
          type: types.taak,
          record: {
            typeVersion: 1,
            startAt: '2025-06-01',
            data: taak({
              soort: 'portaalformulier',
              url: undefined,
              verloopdatum: '2025-06-30T10:00:00Z',
              portaalformulier: { formulier: { soort: 'url', value: form }, data: { naam: 'Anna Bakker' } },
            }),
          },
        }),
        201,
      );
      const heard: Notificatie[] = [];
      run.sim.onNotification((n) => heard.push(n));
      const patch = (data: unknown, headers?: Record<string, string | undefined>) =>
        run.call(created.url, { method: 'PATCH', body: { record: { data } }, headers });
      // Nested objects merge; scalars (and arrays) are replaced.
      const verzonden = { naam: 'Anna Bakker', personen: 1 };
      const afgerond = await object(await patch({ status: 'afgerond', portaalformulier: { verzonden_data: verzonden } }));
      expect(afgerond.record).toMatchObject({ index: 2, typeVersion: 1, startAt: '2025-06-01', registrationAt: today, endAt: null });
      expect(afgerond.record.data).toEqual({
        ...created.record.data,
        status: 'afgerond',
        portaalformulier: { ...created.record.data.portaalformulier, verzonden_data: verzonden },
      });
      expect(heard).toEqual([expect.objectContaining({ actie: 'partial_update', resourceUrl: created.url, kenmerken: { object_type: types.taak } })]);
      // null sets null rather than removing the key: here that breaks the schema.
      const nulled = await problem(await patch({ verloopdatum: null }), 400);
      expect(nulled.invalid_params[0]).toEqual({ name: 'nonFieldErrors', code: 'invalid-json-schema', reason: "None is not of type 'string'" });
      const wrong = await problem(await patch({ status: 'klaar' }), 400);
      expect(wrong.invalid_params[0].reason).toMatch(/^'klaar' is not one of/);
      await problem(await patch({}, { 'content-crs': undefined }), 412);
      const history = await json(await run.call(`${created.url}/history`), 200);
      expect(history.results.map((r: any) => [r.index, r.startAt, r.endAt, r.data.status])).toEqual([
        [1, '2025-06-01', '2025-06-01', 'open'],
        [2, '2025-06-01', null, 'afgerond'],
      ]);
      // A changed object comes first in the default order (the newest record first).
      await object(await run.call(`${objects}/objects/${suzanne.taak.url}`, { method: 'PATCH', body: { record: { data: {} } } }));
      expect((await list([['type', types.taak]])).results[0].uuid).toBe(suzanne.taak.url);
    });

    it('DELETE removes an object with its records (204) and announces it; with ?zaak= it may keep it', async () => {
      const heard: Notificatie[] = [];
      run.sim.onNotification((n) => heard.push(n));
      const zaak = (n: number) => `${new URL(objects).origin}/zaken/api/v1/zaken/a0000000-0000-4000-8000-000000000${n}`;
      const created = await object(
        await post({
          type: types.taak,
          record: {
            typeVersion: 1,
            startAt: today,
            data: taak(),
            references: [
              { type: 'zaak', url: zaak(101) },
              { type: 'zaak', url: zaak(102) },
            ],
          },
        }),
        201,
      );
      const kept = await json(await run.call(`${created.url}?zaak=${encodeURIComponent(zaak(101))}`, { method: 'DELETE' }), 200);
      expect(contract.checkResponse('objects', 'DELETE', '/objects/{uuid}', 200, kept)).toEqual([]);
      expect(kept).toEqual({ behouden: [created.url] });
      expect((await object(await run.call(created.url))).record.references).toEqual([{ type: 'zaak', url: zaak(102) }]);
      const gone = await run.call(`${created.url}?zaak=${encodeURIComponent(zaak(102))}`, { method: 'DELETE' });
      expect(gone.status).toBe(204);
      expect(await gone.text()).toBe('');
      await problem(await run.call(created.url), 404);
      await problem(await run.call(`${created.url}/history`), 404);
      expect(heard.map((n) => n.actie)).toEqual(['create', 'destroy']);
    });

    it('createObject adds an object as a source system would, checked against the schema', async () => {
      const heard: Notificatie[] = [];
      run.sim.onNotification((n) => heard.push(n));
      const uuid = await run.sim.createObject('bericht', {
        identificatie: { type: 'bsn', value: '999992570' },
        publicatiedatum: '2025-06-15T09:00:00Z',
        onderwerp: 'Welkom in Voorbeeldstad',
        berichtTekst: 'Fijn dat u er bent.',
        referentie: '',
        handelingsperspectief: 'informatie ontvangen',
        einddatumHandelingstermijn: '',
        geopend: false,
        berichtType: 'notificatie',
        bijlages: [],
      });
      const created = await object(await run.call(`${objects}/objects/${uuid}`));
      expect(created).toMatchObject({ type: types.bericht, record: { startAt: today, index: 1 } });
      expect(heard).toEqual([expect.objectContaining({ actie: 'create', resourceUrl: created.url, kenmerken: { object_type: types.bericht } })]);
      await expect(run.sim.createObject('taak', { titel: 'Onvolledig' })).rejects.toThrow(/'status' is a required property/);
      await expect(run.sim.createObject('taak', taak(), { startAt: 'morgen' })).rejects.toThrow(/startAt/);
      expect(await run.sim.createObject('taak', taak(), { startAt: '2025-07-01' })).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('faults, latency and request counts', () => {
    it("'down' answers 503 with an error body, on both APIs", async () => {
      run.sim.setFault('down');
      await problem(await run.call(`${objects}/objects`), 503, 'service_unavailable');
      await problem(await run.call(types.taak), 503, 'service_unavailable');
    });

    it("'garbage' answers 200 with a body that is not the spec's: wrong JSON, then HTML", async () => {
      run.sim.setFault('garbage');
      const first = await run.call(`${objects}/objects`);
      expect(first.status).toBe(200);
      const body = await first.json();
      expect(body).toEqual({ unexpected: true });
      expect(contract.checkResponse('objects', 'GET', '/objects', 200, body)).not.toEqual([]);
      const second = await run.call(`${objects}/objects`);
      expect(second.status).toBe(200);
      expect(second.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await second.text()).toContain('<html');
    });

    it("'hang' holds requests until the fault is lifted", async () => {
      run.sim.setFault('hang');
      const url = `${objects}/objects/${suzanne.taak.url}`;
      await expect(run.call(url, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
      const held = run.call(url);
      const outcome = await Promise.race([held.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
      expect(outcome).toBe('still waiting');
      run.sim.setFault('none');
      await object(await held);
    });

    it('a held request does not keep the app from closing', async () => {
      const other = await start();
      other.sim.setFault('hang');
      const held = other.call(`${other.sim.url}/objects`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await other.app.close();
      expect((await held).status).toBe(503);
    });

    it('adds latency before every answer', async () => {
      run.sim.setLatency(250);
      const startedAt = performance.now();
      await page(await run.call(`${objects}/objects?pageSize=1`));
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(240);
    });

    it('counts the requests of both APIs, also refused ones', async () => {
      run.sim.resetCounts();
      expect(run.sim.requestCount()).toBe(0);
      await run.call(`${objects}/objects/${suzanne.taak.url}`);
      await run.call(types.taak);
      await run.call(`${objects}/objects`, { headers: { authorization: undefined } });
      expect(run.sim.requestCount()).toBe(3);
      run.sim.resetCounts();
      expect(run.sim.requestCount()).toBe(0);
    });
  });

  describe('the demo data', () => {
    const all = () => run.sim.objects() as any[];
    const byUuid = (uuid: string) => all().find((o) => o.uuid === uuid);
    const dataOf = (uuids: readonly string[]) => uuids.map((uuid) => byUuid(uuid).record.data);

    it('fits the object type schemas, formats included', () => {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      (addFormats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
      const files: Record<string, string> = {
        [types.taak]: 'taakv2.json',
        [types.bericht]: 'bericht.json',
        [types.formulier]: 'formio.json',
        [types.producttype]: 'pdc-producttype.json',
        [types.parkeervergunning]: 'parkeervergunning.json',
      };
      // The PDC schemas name draft-07 as their $schema; their keywords mean the same in 2020-12.
      const schemaOf = (file: string) => {
        const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(specsDir, 'objecttypes', file), 'utf8'));
        return schema;
      };
      const validators = Object.fromEntries(Object.entries(files).map(([url, file]) => [url, ajv.compile(schemaOf(file))]));
      for (const o of objectenDemo.objects) {
        const found = byUuid(o.uuid);
        const validate = validators[found.type]!;
        expect(validate(found.record.data), `${o.uuid}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    });

    it('gives Suzanne an open taak of every soort, an overdue one, one with a form the portal cannot show, and two afgerond', () => {
      const open = dataOf(suzanne.openTaken);
      expect(open.every((t) => t.status === 'open' && t.identificatie.value === suzanne.bsn)).toBe(true);
      expect(new Set(open.map((t) => t.soort))).toEqual(new Set(['url', 'portaalformulier', 'ogonebetaling']));
      expect(dataOf([suzanne.taak.overdue])[0].verloopdatum < now.toISOString()).toBe(true);
      expect(open.filter((t) => t.verloopdatum !== undefined && t.verloopdatum < now.toISOString())).toHaveLength(1);
      expect(dataOf(suzanne.afgerondeTaken).map((t) => t.status)).toEqual(['afgerond', 'afgerond']);
      expect(dataOf(suzanne.afgerondeTaken)[0].portaalformulier.verzonden_data).toBeDefined();
      const companies = testCompanies.map((c) => c.kvkNummer);
      const companyTaken = objectenDemo.taken.filter((t) => t.owner?.type === 'kvk');
      expect(companyTaken.every((t) => companies.includes(t.owner!.value))).toBe(true);
      expect(companyTaken.filter((t) => t.owner!.value === '69599084').length).toBeGreaterThanOrEqual(1);
      expect(companyTaken.filter((t) => t.owner!.value === '69599084').length).toBeLessThanOrEqual(2);
      // Anna Bakker is new in the gemeente: nothing yet.
      expect(objectenDemo.objects.filter((o) => o.owner?.value === '999992570')).toEqual([]);
    });

    it('has objects of other people, with valid BSNs that are not test persons', () => {
      const people = testPersons.map((p) => p.bsn);
      const others = objectenDemo.objects.filter((o) => o.owner?.type === 'bsn' && !people.includes(o.owner.value));
      expect(others.filter((o) => o.kind === 'taak').length).toBeGreaterThanOrEqual(2);
      expect(others.filter((o) => o.kind === 'bericht').length).toBeGreaterThanOrEqual(2);
      for (const o of others) expect(isValidBsn(o.owner!.value)).toBe(true);
    });

    it('couples taken to zaken of the same person or company in the ZGW demo', () => {
      const coupled = all().filter((o) => o.type === types.taak && o.record.data.koppeling);
      expect(coupled.length).toBeGreaterThanOrEqual(8);
      for (const t of coupled) {
        const zaak = zgwDemo.zaken.find((z) => z.uuid === t.record.data.koppeling.value);
        expect(zaak, t.uuid).toBeDefined();
        expect(ownerOf(zaak!.owner)).toEqual(`${t.record.data.identificatie.type}:${t.record.data.identificatie.value}`);
        expect(t.record.references).toEqual([{ type: 'zaak', url: `${new URL(objects).origin}/zaken/api/v1/zaken/${zaak!.uuid}` }]);
      }
    });

    it('gives berichten bijlagen that are documents of the same person’s zaken, served by the ZGW simulator', async () => {
      const jwt = await new SignJWT({ client_id: zgwClient.clientId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .sign(new TextEncoder().encode(zgwClient.secret));
      const withBijlagen = all().filter((o) => o.type === types.bericht && o.record.data.bijlages.length > 0);
      expect(withBijlagen.map((o) => o.uuid)).toEqual(expect.arrayContaining(suzanne.berichtenWithBijlagen));
      expect(byUuid(suzanne.berichtWithTwoBijlagen).record.data.bijlages).toHaveLength(2);
      for (const b of withBijlagen) {
        for (const url of b.record.data.bijlages as string[]) {
          const response = await fetch(url, { headers: { authorization: `Bearer ${jwt}` } });
          expect(response.status, url).toBe(200);
          const document = await response.json();
          expect(document.url).toBe(url);
          const zaak = zgwDemo.zaken.find((z) => z.documenten.some((d) => url.endsWith(d.uuid)))!;
          expect(ownerOf(zaak.owner), b.uuid).toEqual(`${b.record.data.identificatie.type}:${b.record.data.identificatie.value}`);
        }
      }
    });

    it('has the berichten the portal’s edge cases need', () => {
      const published = all().filter(
        (o) => o.type === types.bericht && o.record.data.identificatie.value === suzanne.bsn && o.record.data.publicatiedatum <= now.toISOString(),
      );
      expect(published.length).toBeGreaterThanOrEqual(12);
      expect(published.filter((b) => !b.record.data.geopend).length).toBeGreaterThanOrEqual(3);
      expect(dataOf([suzanne.futureBericht])[0].publicatiedatum > now.toISOString()).toBe(true);
      const [markup] = dataOf([suzanne.berichtWithMarkup]);
      expect(markup.berichtTekst).toContain('<script>alert(1)</script>');
      expect(markup.berichtTekst).toMatch(/https:\/\/\S+/);
      expect(markup.berichtTekst).toContain('\n');
      expect(dataOf([suzanne.berichtCommaUnderscore])[0].onderwerp).toBe('Uw aanvraag, deel 2__vervolg');
      const acting = published.filter((b) => b.record.data.handelingsperspectief !== 'informatie ontvangen');
      expect(acting.length).toBeGreaterThanOrEqual(3);
      for (const b of acting) expect(b.record.data.einddatumHandelingstermijn).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(new Set(published.map((b) => b.record.data.berichtType))).toEqual(new Set(['notificatie', 'betaalverzoek', 'uitnodiging', 'verzoek']));
      expect(all().filter((o) => o.type === types.bericht && o.record.data.identificatie.type === 'kvk').length).toBeGreaterThanOrEqual(2);
    });

    it('points portaalformulier-taken at form definitions in the same API, one of them one the portal cannot show', async () => {
      const forms = all().filter((o) => o.type === types.taak && o.record.data.soort === 'portaalformulier');
      for (const t of forms) {
        const form = await object(await run.call(t.record.data.portaalformulier.formulier.value));
        expect(form.type).toBe(types.formulier);
        expect(form.record.data.formDefinition.components.length).toBeGreaterThan(0);
      }
      const bijstand = byUuid(objectenDemo.notable.formulieren.bijstand).record.data.formDefinition;
      const components = bijstand.components as { type: string; validate?: Record<string, unknown> }[];
      expect(new Set(components.map((c) => c.type))).toEqual(
        new Set(['textfield', 'textarea', 'number', 'datetime', 'email', 'phoneNumber', 'select', 'radio', 'checkbox', 'button']),
      );
      const rules = new Set(
        components.flatMap((c) =>
          Object.entries(c.validate ?? {})
            .filter(([, v]) => v !== false)
            .map(([k]) => k),
        ),
      );
      for (const rule of ['required', 'min', 'max', 'pattern', 'minLength', 'maxLength']) expect(rules).toContain(rule);
      const unsupported = byUuid(objectenDemo.notable.formulieren.unsupported).record.data.formDefinition;
      expect(unsupported.display).toBe('wizard');
      expect(byUuid(suzanne.taak.unsupportedForm).record.data.portaalformulier.formulier.value).toBe(
        `${objects}/objects/${objectenDemo.notable.formulieren.unsupported}`,
      );
    });
  });
});

/** "bsn:…" or "kvk:…" of a zaak's initiator (a vestiging counts as its company). */
function ownerOf(party: (typeof zgwDemo.zaken)[number]['owner']): string {
  return party.kind === 'persoon' ? `bsn:${party.bsn}` : `kvk:${party.kvk}`;
}

describe('Objecten simulator options', () => {
  it("version '2.4' ignores data_attr (objects-api before 2.5 has none): every object of the type, everyone's; data_attrs still filters", async () => {
    const old = await start({ version: '2.4', pageSize: 2 });
    try {
      const type = old.sim.objecttypen.taak;
      const url = (params: [string, string][]) => `${old.sim.url}/objects${query(params)}`;
      const all = old.sim.objects().filter((o) => o.type === type).length;
      const ignored = await page(
        await old.call(
          url([
            ['type', type],
            ['data_attr', 'identificatie__type__exact__bsn'],
            ['data_attr', `identificatie__value__exact__${suzanne.bsn}`],
          ]),
        ),
      );
      expect(ignored.count).toBe(all);
      expect(new URL(ignored.next!).searchParams.getAll('data_attr')).toHaveLength(2);
      const filtered = await page(
        await old.call(
          url([
            ['type', type],
            ['data_attrs', `identificatie__value__exact__${suzanne.bsn}`],
          ]),
        ),
      );
      expect(filtered.count).toBeLessThan(all);

      old.sim.setVersion('current');
      old.sim.setPageSize(100);
      const current = await page(
        await old.call(
          url([
            ['type', type],
            ['data_attr', `identificatie__value__exact__${suzanne.bsn}`],
          ]),
        ),
      );
      expect(current.count).toBe(filtered.count);
    } finally {
      await old.app.close();
    }
  });

  it("dataset 'empty' has the object types but no objects", async () => {
    const empty = await start({ dataset: 'empty' });
    try {
      expect((await page(await empty.call(`${empty.sim.url}/objects`))).count).toBe(0);
      expect(empty.sim.objects()).toEqual([]);
      expect((await json(await empty.call(empty.sim.objecttypen.taak), 200)).name).toBe('TaakV2');
      const uuid = await empty.sim.createObject('taak', {
        titel: 'Eerste taak',
        status: 'open',
        soort: 'url',
        identificatie: { type: 'kvk', value: '90001745' },
        verwerker_taak_id: '5f1c2d9e-6a3b-4c8d-9e0f-1a2b3c4d5e6f',
        eigenaar: 'gemeente-voorbeeldstad',
        url: { uri: 'https://voorbeeldstad.example.nl' },
      });
      expect(uuidsOf(await page(await empty.call(`${empty.sim.url}/objects`)))).toEqual([uuid]);
    } finally {
      await empty.app.close();
    }
  });

  it('dates the demo relative to `now`', async () => {
    const dated = await start({ now: new Date('2024-02-29T12:00:00Z') });
    try {
      const bericht = await object(await dated.call(`${dated.sim.url}/objects/${suzanne.berichtComma}`));
      expect(bericht.record.data.publicatiedatum).toBe('2024-02-25T12:00:00Z');
      expect(bericht.record.startAt).toBe('2024-02-25');
      const overdue = await object(await dated.call(`${dated.sim.url}/objects/${suzanne.taak.overdue}`));
      expect(overdue.record.data.verloopdatum).toBe('2024-02-26T12:00:00Z');
    } finally {
      await dated.app.close();
    }
  });

  it('serves under the path of baseUrl, with objecttype and ZGW URLs from their own options', async () => {
    const app = Fastify({ logger: false });
    const sim = await registerObjectenSimulator(app, {
      baseUrl: 'http://127.0.0.1:0/sim/',
      tokens: [token],
      now,
      zgwBaseUrl: 'https://zgw.voorbeeldstad.example.nl',
      objecttypesBaseUrl: 'https://objecttypen.voorbeeldstad.example.nl/api/v2',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sim\/objecten\/api\/v2$/);
      expect(sim.objecttypen.taak).toBe('https://objecttypen.voorbeeldstad.example.nl/api/v2/objecttypes/b4a617af-6969-45e8-9afd-d51e170716d5');
      const headers = { authorization: `Token ${token}` };
      const taken = await (await fetch(`${sim.url}/objects?${new URLSearchParams({ type: sim.objecttypen.taak })}`, { headers })).json();
      expect(taken.count).toBe(objectenDemo.taken.length);
      expect(taken.results[0].url.startsWith(`${sim.url}/objects/`)).toBe(true);
      const bericht = await (await fetch(`${sim.url}/objects/${suzanne.berichtWithTwoBijlagen}`, { headers })).json();
      expect(bericht.record.data.bijlages[0]).toMatch(/^https:\/\/zgw\.voorbeeldstad\.example\.nl\/documenten\/api\/v1\/enkelvoudiginformatieobjecten\//);
      // The simulator still serves the types itself, under its own base.
      expect((await fetch(`${new URL(sim.url).origin}/sim/objecttypen/api/v2/objecttypes/b4a617af-6969-45e8-9afd-d51e170716d5`, { headers })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
