/**
 * The Objecten simulator: objects-api (Objects API 2.7.0) as a portal sees it, built from the
 * official spec (specs/objects-api.yaml) and the object type schemas in specs/objecttypes/, and
 * checked against them in objecten.test.ts, with the demo data of simulators/data/objecten-demo.ts:
 * taken (TaakV2), berichten (Bericht) and Form.io form definitions.
 *
 * The Objects API is its own Fastify scope under `${baseUrl}/objecten/api/v2`, and a minimal
 * Objecttypes API (read only) another under `${baseUrl}/objecttypen/api/v2`, so that their hooks
 * (token authentication, faults, request counts) and error shapes do not leak into the other
 * simulators on the same Fastify instance. Besides the HTTP APIs, tests get handles to make the
 * simulator slow, down or nonsensical, to count round trips, to add objects as a source system
 * would, to hear the notifications, and to see what is stored.
 */
import type { FastifyInstance } from 'fastify';
import { objectenDemo } from '../data/objecten-demo.ts';
import type { DemoContext } from '../data/objecten-demo.ts';
import { BaseUrl } from '../shared/base-url.ts';
import { dutchDate } from '../../src/domain/calendar.ts';
import { ApiError } from '../shared/errors.ts';
import { Faults } from '../shared/faults.ts';
import type { FaultControls } from '../shared/faults.ts';
import type { Fout } from '../shared/problem.ts';
import { setUpScope } from './http.ts';
import { createChecked, objectJson, objectsApiVersion, objectUrl, registerObjectsApi } from './objects.ts';
import type { ObjectsApiVersion, ObjectsContext } from './objects.ts';
import { objectTypeDefinitions, objectTypesApiVersion, objectTypeUrl, registerObjectTypesApi } from './objecttypes.ts';
import type { TypeLinks } from './objecttypes.ts';
import { Store } from './store.ts';
import type { NewRecord, Notificatie, ObjectRow } from './store.ts';
import { isIsoDate, SchemaValidators } from './validation.ts';
import type { Json } from './validation.ts';

export type { Notificatie } from './store.ts';
export type { ObjectsApiVersion } from './objects.ts';
export type { Fault } from '../shared/faults.ts';

export interface ObjectenSimulatorOptions {
  /** Public base URL where `app` listens, e.g. http://127.0.0.1:3001; the API lives at
   *  `${baseUrl}/objecten/api/v2`. With port 0 (for tests) the port is the one the app listens on. */
  baseUrl: string;
  /** Accepted `Authorization: Token <token>` values (objects-api's token authentication); each
   *  may read and write the three object types. */
  tokens: string[];
  /** 'demo' (default) seeds the demo data; 'empty' starts with nothing (the object types exist). */
  dataset?: 'demo' | 'empty';
  /** Dates of the demo data are relative to this moment (default: now). */
  now?: Date;
  /** Base URL of the ZGW simulator (default `baseUrl`), for the bijlagen of demo berichten
   *  (`${zgwBaseUrl}/documenten/api/v1/enkelvoudiginformatieobjecten/…`) and the zaak references
   *  of demo records. Port 0 works as in `baseUrl`. */
  zgwBaseUrl?: string;
  /** Base of the objecttype URLs (default `${baseUrl}/objecttypen/api/v2`, where the simulator
   *  serves them). Port 0 works as in `baseUrl`. */
  objecttypesBaseUrl?: string;
  /** Page size of paginated lists (default 100, like objects-api). */
  pageSize?: number;
  /** Which objects-api to play (default 'current'); '2.4' ignores `data_attr` (see objects.ts). */
  version?: ObjectsApiVersion;
}

/** The faults of shared/faults.ts, for the Objects API and the Objecttypes endpoints alike (one
 *  request count for both); 'down' = 503 with an error body. */
export interface ObjectenSimulator extends FaultControls {
  /** `${baseUrl}/objecten/api/v2`; a getter, complete once the app listens. */
  readonly url: string;
  /** The objecttype URLs the demo objects use (configure the portal with these). */
  readonly objecttypen: {
    taak: string;
    bericht: string;
    formulier: string;
    productinstantie: string;
    verbruiksobject: string;
    parkeervergunning: string;
    producttype: string;
    productaanvraag: string;
  };
  /** Every object as GET /objects/{uuid} answers it (its latest record); a copy. Call it once the app listens. */
  objects(): Record<string, unknown>[];
  /** Creates an object as a source system would (validated like POST: an Error with the reason
   *  when `data` does not fit the type's schema), returns its uuid; listeners get a notification
   *  with actie 'create'. `startAt` (YYYY-MM-DD) defaults to today. */
  createObject(
    type: 'taak' | 'bericht' | 'productinstantie' | 'verbruiksobject' | 'parkeervergunning' | 'producttype' | 'productaanvraag',
    data: Record<string, unknown>,
    options?: { startAt?: string },
  ): Promise<string>;
  /** Listeners get every create, update, partial_update and destroy, in the shape of a
   *  Notificaties API "Notificatie" on kanaal 'objecten' (resource 'object', kenmerken.object_type, as objects-api sends it). */
  onNotification(listener: (n: Notificatie) => void): void;
  /** Plays another objects-api from now on (as the `version` option). */
  setVersion(version: ObjectsApiVersion): void;
  /** Another page size of the Objects API's lists from now on (as the `pageSize` option). */
  setPageSize(size: number): void;
}

const DAY = 24 * 60 * 60 * 1000;

