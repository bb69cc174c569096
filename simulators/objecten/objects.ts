/**
 * The Objects API (objects-api.yaml 2.7.0): list, search, read, create, update (PUT and PATCH),
 * delete, and the history of an object, as objects-api answers them.
 *
 * - Lists show each object with its actual record (today, or on `date` / `registrationDate`),
 *   newest record first unless `ordering` says otherwise; filters: type, typeVersion, data_attrs,
 *   data_attr, data_icontains (see filters.ts). GET /objects/{uuid} applies the same filters, and
 *   shows the latest record (or the actual one on `date` / `registrationDate`; 404 if none).
 * - POST /objects/search takes the same filters in the JSON body (data_attr as a string or a
 *   list); `ordering` from the query string or the body; page and pageSize from the query string.
 * - Writes need `Content-Crs: EPSG:4326` (412 without, 406 for another CRS); an `Accept-Crs`
 *   other than EPSG:4326 is a 406. Answers with a body carry `Content-Crs: EPSG:4326`.
 * - The token may read and write the three object types (objects-api's per-objecttype
 *   permissions); creating an object of any other type, or without a type, is a 403.
 * - PUT makes a new record from the body; PATCH too, with record.data merged into the latest
 *   record's data (objects-api's merge_patch: recursive, arrays replaced, null sets null), and
 *   typeVersion and startAt kept from the latest record when not given.
 * - DELETE removes the object with all its records (204); with `?zaak=<url>` and other zaak
 *   references on the latest record, only that reference goes and the answer is 200 behouden.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compareJsonb, dataIcontains, matches, parseDataAttr, parseDataAttrs, valueAt } from './filters.ts';
import type { Condition } from './filters.ts';
import { fout } from '../shared/problem.ts';
import { forbidden, invalid, notFound, paginate, parseUuid, queryOf } from './http.ts';
import type { InvalidParam } from './http.ts';
import { definitionByUrl, objectTypeDefinitions, objectTypeUrl } from './objecttypes.ts';
import type { ObjectKind, TypeLinks } from './objecttypes.ts';
import type { ObjectRow, RecordRow, Store } from './store.ts';
import { isIsoDate, isObject, mergePatch, parseObjectBody } from './validation.ts';
import type { Json, ObjectInput, SchemaValidators } from './validation.ts';

export const objectsApiVersion = '2.7.0';
const crs = 'EPSG:4326';

/**
 * Which objects-api the simulator plays: 'current' (the spec's 2.7.0 and later), or '2.4'
 * (objects-api up to 2.4.x, still run by municipalities), which has no `data_attr` filter (it came
 * in 2.5.0) and, as every objects-api, ignores a query parameter it does not know: asked with only
 * `data_attr` conditions, it answers every object of the type, everyone's.
 */
export type ObjectsApiVersion = 'current' | '2.4';

export interface ObjectsContext {
  store: Store;
  validators: SchemaValidators;
  /** `${base}/objecten/api/v2` */
  api(): string;
  origin(): string;
  types: TypeLinks;
  pageSize: number;
  version: ObjectsApiVersion;
}

export const objectUrl = (ctx: Pick<ObjectsContext, 'api'>, uuid: string) => `${ctx.api()}/objects/${uuid}`;

// ---------------------------------------------------------------------------------------------
// JSON shapes

function recordJson(record: RecordRow) {
  return {
    index: record.index,
    typeVersion: record.typeVersion,
    data: record.data,
    geometry: record.geometry,
    references: record.references,
    startAt: record.startAt,
    endAt: record.endAt,
    registrationAt: record.registrationAt,
    correctionFor: record.correctionFor,
    correctedBy: record.correctedBy,
  };
}

/** HistoryRecord: the record without references. */
function historyJson(record: RecordRow) {
  const { references: _references, ...rest } = recordJson(record);
  return rest;
}

export function objectJson(ctx: ObjectsContext, object: ObjectRow, record: RecordRow) {
  return { url: objectUrl(ctx, object.uuid), uuid: object.uuid, type: objectTypeUrl(ctx.types, object.kind), record: recordJson(record) };
}

// ---------------------------------------------------------------------------------------------
// CRS headers (objects-api's GeoMixin)

