/**
 * Checks on what clients write, as objects-api does them: the request body field by field (DRF,
 * errors named like `record.startAt`), then `record.data` against the JSON Schema of the object
 * type version (python-jsonschema's `validate`, answered as one `nonFieldErrors` entry with code
 * `invalid-json-schema`).
 *
 * The schema check uses Ajv (draft 2020-12, the default of python-jsonschema for schemas without
 * `$schema`) and, like python-jsonschema without a format checker, does not assert `format`
 * (uri, date-time, uuid are annotations only). The reason is worded as python-jsonschema's
 * best_match would word it, e.g. "'titel' is a required property".
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { invalid, parseUuid } from './http.ts';
import type { InvalidParam } from './http.ts';
import type { ObjectKind, ObjectTypeDefinition } from './objecttypes.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// JSON Schema validation of record.data

/** Python's repr() of a JSON value, as python-jsonschema puts values in its messages. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t');
    return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
    .join(', ')}}`;
}

function depth(error: ErrorObject): number {
  return error.instancePath === '' ? 0 : error.instancePath.split('/').length - 1;
}

const weak = new Set(['oneOf', 'anyOf']);

/**
 * The error python-jsonschema's best_match would pick, roughly: the one nearest the top of the
 * instance, and among those not a oneOf/anyOf (whose inner errors are all equally relevant, so
 * best_match stays with the oneOf/anyOf error itself when nothing else is that high up).
 */
function best(errors: ErrorObject[]): ErrorObject {
  return [...errors].sort((a, b) => depth(a) - depth(b) || Number(weak.has(a.keyword)) - Number(weak.has(b.keyword)))[0]!;
}

