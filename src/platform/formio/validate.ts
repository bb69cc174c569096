/**
 * The values of a portaalformulier: prefill data → the values in the HTML form, and a submitted
 * urlencoded body → the data as Form.io would submit it (verzonden_data), or the values as typed
 * with the errors, to show the form again.
 */
import { isValidBsn } from '../../domain/bsn.ts';
import { isEmailAddress, normalisePhoneNumber } from '../../domain/persoon.ts';
import { isFixed, isInput, type Condition, type DateModel, type FieldModel, type FileModel, type FormModel, type InputModel } from './definition.ts';

export type FieldErrorCode =
  | 'required'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'min'
  | 'max'
  | 'number'
  | 'date'
  | 'datetime'
  | 'time'
  | 'email'
  | 'phone'
  | 'postcode'
  | 'iban'
  | 'bsn'
  | 'option'
  | 'minSelected'
  | 'maxSelected'
  | FileProblem
  | 'fileCount';

/** What can be wrong with one uploaded file. */
export type FileProblem = 'fileType' | 'fileSize' | 'fileEmpty';

/** A file the person chose for a file field, inspected by the route (inspectUpload in files.ts). */
export interface UploadedFile {
  /** The name to store it under (safe, with the extension of its content). */
  name: string;
  size: number;
  /** Its content type, detected from its content. */
  formaat?: string;
  content: Buffer;
  problem?: FileProblem;
  /** For the message of a problem: the types that may be sent ("PDF, JPG") or the largest size ("10 MB"). */
  detail?: string;
}

