/**
 * Form.io form definitions (the formDefinition of a FormIO object) → the small model of a form that
 * Voordeur renders and validates itself, without Form.io's JavaScript. Voordeur supports only a
 * subset of Form.io (docs/forms.md). For anything else parseForm says why, so the taak page can
 * send the person another way and the reasons can be logged.
 */
import { z } from 'zod';

export interface Option {
  value: string;
  label: string;
}

/** Form.io's simple conditional: the component is shown when (value of `when` = `eq`) is `show`. */
export interface Condition {
  /** The full key of the field it looks at (in a container: with the container's key, "adres.postcode"). */
  when: string;
  eq: string;
  show: boolean;
  /** While parsing: the containers around the conditional component ("adres."), where `when` is looked up first, as Form.io does. */
  scope?: string;
}

interface Shown {
  /** Hidden in the definition: never shown, validated or submitted. */
  hidden: boolean;
  /** Its own condition and those of the panels around it; all must hold for it to be shown. */
  conditions: Condition[];
}

/** Static text: a panel's title as a heading, or the text of a content or htmlelement component. */
export interface ContentModel extends Shown {
  kind: 'content';
  heading?: string;
  /** The heading of a page of a wizard: step `number` of `count`. */
  step?: { number: number; count: number };
  paragraphs: string[];
}

interface InputCommon extends Shown {
  /** The Form.io key: the name in the HTML form; dots make nested objects in the data. */
  key: string;
  /** The HTML id of its input. */
  id: string;
  label: string;
  /** Description and tooltip, as plain text. */
  description?: string;
  required: boolean;
  /** Shown but not editable: its value comes from the prefill data or the default. */
  disabled: boolean;
  /** Form.io's validate.customMessage: replaces every error message of this field. */
  customMessage?: string;
  defaultValue?: unknown;
}

export interface TextRules {
  minLength?: number;
  maxLength?: number;
  /** Form.io's validate.pattern, matching the whole value. */
  pattern?: RegExp;
}

/** Text boxes; postcode, iban and bsn are checked and normalised as Dutch postcodes, IBANs (mod 97) and BSNs (elfproef). */
export type TextInputModel = InputCommon & TextRules & { kind: 'text' | 'email' | 'phone' | 'postcode' | 'iban' | 'bsn'; autocomplete?: string };
export type TextareaModel = InputCommon & TextRules & { kind: 'textarea'; rows?: number };
/** A number; a currency (euros) has 2 decimals unless the definition says otherwise and is submitted rounded to them. */
export type NumberModel = InputCommon & { kind: 'number' | 'currency'; min?: number; max?: number; decimals?: number };
/**
 * A date, or a date with a time (datetime); min and max are YYYY-MM-DD. `relative` are limits
 * from the day it is sent (Open Formulieren's "future" and "past"), in Dutch time.
 */
export type DateModel = InputCommon & {
  kind: 'date' | 'datetime';
  min?: string;
  max?: string;
  relative?: { min?: 'today' | 'tomorrow'; max?: 'today' | 'yesterday' };
};
/** Choices; for checkboxes (selectboxes) at least `minSelected` and at most `maxSelected` ticked when set. */
export type ChoiceModel = InputCommon & { kind: 'select' | 'radio' | 'checkboxes'; options: Option[]; minSelected?: number; maxSelected?: number };
export type CheckboxModel = InputCommon & { kind: 'checkbox' };
/**
 * Files to upload (Form.io's file, NL Portal's portalFileUpload). `accept` is what the definition
 * allows (".pdf", "application/pdf", "image/*"; empty: anything Voordeur accepts); each file is
 * stored as a document and the field submits references to them.
 */
export type FileModel = InputCommon & {
  kind: 'file';
  /** portalFileUpload submits an array of document URLs; file submits Form.io file objects. */
  submitAs: 'urls' | 'files';
  multiple: boolean;
  maxFiles?: number;
  /** The largest file the definition allows, in bytes. */
  maxBytes?: number;
  accept: string[];
  /** The informatieobjecttype the documents get (NL Portal's informatieobjecttype, Open Formulieren's registration.informatieobjecttype). */
  informatieobjecttype?: string;
};