export async function registerObjectenSimulator(app: FastifyInstance, options: ObjectenSimulatorOptions): Promise<ObjectenSimulator> {
  const base = BaseUrl.of(app, options.baseUrl);
  const zgw = BaseUrl.of(app, options.zgwBaseUrl ?? options.baseUrl);
  const typesBase = options.objecttypesBaseUrl ? BaseUrl.of(app, options.objecttypesBaseUrl) : undefined;
  const types: TypeLinks = {
    base: () => typesBase?.href ?? `${base.href}/objecttypen/api/v2`,
    origin: () => base.origin,
  };

  // The simulated clock starts at `now` and runs on with real time.
  const startedAt = Date.now();
  const now = options.now?.getTime() ?? startedAt;
  const clock = () => new Date(now + (Date.now() - startedAt));
  const api = () => `${base.href}/objecten/api/v2`;
  const store = new Store(clock, { object: (uuid) => objectUrl({ api }, uuid), type: (kind) => objectTypeUrl(types, kind) });
  const ctx: ObjectsContext = {
    store,
    validators: new SchemaValidators(objectTypeDefinitions),
    api,
    origin: () => base.origin,
    types,
    pageSize: options.pageSize ?? 100,
    version: options.version ?? 'current',
  };
  let seeded = (options.dataset ?? 'demo') !== 'demo';
  const ensureSeeded = () => {
    if (seeded) return;
    seeded = true;
    seedDemo(store, new Date(now), { api, zgw });
  };

  const faults = new Faults();
  // Requests held by the 'hang' fault would keep app.close() waiting for ever.
  app.addHook('preClose', async () => faults.close());

  const tokens = new Set(options.tokens);
  await app.register(
    async (scope) => {
      setUpScope(scope, { base, faults, tokens, apiVersion: objectsApiVersion, apiName: 'Objects API' });
      scope.addHook('onRequest', async () => ensureSeeded());
      registerObjectsApi(scope, ctx);
    },
    { prefix: `${base.path}/objecten/api/v2` },
  );
  await app.register(
    async (scope) => {
      setUpScope(scope, { base, faults, tokens, apiVersion: objectTypesApiVersion, apiName: 'Objecttypes API' });
      registerObjectTypesApi(scope, { base: () => `${base.href}/objecttypen/api/v2`, origin: () => base.origin }, ctx.pageSize);
    },
    { prefix: `${base.path}/objecttypen/api/v2` },
  );

  return {
    setVersion(version) {
      ctx.version = version;
    },
    setPageSize(size) {
      ctx.pageSize = size;
    },
    get url() {
      return api();
    },
    get objecttypen() {
      return {
        taak: objectTypeUrl(types, 'taak'),
        bericht: objectTypeUrl(types, 'bericht'),
        formulier: objectTypeUrl(types, 'formulier'),
        productinstantie: objectTypeUrl(types, 'productinstantie'),
        verbruiksobject: objectTypeUrl(types, 'verbruiksobject'),
        parkeervergunning: objectTypeUrl(types, 'parkeervergunning'),
        producttype: objectTypeUrl(types, 'producttype'),
        productaanvraag: objectTypeUrl(types, 'productaanvraag'),
      };
    },
    ...faults.controls(),
    objects: () => {
      ensureSeeded();
      return structuredClone([...store.objects.values()].map((object) => objectJson(ctx, object, store.latest(object))));
    },
    async createObject(type, data, createOptions = {}) {
      ensureSeeded();
      const startAt = createOptions.startAt ?? store.today();
      if (!isIsoDate(startAt)) throw new Error(`Objecten simulator: startAt ${startAt} is not a date (YYYY-MM-DD)`);
      try {
        return createChecked(ctx, { kind: type, typeVersion: 1, data: structuredClone(data) as Json, startAt }).uuid;
      } catch (error) {
        const reason = error instanceof ApiError ? (error as ApiError<Fout>).body.invalidParams?.[0]?.reason : undefined;
        throw new Error(`Objecten simulator: the ${type} does not fit its schema: ${reason ?? String(error)}`);
      }
    },
    onNotification: (listener) => store.onNotification(listener),
  };
}

/**
 * Puts the demo objects in the store, each record dated relative to `now`. Called on first use
 * (the first request or handle call), because with port 0 the URLs in the data are complete only
 * once the app listens.
 */
function seedDemo(store: Store, now: Date, urls: { api: () => string; zgw: BaseUrl }): void {
  const context: DemoContext = {
    moment: (days) => new Date(Math.floor((now.getTime() + days * DAY) / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    document: (uuid) => `${urls.zgw.href}/documenten/api/v1/enkelvoudiginformatieobjecten/${uuid}`,
    object: (uuid) => `${urls.api()}/objects/${uuid}`,
  };
  const day = (daysAgo: number) => dutchDate(new Date(now.getTime() - daysAgo * DAY));
  for (const demo of objectenDemo.objects) {
    const records = [...(demo.earlier ?? []), { daysAgo: demo.daysAgo, data: demo.data }];
    let object: ObjectRow | undefined;
    for (const [i, record] of records.entries()) {
      const row: NewRecord = {
        typeVersion: 1,
        data: record.data(context) as Json,
        startAt: day(record.daysAgo),
        registrationAt: day(record.daysAgo),
        references:
          i === records.length - 1 ? (demo.zaken ?? []).map((uuid) => ({ type: 'zaak' as const, url: `${urls.zgw.href}/zaken/api/v1/zaken/${uuid}` })) : [],
      };
      if (object) store.addRecord(object, row);
      else object = store.create(demo.uuid, demo.kind, row);
    }
  }
}
