/**
 * Checks on request bodies that collect every problem at once, as DRF does: the client gets one
 * 400 with an invalidParams entry per field (name, code, reason, in DRF's Dutch wording). Nested
 * fields are named with dots and list indexes (`partijIdentificatoren.0.partijIdentificator.objectId`),
 * as vng-api-common names them.
 *
 * Modes follow the spec's note on PUT and PATCH: 'create' (POST) and 'update' (PUT) need every
 * required field; 'partial' (PATCH) needs none. In all modes a field that is left out stays as it
 * is; read-only fields (uuid, url, …) and unknown fields are ignored.
 *
 * Open Klant's parser turns camelCase keys into snake_case and leaves snake_case ones alone, so
 * both spellings of a field work (the spec's own example writes `sub_identificator_van`); here the
 * body is brought to camelCase instead, with the same effect.
 */
import { invalid, isDate, parseUuid } from './http.ts';
import type { InvalidParam } from './http.ts';

export type Mode = 'create' | 'update' | 'partial';
export type Body = Record<string, unknown>;

function camelCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCased);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), camelCased(item)]));
}

/** The body as an object with camelCase keys; no body at all is an empty object, as in DRF. */
export function requireObject(body: unknown): Body {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid([{ name: 'nonFieldErrors', code: 'invalid', reason: `Ongeldige data. Verwacht een dictionary, kreeg een ${typeName(body)}.` }]);
  }
  return camelCased(body) as Body;
}

const typeName = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value === 'string' ? 'str' : typeof value === 'number' ? 'int' : typeof value;

const trueValues = new Set<unknown>([true, 1, '1', 't', 'true', 'y', 'yes', 'on']);
const falseValues = new Set<unknown>([false, 0, '0', 'f', 'false', 'n', 'no', 'off']);

export class Check {
  constructor(
    readonly body: Body,
    readonly mode: Mode,
    readonly errors: InvalidParam[] = [],
    private readonly prefix = '',
  ) {}

  name(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  add(field: string, code: string, reason: string): void {
    this.errors.push({ name: this.name(field), code, reason });
  }

  /** Whether the body gives this field (null counts as given). */
  has(field: string): boolean {
    return this.body[field] !== undefined;
  }

  /** The common start of every field check. */
  private present(field: string, required: boolean, nullable: boolean): 'absent' | 'null' | 'value' {
    const value = this.body[field];
    if (value === undefined) {
      if (required && this.mode !== 'partial') this.add(field, 'required', 'Dit veld is vereist.');
      return 'absent';
    }
    if (value === null) {
      if (!nullable) {
        this.add(field, 'null', 'Dit veld mag niet leeg zijn.');
        return 'absent';
      }
      return 'null';
    }
    return 'value';
  }

  /**
   * DRF's CharField: numbers become text, surrounding whitespace goes, '' is allowed unless
   * `blank: false`. Undefined when absent or wrong.
   */
  string(field: string, options: { required?: boolean; nullable?: boolean; blank?: boolean; max?: number; min?: number } = {}): string | null | undefined {
    const state = this.present(field, options.required ?? false, options.nullable ?? false);
    if (state !== 'value') return state === 'null' ? null : undefined;
    const raw = this.body[field];
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.add(field, 'invalid', 'Geen geldige string.');
      return undefined;
    }
    const value = String(raw).trim();
    if (value === '' && options.blank === false) {
      this.add(field, 'blank', 'Dit veld mag niet leeg zijn.');
      return undefined;
    }
    if (options.max !== undefined && value.length > options.max) {
      this.add(field, 'max_length', `Zorg ervoor dat dit veld niet meer dan ${options.max} tekens bevat.`);
      return undefined;
    }
    if (options.min !== undefined && value !== '' && value.length < options.min) {
      this.add(field, 'min_length', `Zorg ervoor dat dit veld minstens ${options.min} tekens bevat.`);
      return undefined;
    }
    return value;
  }

  /** A string that must match `pattern` (else `reason`); '' passes. */
  pattern(field: string, pattern: RegExp, reason: (value: string) => string, options: { max?: number } = {}): string | undefined {
    const value = this.string(field, options);
    if (!value) return value ?? undefined;
    if (!pattern.test(value)) {
      this.add(field, 'invalid', reason(value));
      return undefined;
    }
    return value;
  }