function message(error: ErrorObject): string {
  const instance = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${pyRepr(params.missingProperty)} is a required property`;
    case 'additionalProperties':
      return `Additional properties are not allowed (${pyRepr(params.additionalProperty)} was unexpected)`;
    case 'enum':
      return `${pyRepr(instance)} is not one of ${pyRepr(params.allowedValues)}`;
    case 'const':
      return `${pyRepr(params.allowedValue)} was expected`;
    case 'type':
      return `${pyRepr(instance)} is not of type ${String(params.type)
        .split(',')
        .map((t) => pyRepr(t))
        .join(', ')}`;
    case 'pattern':
      return `${pyRepr(instance)} does not match ${pyRepr(params.pattern)}`;
    case 'minimum':
      return `${pyRepr(instance)} is less than the minimum of ${pyRepr(params.limit)}`;
    case 'maximum':
      return `${pyRepr(instance)} is greater than the maximum of ${pyRepr(params.limit)}`;
    case 'multipleOf':
      return `${pyRepr(instance)} is not a multiple of ${pyRepr(params.multipleOf)}`;
    case 'minLength':
      return `${pyRepr(instance)} is too short`;
    case 'maxLength':
      return `${pyRepr(instance)} is too long`;
    case 'oneOf':
      return params.passingSchemas
        ? `${pyRepr(instance)} is valid under each of the given schemas`
        : `${pyRepr(instance)} is not valid under any of the given schemas`;
    case 'anyOf':
      return `${pyRepr(instance)} is not valid under any of the given schemas`;
    case 'not':
      return `${pyRepr(instance)} should not be valid under ${pyRepr(error.schema)}`;
    case 'false schema':
      return `False schema does not allow ${pyRepr(instance)}`;
    default:
      return `${pyRepr(instance)}: ${error.message ?? 'is not valid'}`;
  }
}

/**
 * The schema without `$id`s that are only a fragment ("#/properties/data", as the productaanvraag
 * schema's generator wrote them): draft-07 allowed them, 2020-12 does not, and they name nothing a
 * schema refers to.
 */
export function withoutFragmentIds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutFragmentIds);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === '$id' && typeof value === 'string' && value.startsWith('#')))
      .map(([key, value]) => [key, withoutFragmentIds(value)]),
  );
}

/** One compiled validator per object type (per simulator: Ajv keeps schemas by `$id`). */
export class SchemaValidators {
  private readonly validators = new Map<ObjectKind, ValidateFunction>();

  constructor(definitions: readonly ObjectTypeDefinition[]) {
    const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, validateFormats: false });
    for (const d of definitions) {
      // The PDC schemas name draft-07 as their $schema, which Ajv2020 does not load; their keywords mean the same in 2020-12.
      const { $schema: _draft, ...schema } = d.jsonSchema;
      this.validators.set(d.kind, ajv.compile(withoutFragmentIds(schema) as Record<string, unknown>));
    }
  }

  /** undefined when `data` fits the type's schema, else python-jsonschema's message. */
  check(kind: ObjectKind, data: unknown): string | undefined {
    const validate = this.validators.get(kind)!;
    if (validate(data)) return undefined;
    return message(best(validate.errors ?? []));
  }
}

// ---------------------------------------------------------------------------------------------
// The request body of POST, PUT and PATCH /objects

export interface RecordInput {
  typeVersion?: number;
  data?: Json;
  geometry?: Json;
  startAt?: string;
  correctionFor?: number | null;
  references?: { type: 'zaak'; url: string }[];
}

export interface ObjectInput {
  uuid?: string;
  type?: string;
  record?: RecordInput;
}

const required = (name: string): InvalidParam => ({ name, code: 'required', reason: 'This field is required.' });

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function expectedDictionary(name: string, value: unknown): InvalidParam {
  const got =
    value === null
      ? 'NoneType'
      : Array.isArray(value)
        ? 'list'
        : typeof value === 'string'
          ? 'str'
          : typeof value === 'number'
            ? 'int'
            : typeof value === 'boolean'
              ? 'bool'
              : 'dict';
  return { name, code: 'invalid', reason: `Invalid data. Expected a dictionary, but got ${got}.` };
}

/** YYYY-MM-DD that is a real day. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * The fields of the body, each checked as DRF's serializer checks it, every problem at once (the
 * caller adds the checks that need the store, then throws). `partial` (PATCH) makes nothing
 * required. What is read-only (url, record.index, endAt, registrationAt, correctedBy) is
 * ignored, as DRF ignores it.
 */
export function parseObjectBody(body: unknown, partial: boolean): { input: ObjectInput; errors: InvalidParam[] } {
  if (!isObject(body)) throw invalid([expectedDictionary('nonFieldErrors', body)]);
  const errors: InvalidParam[] = [];
  const input: ObjectInput = {};

  if (body.uuid !== undefined) {
    const uuid = typeof body.uuid === 'string' ? parseUuid(body.uuid) : undefined;
    if (!uuid) errors.push({ name: 'uuid', code: 'invalid', reason: 'Must be a valid UUID.' });
    else input.uuid = uuid;
  }

  if (body.type === undefined || body.type === null || body.type === '') {
    if (!partial)
      errors.push(
        body.type === undefined
          ? required('type')
          : {
              name: 'type',
              code: body.type === null ? 'null' : 'blank',
              reason: body.type === null ? 'This field may not be null.' : 'This field may not be blank.',
            },
      );
  } else if (typeof body.type !== 'string') errors.push({ name: 'type', code: 'invalid', reason: 'Invalid value.' });
  else if (body.type.length > 1000) errors.push({ name: 'type', code: 'max_length', reason: 'The value has too many characters' });
  else input.type = body.type;

  if (body.record === undefined) {
    if (!partial) errors.push(required('record'));
  } else if (!isObject(body.record)) errors.push(expectedDictionary('record', body.record));
  else input.record = parseRecord(body.record, partial, errors);

  return { input, errors };
}

function parseRecord(record: Record<string, unknown>, partial: boolean, errors: InvalidParam[]): RecordInput {
  const out: RecordInput = {};
  const { typeVersion, data, geometry, startAt, correctionFor, references } = record;

  if (typeVersion === undefined || typeVersion === null) {
    if (!partial || typeVersion === null)
      errors.push(typeVersion === null ? { name: 'record.typeVersion', code: 'null', reason: 'This field may not be null.' } : required('record.typeVersion'));
  } else {
    const n = typeof typeVersion === 'string' && /^\s*-?\d+\s*$/.test(typeVersion) ? Number(typeVersion) : typeVersion;
    if (typeof n !== 'number' || !Number.isInteger(n)) errors.push({ name: 'record.typeVersion', code: 'invalid', reason: 'A valid integer is required.' });
    else if (n < 0) errors.push({ name: 'record.typeVersion', code: 'min_value', reason: 'Ensure this value is greater than or equal to 0.' });
    else if (n > 32767) errors.push({ name: 'record.typeVersion', code: 'max_value', reason: 'Ensure this value is less than or equal to 32767.' });
    else out.typeVersion = n;
  }

  if (data !== undefined) {
    if (data === null) errors.push({ name: 'record.data', code: 'null', reason: 'This field may not be null.' });
    else out.data = data as Json;
  }

  if (geometry !== undefined) out.geometry = geometry as Json;

  if (startAt === undefined || startAt === null) {
    if (!partial || startAt === null)
      errors.push(startAt === null ? { name: 'record.startAt', code: 'null', reason: 'This field may not be null.' } : required('record.startAt'));
  } else if (typeof startAt !== 'string' || !isIsoDate(startAt)) {
    errors.push({ name: 'record.startAt', code: 'invalid', reason: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.' });
  } else out.startAt = startAt;

  if (correctionFor !== undefined) {
    if (correctionFor === null) out.correctionFor = null;
    else {
      const n = typeof correctionFor === 'string' && /^\s*\d+\s*$/.test(correctionFor) ? Number(correctionFor) : correctionFor;
      if (typeof n !== 'number' || !Number.isInteger(n))
        errors.push({ name: 'record.correctionFor', code: 'incorrect_type', reason: `Incorrect type. Expected slug value, received ${typeof correctionFor}.` });
      else out.correctionFor = n;
    }
  }

  if (references !== undefined) {
    if (!Array.isArray(references)) {
      errors.push({ name: 'record.references', code: 'not_a_list', reason: `Expected a list of items but got type "${typeof references}".` });
    } else {
      const parsed: { type: 'zaak'; url: string }[] = [];
      references.forEach((reference, i) => {
        if (!isObject(reference)) return errors.push(expectedDictionary(`record.references.${i}.nonFieldErrors`, reference));
        if (reference.type !== 'zaak')
          errors.push({ name: `record.references.${i}.type`, code: 'invalid_choice', reason: `"${String(reference.type)}" is not a valid choice.` });
        if (typeof reference.url !== 'string' || !/^https?:\/\//.test(reference.url) || !URL.canParse(reference.url) || reference.url.length > 200) {
          errors.push({ name: `record.references.${i}.url`, code: 'invalid', reason: 'Enter a valid URL.' });
        }
        if (reference.type === 'zaak' && typeof reference.url === 'string') parsed.push({ type: 'zaak', url: reference.url });
        return undefined;
      });
      out.references = parsed;
    }
  }
  return out;
}

/** JSON Merge Patch as objects-api applies it to record.data on PATCH: recursive, but a null sets null instead of removing the key. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const merged: JsonObject = isObject(target) ? { ...(target as JsonObject) } : {};
  for (const [key, value] of Object.entries(patch as JsonObject)) merged[key] = mergePatch(merged[key], value);
  return merged;
}
