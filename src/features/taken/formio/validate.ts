/**
 * The values of a portaalformulier: prefill data → the values in the HTML form, and a submitted
 * urlencoded body → the data as Form.io would submit it (verzonden_data), or the values as typed
 * with the errors, to show the form again.
 */
import { isEmailAddress, normalisePhoneNumber } from '../../../domain/persoon.ts';
import { isInput, type Condition, type FormModel, type InputModel } from './definition.ts';

export type FieldErrorCode = 'required' | 'minLength' | 'maxLength' | 'pattern' | 'min' | 'max' | 'number' | 'date' | 'email' | 'phone' | 'option';

/** One field's error; `field` is its key. */
export interface FormError {
  field: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** The values in the HTML form, by key: a string, or the chosen values of a group of checkboxes. */
export type FormValues = Record<string, string | string[]>;

export type Submission = { ok: true; data: Record<string, unknown> } | { ok: false; values: FormValues; errors: FormError[] };

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at a dotted key in nested data ("adres.straat"), own properties only. */
function valueAt(data: Data, key: string): unknown {
  let node: unknown = data;
  for (const part of key.split('.')) node = isRecord(node) && Object.hasOwn(node, part) ? node[part] : undefined;
  return node;
}

function setAt(data: Data, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = data;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(node[part])) node[part] = {};
    node = node[part] as Data;
  }
  node[parts.at(-1)!] = value;
}

/**
 * A number as Dutch people type it, Dutch reading first: "1.450,50", "1450,5" and "1450.50" are
 * 1450.5, "1.450" is 1450, "1,5" is 1.5. Spaces and a euro sign are ignored.
 */
