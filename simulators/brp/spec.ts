/**
 * The BRP spec as JSON Schema, for brp.test.ts. simulators/shared/contract.ts cannot check it
 * as it is, for three reasons (it is OpenAPI 3.1 and leans on things 3.0 specs there do not):
 *
 * 1. Its patterns are written for non-Unicode regular expressions (`[…\']`): Ajv's default
 *    `unicodeRegExp: true` refuses to compile them ("Invalid escape").
 * 2. Its error responses are `$ref: '#/components/responses/400'` etc., which
 *    Contract.responseSchema does not follow.
 * 3. Its polymorphism is `discriminator.mapping` on an abstract schema (PersonenQueryResponse,
 *    AbstractDatum, AbstractVerblijfplaats, AbstractNationaliteit…), whose variants extend it with
 *    allOf. Dropping `discriminator` (as Contract does) leaves only the abstract schema, so the
 *    200 answer would be checked for a string `type` and nothing else.
 *
 * Here a schema with a mapping becomes "the base, and if `type` is X then the X variant", with the
 * variants' allOf pointing at the base (no loop), and `type` one of the mapping's keys. The rest is
 * Contract's own conversion (toJsonSchema).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { specsDir, toJsonSchema } from '../shared/contract.ts';

type Json = unknown;
type Schemas = Record<string, Record<string, Json>>;

interface Spec {
  paths: Record<string, Record<string, { requestBody?: Json; responses: Record<string, Json> }>>;
  components: { schemas: Schemas; responses: Record<string, { content?: Record<string, { schema?: Json }> }> };
}

const id = 'brp-personen.json';
const schemaRef = (name: string) => `#/components/schemas/${name}`;

/** Replaces every `$ref` to `from` in `node` by one to `to`. */
function retarget(node: Json, from: string, to: string): Json {
  if (Array.isArray(node)) return node.map((item) => retarget(item, from, to));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === '$ref' && value === from ? to : retarget(value, from, to)]));
}

/** Discriminator mappings → if/then (see the module comment). */
function resolveDiscriminators(schemas: Schemas): Schemas {
  const out: Schemas = structuredClone(schemas);
  for (const [name, schema] of Object.entries(schemas)) {
    const discriminator = schema.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
    if (!discriminator?.mapping) continue;
    const base = `${name}__base`;
    const { discriminator: _dropped, ...rest } = schema;
    out[base] = rest;
    for (const variant of Object.values(discriminator.mapping)) {
      const variantName = variant.replace('#/components/schemas/', '');
      out[variantName] = retarget(out[variantName], schemaRef(name), schemaRef(base)) as Record<string, Json>;
    }
    const property = discriminator.propertyName;
    out[name] = {
      allOf: [
        { $ref: schemaRef(base) },
        { properties: { [property]: { enum: Object.keys(discriminator.mapping) } } },
        ...Object.entries(discriminator.mapping).map(([value, ref]) => ({
          if: { properties: { [property]: { const: value } }, required: [property] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
          then: { $ref: ref },
        })),
      ],
    };
  }
  return out;
}

export class BrpSpec {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  private readonly spec: Spec;
  private readonly compiled = new Map<string, ValidateFunction>();

  /** `patch` may change the raw component schemas first (to relax what the real API does not keep to). */
  constructor(patch: (schemas: Schemas) => void = () => {}) {
    (addFormats as unknown as { default: (ajv: Ajv) => void }).default(this.ajv);
    this.spec = parse(readFileSync(join(specsDir, 'brp-personen-api.yaml'), 'utf8')) as Spec;
    const schemas = structuredClone(this.spec.components.schemas);
    patch(schemas);
    this.ajv.addSchema({ $id: id, components: { schemas: toJsonSchema(resolveDiscriminators(schemas), id) } });
  }

  /** The raw (YAML) component schemas, for tests that walk them. */
  get schemas(): Schemas {
    return this.spec.components.schemas;
  }

  private validator(key: string, schema: () => Json): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema(), id) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private static errors(validate: ValidateFunction, label: string, body: Json): string[] {
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${label}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** Errors of `body` against the response of POST /personen with `status` ([] when it fits). */
  checkResponse(status: number, body: Json): string[] {
    const validate = this.validator(`response ${status}`, () => {
      let response = this.spec.paths['/personen']!.post!.responses[String(status)] as
        | { $ref?: string; content?: Record<string, { schema?: Json }> }
        | undefined;
      if (!response) throw new Error(`brp spec: POST /personen declares no ${status} response`);
      if (response.$ref) response = this.spec.components.responses[response.$ref.replace('#/components/responses/', '')];
      const schema = Object.values(response?.content ?? {})[0]?.schema;
      if (!schema) throw new Error(`brp spec: POST /personen ${status} has no schema`);
      return schema;
    });
    return BrpSpec.errors(validate, `POST /personen ${status}`, body);
  }

  /** Errors of `body` against a component schema ([] when it fits). */
  checkComponent(component: string, body: Json): string[] {
    if (!this.spec.components.schemas[component]) throw new Error(`brp spec: no component ${component}`);
    return BrpSpec.errors(
      this.validator(`#${component}`, () => ({ $ref: schemaRef(component) })),
      component,
      body,
    );
  }
}