/** A time of day; min and max are HH:mm. Submitted as HH:mm, or HH:mm:ss when the definition's dataFormat says so. */
export type TimeModel = InputCommon & { kind: 'time'; min?: string; max?: string; seconds: boolean };

/** Form.io's hidden component: never shown; it submits its value from the prefill data (or its default) unchanged. */
export type HiddenModel = InputCommon & { kind: 'hidden' };

export type InputModel = TextInputModel | TextareaModel | NumberModel | DateModel | TimeModel | ChoiceModel | CheckboxModel | FileModel | HiddenModel;
export type FieldModel = InputModel | ContentModel;

export interface FormModel {
  /** In the order of the definition, containers flattened. */
  fields: FieldModel[];
}

/** Whether the form has file fields the person can use: then it is sent as multipart/form-data, and the files need a place. */
export const hasFiles = (form: FormModel) => form.fields.some((field) => field.kind === 'file' && !field.disabled && !field.hidden);

export type ParsedForm = { supported: true; form: FormModel } | { supported: false; reasons: string[] };

export const isInput = (field: FieldModel): field is InputModel => field.kind !== 'content';

/** A field the person cannot change: its value comes from the prefill data (or its default). */
export const isFixed = (field: InputModel) => field.disabled || field.kind === 'hidden';

/**
 * The HTML id of a field. Every '-' of the key is doubled, so that no field's id is another
 * field's id plus one of the suffixes the fields add ("-description", "-error", "-1").
 */
export const fieldId = (key: string) => `formio-${key.replace(/-/g, '--')}`;

// ---------------------------------------------------------------------------------------------
// Text from Form.io's HTML (labels, descriptions and content may contain markup)

