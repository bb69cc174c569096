/**
 * The data filters and ordering of objects-api, with its quirks, because a portal that works
 * against the simulator must work against objects-api too.
 *
 * `data_attrs` (deprecated) is split on every comma, then each part with Python's
 * `part.rsplit("__", 2)` into key, operator and value. So a value cannot hold a comma (the rest
 * becomes a next "expression", usually a 400) and a value with `__` shifts the split: the
 * operator becomes part of the value, mostly a 400 "Comparison operator … is unknown", and
 * sometimes (`x__exact__y` inside a value) a silent filter on a nested key that matches nothing.
 * `data_attr` (repeatable, one expression each) allows commas in the value, but only there
 * (after the last `__`); `__` in a value is just as impossible. Values are read as Python's
 * `string_to_value` reads them: a float if float() takes it (also " 12 ", "1_000", "1e3",
 * "inf"), else a date if it is YYYY-MM-DD, else the string.
 *
 * The comparison is PostgreSQL's on jsonb (objects-api's Django queries):
 * - exact: the value at the key path equals the value as a string, or as the number/date it
 *   reads as. Booleans never match ("false" is the string "false"), so objects-api clients
 *   filter booleans with icontains (NL Portal: `geopend__icontains__false`).
 * - gt/gte/lt/lte: only numbers or dates (else 400); jsonb ordering across types (null < string
 *   < number < boolean < array < object), dates as strings, so "2025-06-15T08:00:00Z" is
 *   greater than "2025-06-15". A missing key matches nothing.
 * - icontains: case-insensitive substring of the value's text (`->>`: strings bare, numbers and
 *   booleans as JSON text); a missing key or JSON null matches nothing.
 * - in: `|`-separated strings; only string values match.
 * Key paths: `a__b` is data → a → b; an integer key indexes an array (as Django's KeyTransform
 * does on PostgreSQL).
 *
 * `data_icontains` is a case-insensitive regular expression over every string value at any depth
 * (objects-api's jsonpath `like_regex`); a value that is not a valid expression, or has a double
 * quote in it, makes PostgreSQL fail: a 500.
 */
import type { ApiError } from '../shared/errors.ts';
import { fout, type Fout } from '../shared/problem.ts';
import { invalid } from './http.ts';
import type { Json } from './validation.ts';
import { isIsoDate, isObject } from './validation.ts';

export const operators = ['exact', 'gt', 'gte', 'lt', 'lte', 'icontains', 'in'] as const;
export type Operator = (typeof operators)[number];

export interface Condition {
  path: string[];
  operator: Operator;
  /** The value as given. */
  raw: string;
}

/** Python's str.rsplit(sep, maxsplit). */
export function rsplit(text: string, sep: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let end = text.length;
  while (parts.length < maxsplit && end >= sep.length) {
    const at = text.lastIndexOf(sep, end - sep.length);
    if (at < 0) break;
    parts.unshift(text.slice(at + sep.length, end));
    end = at;
  }
  parts.unshift(text.slice(0, end));
  return parts;
}

const digitPart = String.raw`\d(?:_?\d)*`;
const pythonFloat = new RegExp(String.raw`^[+-]?(?:(?:(?:${digitPart})?\.${digitPart}|${digitPart}\.?)(?:[eE][+-]?${digitPart})?|inf|infinity|nan)$`, 'i');

/** What Python's float() makes of `value`, or undefined when it raises ValueError. */
export function pythonFloatOf(value: string): number | undefined {
  const trimmed = value.trim();
  if (!pythonFloat.test(trimmed)) return undefined;
  const lower = trimmed.toLowerCase().replaceAll('_', '');
  if (lower.endsWith('nan')) return Number.NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(lower);
}

/** objects-api's string_to_value: a number, else a date (kept as its ISO string), else the string. */
export function stringToValue(value: string): { kind: 'number'; value: number } | { kind: 'date'; value: string } | { kind: 'string'; value: string } {
  const number = pythonFloatOf(value);
  if (number !== undefined) return { kind: 'number', value: number };
  if (isIsoDate(value)) return { kind: 'date', value };
  return { kind: 'string', value };
}

function expressionError(code: string, reason: string): ApiError<Fout> {
  return invalid([{ name: '', code, reason }]);
}

/** validate_data_attr_value_part: the shape, a known operator, and a number or date for gt/gte/lt/lte. */
function parsePart(part: string, code: string): Condition {
  const pieces = rsplit(part, '__', 2);
  if (pieces.length < 3) throw expressionError(code, `Filter expression '${part}' doesn't have the shape 'key__operator__value'`);
  const [variable, operator, raw] = pieces as [string, string, string];
  if (!(operators as readonly string[]).includes(operator)) throw expressionError(code, `Comparison operator \`${operator}\` is unknown`);
  if (!['exact', 'icontains', 'in'].includes(operator) && stringToValue(raw).kind === 'string') {
    throw expressionError(code, `Operator \`${operator}\` supports only dates and/or numeric values`);
  }
  return { path: variable.split('__'), operator: operator as Operator, raw };
}

/** `data_attrs`: comma-separated expressions (a comma in a value breaks it, see the module comment). */
export function parseDataAttrs(value: string): Condition[] {
  return value.split(',').map((part) => parsePart(part, 'invalid-data-attrs-query'));
}

