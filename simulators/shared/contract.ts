/**
 * Checks JSON against the official OpenAPI 3.0 specs (specs/), for the contract tests:
 * the response schema of an operation and status code, or a component schema by name.
 *
 * OpenAPI 3.0 is not quite JSON Schema, so each spec is first brought into the JSON Schema that
 * Ajv knows: `nullable: true` becomes `anyOf: [schema, {type: 'null'}]`; `discriminator`,
 * `example`, `xml` and `externalDocs` are dropped (readOnly/writeOnly are annotations Ajv
 * ignores); internal `$ref`s (#/components/schemas/…) point into the spec, which is added to Ajv
 * under its own `$id`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** A spec file in specs/ is named <SpecName>-api.yaml. */
export type SpecName =
  | 'zaken'
  | 'catalogi'
  | 'documenten'
  | 'notificaties'
  | 'brp-personen'
  | 'klantinteracties'
  | 'objects'
  | 'objecttypes'
  | 'open-product-producten'
  | 'open-product-producttypen';

/** specs/ in the repository (byte-for-byte copies of ../shared/specs), or SPECS_DIR. */
export const specsDir = process.env.SPECS_DIR ?? fileURLToPath(new URL('../../specs/', import.meta.url));

type Json = unknown;

const droppedKeywords = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs', 'nullable']);

/** OpenAPI 3.0 schema → JSON Schema (see the module comment); `$ref`s get the spec's `$id` in front. */
export function toJsonSchema(node: Json, id: string): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, id));
  if (node === null || typeof node !== 'object') return node;
  const source = node as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(source)) {
    if (droppedKeywords.has(key)) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${id}${value}`;
    else if (key === 'properties' && value && typeof value === 'object') {
      // Property names are data, not keywords: a property called "example" stays.
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Json>).map(([name, schema]) => [name, toJsonSchema(schema, id)]));
    } else if (key === 'enum' || key === 'required') out[key] = value;
    else out[key] = toJsonSchema(value, id);
  }
  return source.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly specs = new Map<SpecName, { paths: Record<string, Record<string, Operation>>; schemas: Record<string, Json> }>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(names: SpecName[]) {
    // ajv-formats is CommonJS: its default export is the plugin itself, also under `.default`.
    (addFormats as unknown as { default: (ajv: Ajv) => void }).default(this.ajv);
    // Open Product's prices (DRF DecimalField as a string).
    this.ajv.addFormat('decimal', /^-?\d*(\.\d+)?$/);
    for (const name of names) {
      const spec = parse(readFileSync(join(specsDir, `${name}-api.yaml`), 'utf8')) as {
        paths: Record<string, Record<string, Operation>>;
        components: { schemas: Record<string, Json> };
      };
      const id = `${name}.json`;
      const schemas = toJsonSchema(spec.components.schemas, id) as Record<string, Json>;
      this.ajv.addSchema({ $id: id, components: { schemas } });
      this.specs.set(name, { paths: spec.paths, schemas });
    }
  }

  private spec(name: SpecName) {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`contract: spec ${name} not loaded`);
    return spec;
  }

  /** The response schema of `method path` for `status` (its only content type), as JSON Schema. */
  responseSchema(name: SpecName, method: string, path: string, status: number): Json {
    const operation = this.spec(name).paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`contract: ${name} has no operation ${method} ${path}`);
    const response = operation.responses[String(status)];
    if (!response) throw new Error(`contract: ${name} ${method} ${path} declares no ${status} response`);
    const content = Object.values(response.content ?? {})[0];
    if (!content?.schema) throw new Error(`contract: ${name} ${method} ${path} ${status} has no schema`);
    return toJsonSchema(content.schema, `${name}.json`);
  }

  /** Errors of `body` against the response of `method path` with `status` ([] when it fits). */
  checkResponse(name: SpecName, method: string, path: string, status: number, body: Json): string[] {
    const key = `${name} ${method} ${path} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.responseSchema(name, method, path, status) as object);
      this.compiled.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /**
   * Errors of `body` against a component schema, optionally with some property schemas replaced
   * (for fields whose spec type is a known defect; see catalogi.ts).
   */
  checkComponent(name: SpecName, component: string, body: Json, overrides: Record<string, Json> = {}): string[] {
    const key = `${name} #${component} ${JSON.stringify(overrides)}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const base = this.spec(name).schemas[component] as Record<string, Json> | undefined;
      if (!base) throw new Error(`contract: ${name} has no component ${component}`);
      const schema =
        Object.keys(overrides).length === 0
          ? { $ref: `${name}.json#/components/schemas/${component}` }
          : { ...base, properties: { ...(base.properties as Record<string, Json>), ...overrides } };
      validate = this.ajv.compile(schema as object);
      this.compiled.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${name} ${component}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