/** One field's error; `field` is its key. */
export interface FormError {
  field: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** The values in the HTML form, by key: a string, or the chosen values of a group of checkboxes. */
export type FormValues = Record<string, string | string[]>;

/**
 * `data` is verzonden_data, except that a file field still holds its UploadedFile list: the route
 * stores the files and puts their references in its place (storeFiles in files.ts).
 */
export type Submission = { ok: true; data: Record<string, unknown> } | { ok: false; values: FormValues; errors: FormError[] };

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at a dotted key in nested data ("adres.straat"), own properties only. */
export function valueAt(data: Data, key: string): unknown {
  let node: unknown = data;
  for (const part of key.split('.')) node = isRecord(node) && Object.hasOwn(node, part) ? node[part] : undefined;
  return node;
}

export function setAt(data: Data, key: string, value: unknown): void {
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

/** A time of day ("14:30", "9.05", "14:30:00") → HH:mm. */
export function parseTime(input: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(input.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return undefined;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/** A Dutch postcode ("1234 AB", "1234ab") → "1234 AB". */
export function parsePostcode(input: string): string | undefined {
  const match = /^([1-9]\d{3})\s?([A-Za-z]{2})$/.exec(input.trim());
  if (!match || /^(SA|SD|SS)$/i.test(match[2]!)) return undefined;
  return `${match[1]} ${match[2]!.toUpperCase()}`;
}

/** An IBAN with a correct mod-97 check ("nl91 abna 0417 1643 00") → "NL91ABNA0417164300". */
export function parseIban(input: string): string | undefined {
  const iban = input.replace(/[\s.-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return undefined;
  if (iban.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) return undefined;
  const digits = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1 ? iban : undefined;
}

/** A BSN that passes the elfproef, typed with or without spaces and dots; 8 digits get a leading 0. */
export function parseBsn(input: string): string | undefined {
  const digits = input.replace(/[\s.]/g, '');
  const bsn = /^\d{8}$/.test(digits) ? `0${digits}` : digits;
  return isValidBsn(bsn) ? bsn : undefined;
}

const amsterdam = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as Dutch local time, YYYY-MM-DDTHH:mm. */
function localTime(moment: Date): string {
  const part = Object.fromEntries(amsterdam.formatToParts(moment).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** The offset of Dutch time from UTC at a moment, in minutes (60 or 120). */
function offsetAt(moment: number): number {
  const local = localTime(new Date(moment));
  return (Date.parse(`${local}:00Z`) - Math.floor(moment / 60_000) * 60_000) / 60_000;
}

/**
 * A date and time from a datetime-local input ("2025-03-17T14:30") or typed in Dutch order
 * ("17-3-2025 14:30"), Dutch time → ISO 8601 with its offset, as Form.io submits it
 * ("2025-03-17T14:30:00+01:00").
 */
export function parseDateTime(input: string): string | undefined {
  const match = /^(.+?)[T\s]+(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(input.trim());
  const date = match && parseDate(match[1]!);
  if (!match || !date) return undefined;
  const [hour, minute] = [Number(match[2]), Number(match[3])];
  if (hour > 23 || minute > 59) return undefined;
  const local = `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const asUtc = Date.parse(`${local}:00Z`);
  const offset = offsetAt(asUtc - offsetAt(asUtc) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A day before or after a YYYY-MM-DD date. */
const dayFrom = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A date field with its limits from today (Open Formulieren's future and past) made into dates: the latest first date, the earliest last. */
function withToday(field: DateModel, now: Date): DateModel {
  if (!field.relative) return field;
  const today = localTime(now).slice(0, 10);
  const from = field.relative.min && (field.relative.min === 'today' ? today : dayFrom(today, 1));
  const until = field.relative.max && (field.relative.max === 'today' ? today : dayFrom(today, -1));
  return {
    ...field,
    min: from && (!field.min || from > field.min) ? from : field.min,
    max: until && (!field.max || until < field.max) ? until : field.max,
  };
}

/** Euros: rounded to cents. */
const cents = (value: number) => Math.round(value * 100) / 100;

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
    case 'currency':
      return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2).replace('.', ',') : typeof value === 'string' ? value : '';
    case 'date':
      return typeof value === 'string' ? (parseDate(value.replace(/T.*$/, '')) ?? value) : '';
    case 'datetime': {
      // An ISO date-time (with an offset or Z) → Dutch local time for the datetime-local input.
      if (typeof value !== 'string') return '';
      const moment = /T\d{2}:\d{2}/.test(value) && /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
      return Number.isNaN(moment) ? value : localTime(new Date(moment));
    }
    case 'time':
      return typeof value === 'string' ? (parseTime(value) ?? value) : '';
    case 'hidden':
      return '';
    case 'file':
      // Files cannot be put back in a file input: only what was sent before counts (shown when disabled).
      return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : isRecord(item) ? String(item.name ?? item.url ?? '') : '')) : [];
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
  return field.kind === 'checkboxes' || field.kind === 'file' ? strings : (strings[0] ?? '');
}

function checkFiles(field: FileModel, files: UploadedFile[]): Checked {
  if (files.length === 0) return field.required ? fail(files, 'required') : { value: files };
  const limit = field.multiple ? field.maxFiles : 1;
  if (limit !== undefined && files.length > limit) return fail(files, 'fileCount', { max: limit, count: files.length });
  const wrong = files.find((file) => file.problem);
  return wrong ? fail(files, wrong.problem!, { name: wrong.name, detail: wrong.detail ?? '' }) : { value: files };
}

/** A field's value as Form.io submits it, and its first error (the value then is the best there is). */
interface Checked {
  value: unknown;
  error?: Omit<FormError, 'field'>;
}

const fail = (value: unknown, code: FieldErrorCode, params?: FormError['params']): Checked => ({ value, error: { code, ...(params ? { params } : {}) } });

function check(field: InputModel, raw: string | string[], files: UploadedFile[]): Checked {
  const input = typeof raw === 'string' ? raw : (raw[0] ?? '');
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'postcode':
    case 'iban':
    case 'bsn': {
      let value = (field.kind === 'textarea' ? input.replace(/\r\n?/g, '\n') : input).trim();
      if (value === '') return field.required ? fail('', 'required') : { value };
      if (field.kind === 'email' && !isEmailAddress(value)) return fail(value, 'email');
      if (field.kind === 'phone') {
        if (!normalisePhoneNumber(value)) return fail(value, 'phone');
        value = value.replace(/[\s().-]/g, '');
      }
      if (field.kind === 'postcode' || field.kind === 'iban' || field.kind === 'bsn') {
        const normal = { postcode: parsePostcode, iban: parseIban, bsn: parseBsn }[field.kind](value);
        if (normal === undefined) return fail(value, field.kind);
        value = normal;
      }
      if (field.minLength !== undefined && value.length < field.minLength)
        return fail(value, 'minLength', { minLength: field.minLength, length: value.length });
      if (field.maxLength !== undefined && value.length > field.maxLength)
        return fail(value, 'maxLength', { maxLength: field.maxLength, length: value.length });
      if (field.pattern && !field.pattern.test(value)) return fail(value, 'pattern');
      return { value };
    }
    case 'number':
    case 'currency': {
      if (input.trim() === '') return field.required ? fail(null, 'required') : { value: null };
      const parsed = parseNumber(input);
      if (parsed === undefined) return fail(input.trim(), 'number');
      if (field.decimals !== undefined && decimalsOf(parsed) > field.decimals) return fail(parsed, 'number', { decimals: field.decimals });
      const value = field.kind === 'currency' ? cents(parsed) : parsed;
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
    case 'datetime': {
      if (input.trim() === '') return field.required ? fail('', 'required') : { value: '' };
      const value = parseDateTime(input);
      if (value === undefined) return fail(input.trim(), 'datetime');
      const date = value.slice(0, 10);
      if (field.min !== undefined && date < field.min) return fail(value, 'min', { min: field.min });
      if (field.max !== undefined && date > field.max) return fail(value, 'max', { max: field.max });
      return { value };
    }
    case 'time': {
      if (input.trim() === '') return field.required ? fail('', 'required') : { value: '' };
      const time = parseTime(input);
      if (time === undefined) return fail(input.trim(), 'time');
      if (field.min !== undefined && time < field.min) return fail(time, 'min', { min: field.min });
      if (field.max !== undefined && time > field.max) return fail(time, 'max', { max: field.max });
      return { value: field.seconds ? `${time}:00` : time };
    }
    case 'file':
      return checkFiles(field, files);
    case 'hidden':
      return { value: undefined };
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
      if (chosen.size === 0) return field.required ? fail(value, 'required') : { value };
      if (field.minSelected !== undefined && chosen.size < field.minSelected) return fail(value, 'minSelected', { min: field.minSelected });
      if (field.maxSelected !== undefined && chosen.size > field.maxSelected) return fail(value, 'maxSelected', { max: field.maxSelected });
      return { value };
    }
    case 'checkbox': {
      const value = input === 'true';
      return field.required && !value ? fail(value, 'required') : { value };
    }
  }
}

/**
 * The value a condition looks at: of the field `when`, or a path into the value of a field the
 * person cannot change ("informatieverzoek.partner" in a hidden component "informatieverzoek"),
 * as Form.io reads the data. `values` has the fields that are shown.
 */
function conditionValue(values: Map<string, unknown>, when: string): unknown {
  if (values.has(when)) return values.get(when);
  const parts = when.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (values.has(key)) {
      const value = values.get(key);
      return isRecord(value) ? valueAt(value, parts.slice(n).join('.')) : undefined;
    }
  }
  return undefined;
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
export function validateSubmission(
  form: FormModel,
  body: Data,
  prefill: Data = {},
  files: Record<string, UploadedFile[]> = {},
  now: Date = new Date(),
): Submission {
  const inputs = form.fields.filter(isInput);
  const initial = initialValues(form, prefill);
  const values: FormValues = {};
  const checked = new Map<string, Checked>();
  for (const field of inputs) {
    values[field.key] = isFixed(field) ? initial[field.key]! : submitted(field, body);
    checked.set(
      field.key,
      isFixed(field)
        ? { value: fixedValue(field, initial, prefill) }
        : check(
            field.kind === 'date' || field.kind === 'datetime' ? withToday(field, now) : field,
            values[field.key]!,
            Object.hasOwn(files, field.key) ? files[field.key]! : [],
          ),
    );
  }

  // Conditions refer to fields before them (parseForm makes sure), so one pass in order will do.
  const shown = new Map<string, unknown>();
  const data: Data = {};
  const errors: FormError[] = [];
  for (const field of inputs) {
    if (field.hidden || !field.conditions.every((condition) => holds(condition, conditionValue(shown, condition.when)))) continue;
    shown.set(field.key, checked.get(field.key)!.value);
    const { value, error } = checked.get(field.key)!;
    if (error) errors.push({ field: field.key, ...error });
    else if (value !== undefined) setAt(data, field.key, value);
  }
  return errors.length > 0 ? { ok: false, values, errors } : { ok: true, data };
}

/**
 * The value of a field the person cannot change, as it is submitted: a hidden component's and a
 * disabled file field's value from the prefill data as it is (or the default), another disabled
 * field's prefilled value as it would be checked (not checked: the person could not change it).
 */
function fixedValue(field: InputModel, initial: FormValues, prefill: Data): unknown {
  if (field.kind === 'hidden') return valueAt(prefill, field.key) ?? field.defaultValue;
  if (field.kind === 'file') return valueAt(prefill, field.key) ?? [];
  return check(field, initial[field.key]!, []).value;
}

/**
 * Which fields the prefill data already rules out: a field whose condition looks at a field the
 * person cannot change (disabled, or a hidden component: the case worker decides through
 * portaalformulier.data) and does not hold is not shown at all. Conditions on fields the person
 * fills in are decided only when the form is sent.
 */
/** The known fields that are shown, with their values. */
const shownOnly = (known: Map<string, unknown>) => new Map([...known].filter(([, value]) => value !== notShown));

/** In shownByData: a field the person cannot change that is not shown. */
const notShown = Symbol('not shown');

export function shownByData(form: FormModel, prefill: Data = {}): (field: FieldModel) => boolean {
  const initial = initialValues(form, prefill);
  // Fields the person cannot change whose being shown is known: their value, or undefined when not shown.
  const known = new Map<string, unknown>();
  const ruledOut = new Set<FieldModel>();
  for (const field of form.fields) {
    let verdict: boolean | undefined = !field.hidden;
    for (const condition of field.conditions) {
      const decided = known.has(condition.when) || [...known.keys()].some((key) => condition.when.startsWith(`${key}.`));
      if (!decided) verdict = verdict === false ? false : undefined;
      else if (!holds(condition, conditionValue(shownOnly(known), condition.when))) verdict = false;
    }
    if (verdict === false) ruledOut.add(field);
    if (isInput(field) && isFixed(field) && verdict !== undefined) known.set(field.key, verdict ? fixedValue(field, initial, prefill) : notShown);
  }
  return (field) => !ruledOut.has(field);
}
