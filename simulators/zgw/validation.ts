/**
 * Checks on request bodies that collect every problem at once, as the ZGW APIs do: the client
 * gets one ValidatieFout with an invalidParams entry per field (name, code, reason).
 */
import { invalid } from './http.ts';
import type { InvalidParam } from './http.ts';

export type Body = Record<string, unknown>;

export function requireObject(body: unknown): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid([{ name: 'nonFieldErrors', code: 'invalid', reason: 'Stuur een JSON-object.' }]);
  }
  return body as Body;
}

const missing = (value: unknown) => value === undefined || value === null || value === '';

export function requiredString(body: Body, name: string, limits: { minLength?: number; maxLength?: number }, errors: InvalidParam[]): string | undefined {
  const value = body[name];
  if (missing(value)) {
    errors.push({ name, code: 'required', reason: 'Dit veld is vereist.' });
    return undefined;
  }
  return checkString(value, name, limits, errors);
}

export function optionalString(body: Body, name: string, maxLength: number | undefined, errors: InvalidParam[]): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  return checkString(value, name, { maxLength }, errors);
}

function checkString(
  value: unknown,
  name: string,
  { minLength, maxLength }: { minLength?: number; maxLength?: number | undefined },
  errors: InvalidParam[],
): string | undefined {
  if (typeof value !== 'string') {
    errors.push({ name, code: 'invalid', reason: 'Geef een tekst.' });
    return undefined;
  }
  if (maxLength !== undefined && value.length > maxLength) {
    errors.push({ name, code: 'max_length', reason: `Zorg ervoor dat dit veld niet meer dan ${maxLength} tekens bevat.` });
    return undefined;
  }
  if (minLength !== undefined && value.length < minLength) {
    errors.push({ name, code: 'min_length', reason: `Zorg ervoor dat dit veld minstens ${minLength} tekens bevat.` });
    return undefined;
  }
  return value;
}

export function requiredUrl(body: Body, name: string, errors: InvalidParam[]): string | undefined {
  const value = requiredString(body, name, { maxLength: 1000 }, errors);
  if (value === undefined) return undefined;
  if (!/^https?:\/\//.test(value) || !URL.canParse(value)) {
    errors.push({ name, code: 'invalid', reason: 'Voer een geldige URL in.' });
    return undefined;
  }
  return value;
}

export function optionalChoice<T extends string>(body: Body, name: string, choices: readonly T[], errors: InvalidParam[]): T | '' | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (value === '') return '';
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    errors.push({ name, code: 'invalid_choice', reason: `"${String(value)}" is een ongeldige keuze.` });
    return undefined;
  }
  return value as T;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function validDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function requiredDate(body: Body, name: string, errors: InvalidParam[]): string | undefined {
  const value = requiredString(body, name, {}, errors);
  if (value === undefined) return undefined;
  if (!datePattern.test(value) || !validDate(value)) {
    errors.push({ name, code: 'invalid', reason: 'Datum heeft het verkeerde formaat. Gebruik JJJJ-MM-DD.' });
    return undefined;
  }
  return value;
}

export function optionalDate(body: Body, name: string, errors: InvalidParam[]): string | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string' || !datePattern.test(value) || !validDate(value)) {
    errors.push({ name, code: 'invalid', reason: 'Datum heeft het verkeerde formaat. Gebruik JJJJ-MM-DD.' });
    return undefined;
  }
  return value;
}

export function requiredDateTime(body: Body, name: string, errors: InvalidParam[]): Date | undefined {
  const value = requiredString(body, name, {}, errors);
  if (value === undefined) return undefined;
  const moment = new Date(value);
  if (!dateTimePattern.test(value) || Number.isNaN(moment.getTime())) {
    errors.push({ name, code: 'invalid', reason: 'Datetime heeft het verkeerde formaat. Gebruik ISO 8601, bijvoorbeeld 2024-05-01T10:00:00Z.' });
    return undefined;
  }
  return moment;
}

export function optionalBoolean(body: Body, name: string, errors: InvalidParam[]): boolean | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean') return value;
  errors.push({ name, code: 'invalid', reason: 'Geef true, false of null.' });
  return undefined;
}

export function optionalStringArray(body: Body, name: string, maxLength: number, errors: InvalidParam[]): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= maxLength)) {
    errors.push({ name, code: 'invalid', reason: `Geef een lijst van teksten van 1 tot ${maxLength} tekens.` });
    return undefined;
  }
  return value as string[];
}