/** One `data_attr` expression: a comma may only come after the last `__`. */
export function parseDataAttr(value: string): Condition {
  if (rsplit(value, '__', 1)[0]!.includes(',')) {
    throw expressionError(
      'invalid-data-attr-query',
      `Filter expression '${value}' must have the shape 'key__operator__value', commas can only be present in the 'value'`,
    );
  }
  return parsePart(value, 'invalid-data-attr-query');
}

// ---------------------------------------------------------------------------------------------
// jsonb semantics

/** Python's int() on a key (Django tries it on a single key transform). */
const pythonInt = /^\s*[+-]?\d(?:_?\d)*\s*$/;

/**
 * The value at `path` in `data` as PostgreSQL finds it: a single key is `->` (an integer key is
 * an array index, and finds nothing in an object), a longer path is `#>` (text keys; in an array
 * a key must be an integer). undefined = SQL NULL (no such key).
 */
export function valueAt(data: Json, path: readonly string[]): Json | undefined {
  const index = (array: Json[], key: number) => (key < 0 ? array[array.length + key] : array[key]);
  if (path.length === 1) {
    const key = path[0]!;
    if (pythonInt.test(key)) return Array.isArray(data) ? index(data, Number(key.replaceAll('_', ''))) : undefined;
    return isObject(data) ? (data as Record<string, Json>)[key] : undefined;
  }
  let current: Json | undefined = data;
  for (const key of path) {
    if (Array.isArray(current)) current = /^-?\d+$/.test(key) ? index(current, Number(key)) : undefined;
    else if (isObject(current)) current = Object.hasOwn(current, key) ? (current as Record<string, Json>)[key] : undefined;
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

const collator = new Intl.Collator('en-US');

function rank(value: Json): number {
  if (value === null) return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'boolean') return 3;
  if (Array.isArray(value)) return 4;
  return 5;
}

/** jsonb's btree order: null < string < number < boolean < array < object; strings by collation. */
export function compareJsonb(a: Json, b: Json): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return Math.sign(byRank);
  if (typeof a === 'string') return Math.sign(collator.compare(a, b as string)) || (a < (b as string) ? -1 : a > (b as string) ? 1 : 0);
  if (typeof a === 'number') return Math.sign(a - (b as number));
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a)) {
    const other = b as Json[];
    if (a.length !== other.length) return Math.sign(a.length - other.length);
    for (let i = 0; i < a.length; i++) {
      const c = compareJsonb(a[i]!, other[i]!);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (a === null) return 0;
  const x = jsonbKeys(a as Record<string, Json>);
  const y = jsonbKeys(b as Record<string, Json>);
  if (x.length !== y.length) return Math.sign(x.length - y.length);
  for (let i = 0; i < x.length; i++) {
    const c = x[i]! < y[i]! ? -1 : x[i]! > y[i]! ? 1 : compareJsonb((a as Record<string, Json>)[x[i]!]!, (b as Record<string, Json>)[y[i]!]!);
    if (c !== 0) return c;
  }
  return 0;
}

/** jsonb keeps object keys shorter first, then bytewise. */
function jsonbKeys(object: Record<string, Json>): string[] {
  return Object.keys(object).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

function jsonbEqual(a: Json, b: Json): boolean {
  return rank(a) === rank(b) && (typeof a === 'string' ? a === b : compareJsonb(a, b) === 0);
}

/** The text PostgreSQL's `->>` gives: strings bare, the rest as jsonb prints it. */
function jsonbText(value: Json): string {
  if (typeof value === 'string') return value;
  return jsonbPrint(value);
}

function jsonbPrint(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonbPrint).join(', ')}]`;
  return `{${jsonbKeys(value)
    .map((key) => `${JSON.stringify(key)}: ${jsonbPrint(value[key]!)}`)
    .join(', ')}}`;
}

/** Whether `data` meets `condition`, as objects-api's query on PostgreSQL decides. */
export function matches(data: Json, condition: Condition): boolean {
  const found = valueAt(data, condition.path);
  if (found === undefined) return false;
  const { operator, raw } = condition;
  switch (operator) {
    case 'exact': {
      if (jsonbEqual(found, raw)) return true;
      const real = stringToValue(raw);
      return real.kind === 'number' ? !Number.isNaN(real.value) && jsonbEqual(found, real.value) : false;
    }
    case 'icontains':
      return found !== null && jsonbText(found).toUpperCase().includes(raw.toUpperCase());
    case 'in':
      return raw.split('|').some((value) => found === value);
    default: {
      const real = stringToValue(raw);
      if (real.kind === 'number' && Number.isNaN(real.value)) return false;
      const c = compareJsonb(found, real.value);
      return operator === 'gt' ? c > 0 : operator === 'gte' ? c >= 0 : operator === 'lt' ? c < 0 : c <= 0;
    }
  }
}

/** `data_icontains`: a case-insensitive regular expression on every string value, at any depth. */
export function dataIcontains(pattern: string): (data: Json) => boolean {
  let regex: RegExp;
  try {
    if (pattern.includes('"')) throw new Error('syntax error in jsonpath');
    regex = new RegExp(pattern, 'i');
  } catch {
    throw fout(500, 'error', 'A server error occurred.', 'invalid regular expression or jsonpath: PostgreSQL could not run this data_icontains search.');
  }
  const anyString = (value: Json): boolean => {
    if (typeof value === 'string') return regex.test(value);
    if (Array.isArray(value)) return value.some(anyString);
    if (isObject(value)) return Object.values(value as Record<string, Json>).some(anyString);
    return false;
  };
  return anyString;
}