function checkCrs(request: FastifyRequest, withBody: boolean): void {
  if (withBody) {
    const content = request.headers['content-crs'];
    if (content === undefined) throw fout(412, 'precondition_failed', 'Precondition failed', "'Content-Crs' header ontbreekt");
    if (content !== crs) throw fout(406, 'not_acceptable', 'Could not satisfy the request Accept header.', `CRS '${String(content)}' is niet ondersteund`);
  }
  const accept = request.headers['accept-crs'];
  if (accept !== undefined && accept !== crs)
    throw fout(406, 'not_acceptable', 'Could not satisfy the request Accept header.', `CRS '${String(accept)}' is niet ondersteund`);
}

const withCrs = (reply: FastifyReply) => reply.header('Content-Crs', crs);

// ---------------------------------------------------------------------------------------------
// Filters and ordering

interface Selection {
  kind?: ObjectKind;
  typeVersion?: number;
  date?: string;
  registrationDate?: string;
  conditions: Condition[];
  icontains?: string;
  ordering: string[];
  /** geometry.within was asked for: no object of these types has a geometry. */
  within: boolean;
}

/** A filter's parameters, from the query string or the search body. */
interface Params {
  get(name: string): string | undefined;
  getAll(name: string): string[];
}

function queryParams(query: URLSearchParams): Params {
  return {
    get: (name) => query.get(name) ?? undefined,
    getAll: (name) => query.getAll(name),
  };
}

function bodyParams(body: Record<string, unknown>): Params {
  const text = (value: unknown) =>
    value === undefined || value === null ? undefined : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return {
    get: (name) => text(body[name]),
    getAll: (name) => {
      const value = body[name];
      if (Array.isArray(value)) return value.map((v) => text(v) ?? '');
      const single = text(value);
      return single === undefined ? [] : [single];
    },
  };
}

/**
 * The filterset, in objects-api's order: field errors are collected (type, typeVersion, date,
 * registrationDate), but a bad data_attrs / data_attr expression, and date with registrationDate,
 * are answered at once (they raise DRF's ValidationError inside the form), with name "".
 */
function selectionOf(ctx: ObjectsContext, params: Params): Selection {
  const errors: InvalidParam[] = [];
  const selection: Selection = { conditions: [], ordering: [], within: false };

  const type = params.get('type');
  if (type !== undefined && type !== '') {
    if (type.length > 1000) errors.push({ name: 'type', code: 'max_length', reason: 'The value has too many characters' });
    else if (!/^https?:\/\/[^/\s]+/i.test(type) || !URL.canParse(type)) errors.push({ name: 'type', code: 'invalid', reason: 'Invalid value.' });
    else {
      const definition = definitionByUrl(ctx.types, type);
      if (!definition)
        errors.push({ name: 'type', code: 'invalid_choice', reason: `Select a valid object type. ${type} is not one of the available choices.` });
      else selection.kind = definition.kind;
    }
  }

  const typeVersion = params.get('typeVersion');
  if (typeVersion !== undefined && typeVersion !== '') {
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(typeVersion)) errors.push({ name: 'typeVersion', code: 'invalid', reason: 'Enter a number.' });
    else selection.typeVersion = Number(typeVersion);
  }

  for (const name of ['date', 'registrationDate'] as const) {
    const value = params.get(name)?.trim();
    if (value === undefined || value === '') continue;
    if (!isIsoDate(value)) errors.push({ name, code: 'invalid', reason: 'Enter a valid date.' });
    else selection[name] = value;
  }

  const dataAttrs = params.get('data_attrs');
  if (dataAttrs !== undefined && dataAttrs !== '') selection.conditions.push(...parseDataAttrs(dataAttrs));
  if (ctx.version !== '2.4') for (const value of params.getAll('data_attr')) if (value !== '') selection.conditions.push(parseDataAttr(value));

  if (selection.date && selection.registrationDate) {
    throw invalid([{ name: '', code: 'invalid-date-query-params', reason: "'date' and 'registrationDate' parameters can't be used in the same request" }]);
  }
  if (errors.length > 0) throw invalid(errors);

  const icontains = params.get('data_icontains');
  if (icontains !== undefined && icontains !== '') selection.icontains = icontains;
  const ordering = params.get('ordering');
  if (ordering)
    selection.ordering = ordering
      .split(',')
      .map((term) => term.trim())
      .filter(Boolean);
  return selection;
}