const blockTag = /<\s*(?:br|\/?(?:p|div|li|ul|ol|h[1-6]|table|tr|blockquote|pre|section|header|footer))\b[^>]*>/gi;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', euro: '€' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return entities[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** The paragraphs of a piece of HTML as plain text: tags, scripts and styles removed, entities decoded. */
export function htmlToParagraphs(html: string): string[] {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .split(blockTag)
    .map((part) =>
      decodeEntities(part.replace(/<\/?[a-z!][^>]*>/gi, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((part) => part !== '');
}

const plainText = (html: string) => htmlToParagraphs(html).join(' ');

/** Form.io's interpolation of the data in text: only a plain path (`{{ data.aanvrager.naam }}`) is read, never code. */
export const dataPlaceholder = /\{\{\s*data\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;

/** The `{{ … }}` in a text that are not a plain path into the data (code Voordeur does not run). */
const codeIn = (text: string) =>
  [...text.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((match) => match[0]).filter((part) => !part.match(new RegExp(`^${dataPlaceholder.source}$`)));

// ---------------------------------------------------------------------------------------------
// Schemas. Form.io's builder writes '' or null for settings that are not set.

const unset = (value: unknown) => (value === '' || value === null ? undefined : value);
const text = z.preprocess(unset, z.string().optional());
const count = z.preprocess(unset, z.coerce.number().int().min(0).optional());
const number = z.preprocess(unset, z.coerce.number().optional());
const flag = z.preprocess(unset, z.boolean().optional());

/** Form.io keys, as safe field names: letters, digits, '_' and '-' in parts joined by dots. */
const keyPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

const conditional = z
  .looseObject({
    show: z.union([z.boolean(), z.enum(['true', 'false'])]).nullish(),
    when: z.string().nullish(),
    eq: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  })
  .transform((c, ctx): Condition[] => {
    if (!c.when) return [];
    if (c.show === null || c.show === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a conditional needs show: true or false' });
      return z.NEVER;
    }
    return [{ when: c.when, eq: String(c.eq ?? ''), show: c.show === true || c.show === 'true' }];
  });

const shown = {
  hidden: flag,
  conditional: conditional.optional(),
};

const baseValidate = z.looseObject({ required: flag, customMessage: text });

const base = z.looseObject({
  ...shown,
  key: z.string().regex(keyPattern, 'is not a safe key (letters, digits, "_" and "-", parts joined by ".")'),
  label: z.string().transform(plainText).pipe(z.string().min(1, 'a field needs a label')),
  description: text,
  tooltip: text,
  disabled: flag,
  defaultValue: z.unknown().optional(),
  validate: baseValidate.optional(),
});

const pattern = text.transform((source, ctx) => {
  if (source === undefined) return undefined;
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a valid regular expression' });
    return z.NEVER;
  }
});

const textLike = base.extend({
  validate: baseValidate.extend({ minLength: count, maxLength: count, pattern }).optional(),
  autocomplete: text,
});

const options = z
  .array(z.looseObject({ label: z.string(), value: z.string().min(1) }))
  .min(1, 'needs at least one option')
  .transform((list) => list.map((option): Option => ({ value: option.value, label: plainText(option.label) || option.value })))
  .refine((list) => new Set(list.map((option) => option.value)).size === list.length, 'has two options with the same value');

/** A date setting of Form.io's date picker (a date or an ISO date-time) → YYYY-MM-DD. */
const isoDate = text.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}(?=T|$)/.exec(value)?.[0];
  if (!date) ctx.addIssue({ code: 'custom', message: 'is not a date (YYYY-MM-DD)' });
  return date;
});

type Specific<T> = T extends InputModel ? Omit<T, keyof InputCommon> : never;
type InputSchema = z.ZodType<{ common: z.output<typeof base>; specific: Specific<InputModel> }>;

const input = <S extends z.ZodObject>(schema: S, specific: (c: z.output<S>) => Specific<InputModel>): InputSchema =>
  schema.transform((c) => ({ common: c as z.output<typeof base>, specific: specific(c) }));

const textRules = (v: TextRules | undefined): TextRules => ({ minLength: v?.minLength, maxLength: v?.maxLength, pattern: v?.pattern });

/** A size as Form.io writes it ("10MB", "500 KB", "1GB") → bytes. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!match) return undefined;
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.round(Number(match[1]!.replace(',', '.')) * factor);
}

const size = text.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const bytes = parseSize(value);
  if (bytes === undefined) ctx.addIssue({ code: 'custom', message: 'is not a file size (such as "10MB")' });
  return bytes;
});

const fileSchema = base.extend({
  multiple: flag,
  multipleFiles: flag,
  maxNumberOfFiles: count,
  fileMaxSize: size,
  filePattern: text,
  file: z.looseObject({ type: z.array(z.string()).optional() }).nullish(),
  informatieobjecttype: text,
  registration: z.looseObject({ informatieobjecttype: text }).nullish(),
});

/** What a file field accepts: Open Formulieren's file.type, else the filePattern ("*" is anything). */
function acceptOf(c: z.output<typeof fileSchema>): string[] {
  const listed = c.file?.type?.filter((type) => type !== '' && type !== '*') ?? [];
  if (listed.length > 0) return listed;
  return (c.filePattern ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== '*');
}

const fileInput = (submitAs: FileModel['submitAs']) =>
  input(fileSchema, (c) => ({
    kind: 'file',
    submitAs,
    multiple: c.multiple === true || c.multipleFiles === true,
    maxFiles: c.maxNumberOfFiles || undefined,
    maxBytes: c.fileMaxSize,
    accept: acceptOf(c),
    informatieobjecttype: c.informatieobjecttype ?? c.registration?.informatieobjecttype,
  }));

const numberSchema = base.extend({
  validate: baseValidate.extend({ min: number, max: number, integer: flag }).optional(),
  decimalLimit: count,
  allowNegative: flag,
});

const numberRules = (c: z.output<typeof numberSchema>, decimals?: number) => ({
  min: c.validate?.min ?? (c.allowNegative === false ? 0 : undefined),
  max: c.validate?.max,
  decimals: c.validate?.integer ? 0 : (c.decimalLimit ?? decimals),
});

/** A time setting ("09:00" or "09:00:00") → HH:mm. */
const clock = text.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const time = /^([01]\d|2[0-3]):[0-5]\d(?=(:[0-5]\d)?$)/.exec(value)?.[0];
  if (!time) ctx.addIssue({ code: 'custom', message: 'is not a time (HH:mm)' });
  return time;
});