export function parseNumber(input: string): number | undefined {
  const text = input.replace(/[\s\u00a0€]/g, '');
  if (/^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
  if (/^[+-]?\d*\.\d+$/.test(text) || /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  return undefined;
}

/** A date from a date input (2025-03-17) or as typed in Dutch order (17-3-2025, 17/03/2025) → YYYY-MM-DD. */
export function parseDate(input: string): string | undefined {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dutch = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const decimalsOf = (value: number) => (String(value).split('.')[1] ?? '').length;

/** A value from the prefill data or the definition → its value in the HTML form. */
function formValue(field: InputModel, value: unknown): string | string[] {
  switch (field.kind) {
    case 'checkboxes':
      if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
      return isRecord(value) ? Object.keys(value).filter((option) => value[option] === true) : [];
    case 'checkbox':
      return value === true || value === 'true' ? 'true' : '';
    case 'number':
      // In Dutch notation, which parseNumber reads back exactly (1.125 → "1,125", not "1.125" = 1125).
      return typeof value === 'number' && Number.isFinite(value) ? String(value).replace('.', ',') : typeof value === 'string' ? value : '';
    case 'date':
      return typeof value === 'string' ? (parseDate(value.replace(/T.*$/, '')) ?? value) : '';
    default:
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  }
}

/** The values to show in a new form: the prefill data (taak's portaalformulier.data), else the definition's defaults. */
export function initialValues(form: FormModel, prefill: Data = {}): FormValues {
  const values: FormValues = {};
  for (const field of form.fields.filter(isInput)) {
    const given = valueAt(prefill, field.key);
    values[field.key] = formValue(field, given ?? field.defaultValue);
  }
  return values;
}

/** What the body has for a field: one string, or all strings for a group of checkboxes. */
function submitted(field: InputModel, body: Data): string | string[] {
  const given = Object.hasOwn(body, field.key) ? body[field.key] : undefined;
  const strings = (Array.isArray(given) ? given : [given]).filter((item): item is string => typeof item === 'string');
  return field.kind === 'checkboxes' ? strings : (strings[0] ?? '');
}

/** A field's value as Form.io submits it, and its first error (the value then is the best there is). */
interface Checked {
  value: unknown;
  error?: Omit<FormError, 'field'>;
}

const fail = (value: unknown, code: FieldErrorCode, params?: FormError['params']): Checked => ({ value, error: { code, ...(params ? { params } : {}) } });

function check(field: InputModel, raw: string | string[]): Checked {
  const input = typeof raw === 'string' ? raw : (raw[0] ?? '');
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone': {
      let value = (field.kind === 'textarea' ? input.replace(/\r\n?/g, '\n') : input).trim();
      if (value === '') return field.required ? fail('', 'required') : { value };
      if (field.kind === 'email' && !isEmailAddress(value)) return fail(value, 'email');
      if (field.kind === 'phone') {
        if (!normalisePhoneNumber(value)) return fail(value, 'phone');
        value = value.replace(/[\s().-]/g, '');
      }
      if (field.minLength !== undefined && value.length < field.minLength)
        return fail(value, 'minLength', { minLength: field.minLength, length: value.length });
      if (field.maxLength !== undefined && value.length > field.maxLength)
        return fail(value, 'maxLength', { maxLength: field.maxLength, length: value.length });
      if (field.pattern && !field.pattern.test(value)) return fail(value, 'pattern');
      return { value };
    }
    case 'number': {
      if (input.trim() === '') return field.required ? fail(null, 'required') : { value: null };
      const value = parseNumber(input);
      if (value === undefined) return fail(input.trim(), 'number');
      if (field.decimals !== undefined && decimalsOf(value) > field.decimals) return fail(value, 'number', { decimals: field.decimals });
      if (field.min !== undefined && value < field.min) return fail(value, 'min', { min: field.min });
      if (field.max !== undefined && value > field.max) return fail(value, 'max', { max: field.max });
      return { value };
    }
    case 'date': {
      if (input.trim() === '') return field.required ? fail('', 'required') : { value: '' };
      const value = parseDate(input);
      if (value === undefined) return fail(input.trim(), 'date');
      if (field.min !== undefined && value < field.min) return fail(value, 'min', { min: field.min });
      if (field.max !== undefined && value > field.max) return fail(value, 'max', { max: field.max });
      return { value };
    }
    case 'select':
    case 'radio': {
      const value = input.trim();
      if (value === '') return field.required ? fail('', 'required') : { value };
      return field.options.some((option) => option.value === value) ? { value } : fail(value, 'option');
    }
    case 'checkboxes': {
      const chosen = new Set(typeof raw === 'string' ? [raw] : raw);
      const value = Object.fromEntries(field.options.map((option) => [option.value, chosen.has(option.value)]));
      if ([...chosen].some((choice) => !Object.hasOwn(value, choice))) return fail(value, 'option');
      return field.required && chosen.size === 0 ? fail(value, 'required') : { value };
    }
    case 'checkbox': {
      const value = input === 'true';
      return field.required && !value ? fail(value, 'required') : { value };
    }
  }
}

/** Form.io's evaluation of a simple conditional (a missing value counts as ''). */
function holds(condition: Condition, value: unknown): boolean {
  if (isRecord(value) && Object.hasOwn(value, condition.eq)) return value[condition.eq] === condition.show;
  return (String(value ?? '') === condition.eq) === condition.show;
}

/**
 * Checks a submitted form. Only the form's keys are read from the body. Fields that are hidden, or
 * whose conditions do not hold, are not validated and not in the data. Disabled fields keep their
 * prefilled or default value, whatever the body says.
 */
export function validateSubmission(form: FormModel, body: Data, prefill: Data = {}): Submission {
  const inputs = form.fields.filter(isInput);
  const initial = initialValues(form, prefill);
  const values: FormValues = {};
  const checked = new Map<string, Checked>();
  for (const field of inputs) {
    values[field.key] = field.disabled ? initial[field.key]! : submitted(field, body);
    checked.set(field.key, check(field, values[field.key]!));
  }

  // Conditions refer to fields before them (parseForm makes sure), so one pass in order will do.
  const shown = new Set<string>();
  const shownValue = (key: string) => (shown.has(key) ? checked.get(key)!.value : undefined);
  const data: Data = {};
  const errors: FormError[] = [];
  for (const field of inputs) {
    if (field.hidden || !field.conditions.every((condition) => holds(condition, shownValue(condition.when)))) continue;
    shown.add(field.key);
    const { value, error } = checked.get(field.key)!;
    if (error && !field.disabled) errors.push({ field: field.key, ...error });
    else setAt(data, field.key, value);
  }
  return errors.length > 0 ? { ok: false, values, errors } : { ok: true, data };
}