type SortKey = (object: ObjectRow, record: RecordRow) => Json | undefined;

/** Ordering fields of the serializer, and where they are (objects-api's OrderingBackend). */
const orderingFields = (ctx: ObjectsContext): Record<string, SortKey> => ({
  url: (o) => o.uuid,
  uuid: (o) => o.uuid,
  type: (o) => objectTypeUrl(ctx.types, o.kind),
  record__index: (_o, r) => r.index,
  record__typeVersion: (_o, r) => r.typeVersion,
  record__data: (_o, r) => r.data,
  record__geometry: (_o, r) => r.geometry ?? undefined,
  record__startAt: (_o, r) => r.startAt,
  record__endAt: (_o, r) => r.endAt ?? undefined,
  record__registrationAt: (_o, r) => r.registrationAt,
  record__correctionFor: (_o, r) => r.correctionFor ?? undefined,
  record__correctedBy: (_o, r) => r.correctedBy ?? undefined,
});

/** The key of an ordering term, or undefined for a term objects-api drops without a word. */
function orderingKey(ctx: ObjectsContext, term: string): SortKey | undefined {
  const fields = orderingFields(ctx);
  if (Object.hasOwn(fields, term)) return fields[term];
  if (term.startsWith('record__data__')) {
    const path = term.slice('record__data__'.length).split('__');
    return (_o, r) => valueAt(r.data, path);
  }
  return undefined;
}

type Row = { object: ObjectRow; record: RecordRow };

/** PostgreSQL's ORDER BY: ASC puts NULL (no such key) last, DESC first; ties go newest record first. */
function sortRows(ctx: ObjectsContext, rows: Row[], ordering: string[]): Row[] {
  const keys = ordering.flatMap((term) => {
    const descending = term.startsWith('-');
    const key = orderingKey(ctx, descending ? term.slice(1) : term);
    return key ? [{ key, descending }] : [];
  });
  return rows.sort((a, b) => {
    for (const { key, descending } of keys) {
      const x = key(a.object, a.record);
      const y = key(b.object, b.record);
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        // NULL is larger than any value in PostgreSQL's order.
        const c = x === undefined ? 1 : -1;
        return descending ? -c : c;
      }
      const c = compareJsonb(x, y);
      if (c !== 0) return descending ? -c : c;
    }
    return b.record.pk - a.record.pk;
  });
}

function select(ctx: ObjectsContext, selection: Selection, objects: Iterable<ObjectRow>, latestWithoutDate = false): Row[] {
  const icontains = selection.icontains === undefined ? undefined : dataIcontains(selection.icontains);
  const rows: Row[] = [];
  for (const object of objects) {
    const when = { date: selection.date, registrationDate: selection.registrationDate };
    const record = latestWithoutDate && !when.date && !when.registrationDate ? ctx.store.latest(object) : ctx.store.actual(object, when);
    if (!record) continue;
    if (selection.kind && object.kind !== selection.kind) continue;
    if (selection.typeVersion !== undefined && record.typeVersion !== selection.typeVersion) continue;
    if (!selection.conditions.every((condition) => matches(record.data, condition))) continue;
    if (icontains && !icontains(record.data)) continue;
    if (selection.within && record.geometry === null) continue;
    rows.push({ object, record });
  }
  return sortRows(ctx, rows, selection.ordering);
}

// ---------------------------------------------------------------------------------------------
// Writes

function objectOf(ctx: ObjectsContext, params: unknown): ObjectRow {
  const uuid = parseUuid((params as { uuid: string }).uuid);
  const object = uuid ? ctx.store.objects.get(uuid) : undefined;
  if (!object) throw notFound('No ObjectRecord matches the given query.');
  return object;
}

/** What POST, PUT and PATCH check after the fields: the data against the type's schema, then geometry. */
function checkRecord(ctx: ObjectsContext, kind: ObjectKind, typeVersion: number, data: Json, geometry: Json | null | undefined): void {
  const fail = (code: string, reason: string) => invalid([{ name: 'nonFieldErrors', code, reason }]);
  if (typeVersion !== 1)
    throw fail('invalid-json-schema', `Object type version can not be retrieved: version ${typeVersion} of this object type does not exist.`);
  const problem = ctx.validators.check(kind, data);
  if (problem) throw fail('invalid-json-schema', problem);
  if (geometry !== undefined && geometry !== null) throw fail('geometry-not-allowed', "This object type doesn't support geometry");
}