const relativeLimit = z.looseObject({ mode: text, includeToday: flag }).nullish();
const dateSchema = base.extend({
  enableTime: flag,
  datePicker: z.looseObject({ minDate: isoDate, maxDate: isoDate }).nullish(),
  openForms: z.looseObject({ minDate: relativeLimit, maxDate: relativeLimit }).nullish(),
});

/** Open Formulieren's limits from today: a date in the future (or from today) and in the past (or up to today). */
function relativeLimits(c: z.output<typeof dateSchema>): DateModel['relative'] {
  const min = c.openForms?.minDate?.mode === 'future' ? (c.openForms.minDate.includeToday ? 'today' : 'tomorrow') : undefined;
  const max = c.openForms?.maxDate?.mode === 'past' ? (c.openForms.maxDate.includeToday ? 'today' : 'yesterday') : undefined;
  return min || max ? { min, max } : undefined;
}

/** The component types Voordeur renders itself, each with what it takes from the definition. */
const inputTypes: Record<string, InputSchema> = {
  textfield: input(textLike, (c) => ({ kind: 'text', ...textRules(c.validate), autocomplete: c.autocomplete })),
  email: input(textLike, (c) => ({ kind: 'email', ...textRules(c.validate), autocomplete: c.autocomplete ?? 'email' })),
  phoneNumber: input(textLike, (c) => ({ kind: 'phone', ...textRules(c.validate), autocomplete: c.autocomplete ?? 'tel' })),
  postcode: input(textLike, (c) => ({ kind: 'postcode', ...textRules(c.validate), autocomplete: c.autocomplete ?? 'postal-code' })),
  iban: input(textLike, (c) => ({ kind: 'iban', ...textRules(c.validate), autocomplete: c.autocomplete })),
  bsn: input(textLike, (c) => ({ kind: 'bsn', ...textRules(c.validate), autocomplete: c.autocomplete })),
  textarea: input(textLike.extend({ rows: count }), (c) => ({ kind: 'textarea', ...textRules(c.validate), rows: c.rows })),
  number: input(numberSchema, (c) => ({ kind: 'number', ...numberRules(c) })),
  currency: input(numberSchema, (c) => ({ kind: 'currency', ...numberRules(c, 2) })),
  // Form.io's datetime has a time unless enableTime is false; Open Formulieren's date never has one.
  datetime: input(dateSchema, (c) => ({
    kind: c.enableTime === false ? 'date' : 'datetime',
    min: c.datePicker?.minDate,
    max: c.datePicker?.maxDate,
    relative: relativeLimits(c),
  })),
  date: input(dateSchema, (c) => ({ kind: 'date', min: c.datePicker?.minDate, max: c.datePicker?.maxDate, relative: relativeLimits(c) })),
  time: input(base.extend({ dataFormat: text, validate: baseValidate.extend({ minTime: clock, maxTime: clock }).optional() }), (c) => ({
    kind: 'time',
    min: c.validate?.minTime,
    max: c.validate?.maxTime,
    seconds: c.dataFormat === 'HH:mm:ss',
  })),
  day: input(base, () => ({ kind: 'date' })),
  select: input(base.extend({ data: z.looseObject({ values: options }) }), (c) => ({ kind: 'select', options: c.data.values })),
  radio: input(base.extend({ values: options }), (c) => ({ kind: 'radio', options: c.values })),
  selectboxes: input(base.extend({ values: options, validate: baseValidate.extend({ minSelectedCount: count, maxSelectedCount: count }).optional() }), (c) => ({
    kind: 'checkboxes',
    options: c.values,
    minSelected: c.validate?.minSelectedCount || undefined,
    maxSelected: c.validate?.maxSelectedCount || undefined,
  })),
  checkbox: input(base, () => ({ kind: 'checkbox' })),
  file: fileInput('files'),
  // A hidden component often has no label of its own: its key stands in (it is never shown).
  hidden: input(base.extend({ label: z.string().optional() }), () => ({ kind: 'hidden' })),
  portalFileUpload: fileInput('urls'),
};