  choice<T extends string>(field: string, choices: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const state = this.present(field, options.required ?? false, false);
    if (state !== 'value') return undefined;
    const value = this.body[field];
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      this.add(field, 'invalid_choice', `"${String(value)}" is een ongeldige keuze.`);
      return undefined;
    }
    return value as T;
  }

  /** DRF's BooleanField, which also takes "true", "1", "yes" and the like. */
  boolean(field: string, options: { required?: boolean; nullable?: boolean } = {}): boolean | null | undefined {
    const state = this.present(field, options.required ?? false, options.nullable ?? false);
    if (state !== 'value') return state === 'null' ? null : undefined;
    const raw = this.body[field];
    const value = typeof raw === 'string' ? raw.toLowerCase() : raw;
    if (trueValues.has(value)) return true;
    if (falseValues.has(value)) return false;
    this.add(field, 'invalid', 'Moet een geldige boolean zijn.');
    return undefined;
  }

  integer(field: string, options: { nullable?: boolean; min?: number; max?: number } = {}): number | null | undefined {
    const state = this.present(field, false, options.nullable ?? false);
    if (state !== 'value') return state === 'null' ? null : undefined;
    const value = this.body[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(field, 'invalid', 'Een geldig getal is vereist.');
      return undefined;
    }
    if (options.min !== undefined && value < options.min) {
      this.add(field, 'min_value', `Zorg ervoor dat deze waarde groter of gelijk is aan ${options.min}.`);
      return undefined;
    }
    if (options.max !== undefined && value > options.max) {
      this.add(field, 'max_value', `Zorg ervoor dat deze waarde kleiner of gelijk is aan ${options.max}.`);
      return undefined;
    }
    return value;
  }

  date(field: string, options: { nullable?: boolean } = {}): string | null | undefined {
    const state = this.present(field, false, options.nullable ?? false);
    if (state !== 'value') return state === 'null' ? null : undefined;
    const value = this.body[field];
    if (typeof value !== 'string' || !isDate(value)) {
      this.add(field, 'invalid', 'Datum heeft het verkeerde formaat, gebruik 1 van deze formaten: YYYY-MM-DD.');
      return undefined;
    }
    return value;
  }

  /** A nested object: a Check for its fields (in `mode`, default this one's), null, or undefined (absent or wrong). */
  object(field: string, options: { required?: boolean; nullable?: boolean; mode?: Mode } = {}): Check | null | undefined {
    const state = this.present(field, options.required ?? false, options.nullable ?? false);
    if (state !== 'value') return state === 'null' ? null : undefined;
    const value = this.body[field];
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.add(field, 'invalid', `Ongeldige data. Verwacht een dictionary, kreeg een ${typeName(value)}.`);
      return undefined;
    }
    return new Check(value as Body, options.mode ?? this.mode, this.errors, this.name(field));
  }

  /** A list: the items, null, or undefined (absent or wrong). */
  list(field: string, options: { nullable?: boolean } = {}): unknown[] | null | undefined {
    const state = this.present(field, false, options.nullable ?? false);
    if (state !== 'value') return state === 'null' ? null : undefined;
    const value = this.body[field];
    if (!Array.isArray(value)) {
      this.add(field, 'not_a_list', `Verwachtte een lijst met items, maar kreeg type "${typeName(value)}".`);
      return undefined;
    }
    return value;
  }

  /** A Check for item `index` of list `field`, or undefined (reported) when it is not an object. */
  item(field: string, index: number, value: unknown, mode: Mode = this.mode): Check | undefined {
    const name = `${field}.${index}`;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.add(name, 'invalid', `Ongeldige data. Verwacht een dictionary, kreeg een ${typeName(value)}.`);
      return undefined;
    }
    return new Check(value as Body, mode, this.errors, this.name(name));
  }

  /**
   * A relation given as {uuid} (the spec's …ForeignKey; `url` is read-only): the UUID, null, or
   * undefined (absent or wrong). `what` names the model in the error, as Open Klant's
   * `…_exists` validators do ("Partij object bestaat niet.").
   */
  foreignKey(
    field: string,
    exists: (uuid: string) => boolean,
    what: string,
    options: { required?: boolean; nullable?: boolean } = {},
  ): string | null | undefined {
    const nested = this.object(field, { ...options, mode: 'create' });
    if (nested === null || nested === undefined) return nested;
    return nested.uuidOf(exists, what);
  }

  /** The `uuid` of this (nested) object, checked to be one of something that `exists`. */
  uuidOf(exists: (uuid: string) => boolean, what: string): string | undefined {
    const value = this.body.uuid;
    if (value === undefined || value === null || value === '') {
      this.add('uuid', 'required', 'Dit veld is vereist.');
      return undefined;
    }
    const uuid = typeof value === 'string' ? parseUuid(value) : undefined;
    if (!uuid) {
      this.add('uuid', 'invalid', 'Voer een geldige UUID in.');
      return undefined;
    }
    if (!exists(uuid)) {
      this.add('uuid', 'invalid', `${what} object bestaat niet.`);
      return undefined;
    }
    return uuid;
  }

  /** Throws the 400 when anything was wrong. */
  done(): void {
    if (this.errors.length > 0) throw invalid(this.errors);
  }
}