function correctionErrors(object: ObjectRow | undefined, input: ObjectInput): InvalidParam[] {
  const index = input.record?.correctionFor;
  if (index === undefined || index === null) return [];
  return object?.records.some((r) => r.index === index)
    ? []
    : [{ name: 'record.correctionFor', code: 'does_not_exist', reason: `Object with index=${index} does not exist.` }];
}

export interface CreateRequest {
  kind: ObjectKind;
  uuid?: string;
  typeVersion: number;
  data: Json;
  startAt: string;
  geometry?: Json | null;
  references?: { type: 'zaak'; url: string }[];
}

/** Creates an object after the object-level checks (the schema); used by POST and createObject. */
export function createChecked(ctx: ObjectsContext, request: CreateRequest): ObjectRow {
  checkRecord(ctx, request.kind, request.typeVersion, request.data, request.geometry);
  const object = ctx.store.create(request.uuid ?? randomUUID(), request.kind, {
    typeVersion: request.typeVersion,
    data: request.data,
    startAt: request.startAt,
    references: request.references,
  });
  ctx.store.notify(object, 'create');
  return object;
}

function update(ctx: ObjectsContext, object: ObjectRow, body: unknown, partial: boolean): RecordRow {
  const { input, errors } = parseObjectBody(body, partial);
  if (input.uuid !== undefined && input.uuid !== object.uuid) errors.push({ name: 'uuid', code: 'immutable-field', reason: "This field can't be changed" });
  if (input.type !== undefined) {
    const definition = definitionByUrl(ctx.types, input.type);
    if (!definition) errors.push({ name: 'type', code: 'does_not_exist', reason: `ObjectType with url=${input.type} is not configured.` });
    else if (definition.kind !== object.kind) errors.push({ name: 'type', code: 'immutable-field', reason: "This field can't be changed" });
  }
  errors.push(...correctionErrors(object, input));
  if (errors.length > 0) throw invalid(errors);

  const latest = ctx.store.latest(object);
  const given = input.record ?? {};
  const data = partial ? (given.data === undefined ? latest.data : mergePatch(latest.data, given.data)) : (given.data ?? {});
  const typeVersion = given.typeVersion ?? latest.typeVersion;
  checkRecord(ctx, object.kind, typeVersion, data, given.geometry);
  const record = ctx.store.addRecord(object, {
    typeVersion,
    data,
    startAt: given.startAt ?? latest.startAt,
    correctionFor: given.correctionFor ?? null,
    references: given.references ?? (partial ? latest.references : []),
  });
  ctx.store.notify(object, partial ? 'partial_update' : 'update');
  return record;
}

// ---------------------------------------------------------------------------------------------
// Routes