/** Types whose `multiple` means several files, which Voordeur supports. */
const fileTypes = new Set(['file', 'portalFileUpload']);

const container = z.looseObject({
  ...shown,
  disabled: flag,
  title: text,
  legend: text,
  label: text,
  hideLabel: z.union([z.boolean(), z.enum(['true', 'false'])]).nullish(),
  components: z.array(z.unknown()).optional(),
});
/** A Form.io container: its fields' data is nested under its key. */
const dataContainer = container.extend({ key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'is not a safe key (letters, digits, "_" and "-")') });
const columns = z.looseObject({ ...shown, columns: z.array(z.looseObject({ components: z.array(z.unknown()) })) });
/** content (html) and htmlelement (tag and content). */
const staticText = z.looseObject({ ...shown, html: text, tag: text, content: text });

const formSchema = z.looseObject({ display: text, components: z.array(z.unknown()) });

// ---------------------------------------------------------------------------------------------
// What makes a form unsupported

const isSet = (value: unknown) =>
  value !== undefined &&
  value !== null &&
  value !== '' &&
  value !== false &&
  !(Array.isArray(value) && value.length === 0) &&
  !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

const at = (component: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), component);

/** Settings Voordeur cannot honour, on any component; set, they make the form unsupported. */
const unsupportedSettings: [path: string, what: string][] = [
  ['calculateValue', 'a calculated value'],
  ['customDefaultValue', 'a default value computed by JavaScript'],
  ['customConditional', 'a JavaScript condition'],
  ['conditional.json', 'a JSONLogic condition'],
  ['conditional.conditions', 'a condition with a list of conditions'],
  ['logic', 'field logic'],
  ['multiple', 'multiple values'],
  ['unique', 'a unique value'],
  ['validate.custom', 'custom JavaScript validation'],
  ['validate.json', 'JSONLogic validation'],
  ['validate.plugins', 'validation by an Open Formulieren plugin'],
  ['validate.minWords', 'a minimum number of words'],
  ['validate.maxWords', 'a maximum number of words'],
];