export function registerObjectsApi(scope: FastifyInstance, ctx: ObjectsContext): void {
  const list = (request: FastifyRequest, selection: Selection) => {
    const rows = select(ctx, selection, ctx.store.objects.values());
    const page = paginate(request, rows, ctx.pageSize, ctx.origin());
    return { ...page, results: page.results.map(({ object, record }) => objectJson(ctx, object, record)) };
  };

  scope.get('/objects', async (request, reply) => {
    checkCrs(request, false);
    const body = list(request, selectionOf(ctx, queryParams(queryOf(request))));
    return withCrs(reply).send(body);
  });

  scope.post('/objects/search', async (request, reply) => {
    checkCrs(request, true);
    const body = request.body ?? {};
    if (!isObject(body)) throw invalid([{ name: 'nonFieldErrors', code: 'invalid', reason: 'Invalid data. Expected a dictionary, but got list.' }]);
    const selection = selectionOf(ctx, bodyParams(body));
    const query = queryOf(request).get('ordering');
    if (query)
      selection.ordering = query
        .split(',')
        .map((term) => term.trim())
        .filter(Boolean);
    if (body.geometry !== undefined) {
      if (!isObject(body.geometry)) throw invalid([{ name: 'geometry.nonFieldErrors', code: 'invalid', reason: 'Invalid data. Expected a dictionary.' }]);
      if (body.geometry.within !== undefined) {
        const within = body.geometry.within;
        if (!isObject(within) || typeof within.type !== 'string' || !Array.isArray(within.coordinates)) {
          throw invalid([
            { name: 'geometry.within', code: 'invalid', reason: 'Invalid format: string or unicode input unrecognized as GeoJSON, WKT EWKT or HEXEWKB.' },
          ]);
        }
        selection.within = true;
      }
    }
    return withCrs(reply).send(list(request, selection));
  });

  scope.post('/objects', async (request, reply) => {
    checkCrs(request, true);
    const body = request.body;
    // objects-api's permission check comes first: the token may only create objects of its types.
    const type = isObject(body) && typeof body.type === 'string' ? definitionByUrl(ctx.types, body.type) : undefined;
    if (!type) throw forbidden();
    const { input, errors } = parseObjectBody(body, false);
    if (input.uuid && ctx.store.objects.has(input.uuid)) errors.push({ name: 'uuid', code: 'unique', reason: 'object with this uuid already exists.' });
    errors.push(...correctionErrors(undefined, input));
    if (errors.length > 0) throw invalid(errors);
    const object = createChecked(ctx, {
      kind: type.kind,
      uuid: input.uuid,
      typeVersion: input.record!.typeVersion!,
      data: input.record!.data ?? {},
      startAt: input.record!.startAt!,
      geometry: input.record!.geometry,
      references: input.record!.references,
    });
    const json = objectJson(ctx, object, ctx.store.latest(object));
    return withCrs(reply).code(201).header('Location', json.url).send(json);
  });

  scope.get('/objects/:uuid', async (request, reply) => {
    checkCrs(request, false);
    const object = objectOf(ctx, request.params);
    const selection = selectionOf(ctx, queryParams(queryOf(request)));
    const [row] = select(ctx, selection, [object], true);
    if (!row) throw notFound('No ObjectRecord matches the given query.');
    return withCrs(reply).send(objectJson(ctx, row.object, row.record));
  });

  for (const method of ['PUT', 'PATCH'] as const) {
    scope.route({
      method,
      url: '/objects/:uuid',
      handler: async (request, reply) => {
        checkCrs(request, true);
        const object = objectOf(ctx, request.params);
        const record = update(ctx, object, request.body, method === 'PATCH');
        return withCrs(reply).send(objectJson(ctx, object, record));
      },
    });
  }

  scope.delete('/objects/:uuid', async (request, reply) => {
    const object = objectOf(ctx, request.params);
    const zaak = queryOf(request).get('zaak');
    if (zaak) {
      if (!/^https?:\/\//.test(zaak) || !URL.canParse(zaak)) throw invalid([{ name: 'zaak', code: 'invalid', reason: 'Enter a valid URL.' }]);
      const latest = ctx.store.latest(object);
      if (latest.references.some((r) => r.url !== zaak)) {
        latest.references = latest.references.filter((r) => r.url !== zaak);
        return { behouden: [objectUrl(ctx, object.uuid)] };
      }
    }
    ctx.store.delete(object.uuid);
    ctx.store.notify(object, 'destroy');
    return reply.code(204).send();
  });

  scope.get('/objects/:uuid/history', async (request, reply) => {
    checkCrs(request, false);
    const object = objectOf(ctx, request.params);
    const page = paginate(request, object.records, ctx.pageSize, ctx.origin());
    return withCrs(reply).send({ ...page, results: page.results.map(historyJson) });
  });

  scope.get('/objects/:uuid/:index', async (request, reply) => {
    checkCrs(request, false);
    const object = objectOf(ctx, request.params);
    const { index } = request.params as { index: string };
    const record = /^\d+(\.0*)?$/.test(index) ? object.records.find((r) => r.index === Number(index)) : undefined;
    if (!record) throw notFound('No ObjectRecord matches the given query.');
    return withCrs(reply).send(historyJson(record));
  });

  scope.get('/permissions', async (request) => {
    const permissions = objectTypeDefinitions.map(({ kind }) => ({
      type: objectTypeUrl(ctx.types, kind),
      mode: 'read_and_write',
      use_fields: false,
      fields: null,
    }));
    return paginate(request, permissions, ctx.pageSize, ctx.origin());
  });
}