/** What a component of this type has set that Voordeur cannot honour. */
function unsupportedTypeSettings(type: string, c: Record<string, unknown>): string[] {
  const found: string[] = [];
  const when = (test: boolean, what: string) => test && found.push(what);
  if (type === 'textfield') when(isSet(c.inputMask), 'an input mask');
  if (type === 'textarea') when(isSet(c.editor) || isSet(c.wysiwyg) || (isSet(c.as) && c.as !== 'string'), 'a rich text editor');
  if (type === 'select') when(isSet(c.dataSrc) && c.dataSrc !== 'values', `options from "${String(c.dataSrc)}" (only data.values)`);
  if (type === 'datetime' || type === 'date') {
    when(c.enableDate === false, 'a time without a date');
    for (const limit of ['minDate', 'maxDate'])
      when(at(c, `openForms.${limit}.mode`) === 'relativeToVariable', `a ${limit === 'minDate' ? 'first' : 'last'} date relative to another field`);
    for (const setting of ['disable', 'disableFunction', 'disableWeekends', 'disableWeekdays'])
      when(isSet(at(c, `datePicker.${setting}`)), `datePicker.${setting}`);
  }
  if (type === 'day') for (const part of ['day', 'month', 'year']) when(isSet(at(c, `fields.${part}.hide`)), `a date without a ${part}`);
  if (type === 'checkbox') when(c.inputType === 'radio', 'a checkbox as a radio button');
  if (type !== 'selectboxes') for (const setting of ['minSelectedCount', 'maxSelectedCount']) when(isSet(at(c, `validate.${setting}`)), `validate.${setting}`);
  if (fileTypes.has(type)) {
    when(c.image === true, 'an image upload');
    when(c.webcam === true, 'a webcam photo');
    when(typeof c.storage === 'string' && c.storage === 'base64', 'files stored in the submission (storage base64)');
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Parsing

const describe = (component: Record<string, unknown>) =>
  typeof component.key === 'string' ? `${String(component.type)} "${component.key}"` : String(component.type);

const issues = (where: string, error: z.ZodError) =>
  error.issues.map((issue) => `${where}: ${issue.path.length ? `${issue.path.join('.')} ` : ''}${issue.message}`);

const parsedForms = new WeakMap<object, ParsedForm>();

/**
 * parseForm, once per definition object: the taken service keeps each definition for a few
 * minutes (one object per form URL), and every taak page and every sent form would otherwise
 * parse it again (zod and the checks: ~1 ms per page, bench/pages.ts). Held weakly, so a
 * definition the service let go of takes its parsed form with it.
 */
export function parseFormOnce(definition: unknown): ParsedForm {
  if (definition === null || typeof definition !== 'object') return parseForm(definition);
  let parsed = parsedForms.get(definition);
  if (!parsed) {
    parsed = parseForm(definition);
    parsedForms.set(definition, parsed);
  }
  return parsed;
}

/** Parses a Form.io form definition; unsupported with the reasons (for the log, not for the person). */
export function parseForm(definition: unknown): ParsedForm {
  const form = formSchema.safeParse(definition);
  if (!form.success) return { supported: false, reasons: ['not a Form.io form definition', ...issues('form', form.error)] };
  const reasons: string[] = [];
  const display = form.data.display ?? 'form';
  const fields: FieldModel[] = [];
  const root: Around = { hidden: false, conditions: [], disabled: false, prefix: '' };
  if (display === 'form') collect(form.data.components, root, fields, reasons);
  else if (display === 'wizard') {
    // A wizard's pages are its panels. Without JavaScript they are shown on one page, one after the other, each as a step.
    const pages = form.data.components.filter((component) => (component as { type?: unknown } | null)?.type !== 'button');
    if (pages.some((page) => (page as { type?: unknown } | null)?.type !== 'panel')) reasons.push('a wizard has components outside its pages (panels)');
    else pages.forEach((page, index) => collect([page], { ...root, step: { number: index + 1, count: pages.length } }, fields, reasons));
  } else reasons.push(`display "${display}" is not supported (only "form" and "wizard")`);
  if (reasons.length === 0) reasons.push(...checkKeys(fields), ...checkConditions(fields));
  if (reasons.length === 0 && !fields.some(isInput)) reasons.push('the form has no fields to fill in');
  return reasons.length > 0 ? { supported: false, reasons } : { supported: true, form: { fields } };
}

/**
 * Open Formulieren's addressNL as the container of its parts, as it submits them: {postcode,
 * houseNumber, houseLetter, houseNumberAddition} and, when the address is derived from the BAG
 * (deriveAddress), streetName and city, which Voordeur asks for (it does not look them up).
 */
function addressContainer(component: Record<string, unknown>): Record<string, unknown> {
  const required = at(component, 'validate.required') === true;
  const part = (key: string, label: string, extra: Record<string, unknown> = {}) => ({ type: 'textfield', key, label, input: true, ...extra });
  return {
    type: 'container',
    key: component.key,
    label: component.label,
    hideLabel: false,
    hidden: component.hidden,
    disabled: component.disabled,
    conditional: component.conditional,
    components: [
      { type: 'postcode', key: 'postcode', label: 'Postcode', input: true, validate: { required } },
      part('houseNumber', 'Huisnummer', {
        validate: { required, pattern: '[1-9][0-9]{0,4}', customMessage: 'Vul bij ‘Huisnummer’ alleen het nummer in, zoals 12.' },
      }),
      part('houseLetter', 'Huisletter', { validate: { pattern: '[a-zA-Z]', customMessage: 'Vul bij ‘Huisletter’ één letter in, zoals A.' } }),
      part('houseNumberAddition', 'Huisnummertoevoeging', {
        validate: { pattern: '[a-zA-Z0-9]{1,4}', customMessage: 'Vul bij ‘Huisnummertoevoeging’ hoogstens 4 letters of cijfers in.' },
      }),
      ...(component.deriveAddress === true
        ? [part('streetName', 'Straatnaam', { validate: { required } }), part('city', 'Plaats', { validate: { required }, autocomplete: 'address-level2' })]
        : []),
    ],
  };
}

/** What a component inherits from the components around it. */
interface Around extends Shown {
  /** Inside a disabled panel or container. */
  disabled: boolean;
  /** The keys of the data containers around it, each with a dot ("aanvrager.adres."). */
  prefix: string;
  /** For the panel that is a page of a wizard. */
  step?: ContentModel['step'];
}

/** Adds the fields of `components` to `fields` in order, with what they inherit from their containers. */
function collect(components: unknown[], around: Around, fields: FieldModel[], reasons: string[]): void {
  for (const raw of components) {
    if (raw === null || typeof raw !== 'object' || typeof (raw as { type?: unknown }).type !== 'string') {
      reasons.push('a component without a type');
      continue;
    }
    const component = raw as Record<string, unknown>;
    const type = component.type as string;
    const where = describe(component);
    if (type === 'button') continue; // Voordeur renders its own submit button.

    const unsupported = [
      ...unsupportedSettings.filter(([path]) => isSet(at(component, path)) && !(path === 'multiple' && fileTypes.has(type))).map(([, what]) => what),
      ...unsupportedTypeSettings(type, component),
    ];
    if (unsupported.length > 0) {
      reasons.push(...unsupported.map((what) => `${where}: ${what} is not supported`));
      continue;
    }

    // A condition's `when` is looked up in the containers around the component first (Form.io's row data).
    const inherit = (own: { hidden?: boolean; conditional?: Condition[]; disabled?: boolean }, prefix = around.prefix): Around => ({
      hidden: around.hidden || own.hidden === true,
      conditions: [...around.conditions, ...(own.conditional ?? []).map((condition) => ({ ...condition, scope: around.prefix }))],
      disabled: around.disabled || own.disabled === true,
      prefix,
    });
    const shownOf = ({ hidden, conditions }: Around): Shown => ({ hidden, conditions });

    if (type === 'addressNL') {
      // Open Formulieren's Dutch address: a container of its parts, with its label as a heading.
      collect([addressContainer(component)], around, fields, reasons);
    } else if (type === 'panel' || type === 'fieldset' || type === 'container') {
      const parsed = (type === 'container' ? dataContainer : container).safeParse(component);
      if (!parsed.success) {
        reasons.push(...issues(where, parsed.error));
        continue;
      }
      const key = type === 'container' ? (parsed.data as z.output<typeof dataContainer>).key : undefined;
      const inner = inherit(parsed.data, key ? `${around.prefix}${key}.` : around.prefix);
      // A container's label is shown only when the definition says so (Form.io hides it by default).
      const showLabel = parsed.data.hideLabel === false || parsed.data.hideLabel === 'false';
      const heading = plainText((type === 'panel' ? parsed.data.title : type === 'fieldset' ? parsed.data.legend : showLabel ? parsed.data.label : '') ?? '');
      if (around.step) fields.push({ kind: 'content', heading: heading || undefined, step: around.step, paragraphs: [], ...shownOf(inner) });
      else if (heading) fields.push({ kind: 'content', heading, paragraphs: [], ...shownOf(inner) });
      collect(parsed.data.components ?? [], inner, fields, reasons);
    } else if (type === 'columns') {
      const parsed = columns.safeParse(component);
      if (!parsed.success) reasons.push(...issues(where, parsed.error));
      else for (const column of parsed.data.columns) collect(column.components, inherit(parsed.data), fields, reasons);
    } else if (type === 'content' || type === 'htmlelement') {
      const parsed = staticText.safeParse(component);
      if (!parsed.success) {
        reasons.push(...issues(where, parsed.error));
        continue;
      }
      const paragraphs = htmlToParagraphs((type === 'content' ? parsed.data.html : parsed.data.content) ?? '');
      if (paragraphs.length === 0) continue;
      const code = paragraphs.flatMap(codeIn);
      if (code.length > 0) {
        reasons.push(`${where}: text with code in it (${code[0]!.slice(0, 60)}) is not supported (only {{ data.<key> }})`);
        continue;
      }
      const isHeading = type === 'htmlelement' && /^h[1-6]$/i.test(parsed.data.tag ?? '');
      const shownAs = shownOf(inherit(parsed.data));
      fields.push(isHeading ? { kind: 'content', heading: paragraphs.join(' '), paragraphs: [], ...shownAs } : { kind: 'content', paragraphs, ...shownAs });
    } else {
      const schema = inputTypes[type];
      if (!schema) {
        reasons.push(`${where}: type "${type}" is not supported`);
        continue;
      }
      const parsed = schema.safeParse(component);
      if (!parsed.success) {
        reasons.push(...issues(where, parsed.error));
        continue;
      }
      const { common: c, specific } = parsed.data;
      const description = [c.description, c.tooltip]
        .map((part) => plainText(part ?? ''))
        .filter(Boolean)
        .join(' ');
      if (/\{\{/.test(`${c.label} ${description}`)) {
        reasons.push(`${where}: a label or description with {{ … }} is not supported (only the text of content can show data)`);
        continue;
      }
      const key = `${around.prefix}${c.key}`;
      if (!c.label) c.label = key;
      const inner = inherit(c);
      fields.push({
        key,
        id: fieldId(key),
        label: c.label,
        description: description || undefined,
        required: c.validate?.required === true,
        disabled: inner.disabled,
        customMessage: c.validate?.customMessage,
        defaultValue: c.defaultValue,
        ...shownOf(inner),
        ...specific,
      } as InputModel);
    }
  }
}

/** Keys must be unique, and no key may be both a value and the object of another ("a" and "a.b"). */
function checkKeys(fields: FieldModel[]): string[] {
  const keys = fields.filter(isInput).map((field) => field.key);
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) reasons.push(`key "${key}" is used more than once`);
    seen.add(key);
  }
  for (const key of seen) {
    const nested = keys.find((other) => other.startsWith(`${key}.`));
    if (nested) reasons.push(`key "${key}" is both a field and the object of "${nested}"`);
  }
  return reasons;
}

/**
 * Conditions must refer to a field before them (so they can be evaluated in order, without
 * loops), and compare with something that field can have.
 */
function checkConditions(fields: FieldModel[]): string[] {
  const reasons: string[] = [];
  fields.forEach((field, index) => {
    const where = isInput(field) ? `"${field.key}"` : `content "${field.heading ?? field.paragraphs[0]?.slice(0, 30)}"`;
    const before = fields.slice(0, index).filter(isInput);
    // `when` in the containers around the conditional component, innermost first, then as a full key.
    field.conditions = field.conditions.map(({ scope, ...condition }) => {
      const parts = (scope ?? '').split('.').filter(Boolean);
      for (let n = parts.length; n > 0; n--) {
        const key = `${parts.slice(0, n).join('.')}.${condition.when}`;
        if (before.some((other) => other.key === key)) return { ...condition, when: key };
      }
      return condition;
    });
    for (const condition of field.conditions) {
      const controller = before.find((other) => other.key === condition.when);
      // A path into the value of a field the person cannot change (a hidden component holding an object).
      if (!controller && before.some((other) => isFixed(other) && condition.when.startsWith(`${other.key}.`))) continue;
      if (!controller) {
        reasons.push(`${where}: its condition refers to "${condition.when}", which is not a field before it`);
      } else if ('options' in controller && !controller.options.some((option) => option.value === condition.eq)) {
        reasons.push(`${where}: its condition compares "${condition.when}" with "${condition.eq}", which is not one of its options`);
      } else if (controller.kind === 'checkbox' && condition.eq !== 'true' && condition.eq !== 'false') {
        reasons.push(`${where}: its condition compares checkbox "${condition.when}" with "${condition.eq}" (only true or false)`);
      }
    }
  });
  return reasons;
}
