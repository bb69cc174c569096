/**
 * The form of an aanvraag as pages: a wizard's pages (its panels) one per page, a plain form on one
 * page; then the summary. Each page is checked with the pages before it (conditions only look at
 * fields before them, so the form up to a page stands on its own), and the whole form once more
 * when it is sent. Prefill: what the producttype's prefill mapping takes from the BRP, the KvK and
 * the person's known contact details, as the form's starting values (the person can change them).
 */
import { type ProductPrefill, type Producttype, valueAtPath } from '../../domain/aanvraag.ts';
import type { Bedrijf, Persoon } from '../../domain/persoon.ts';
import { type FieldModel, type FormModel, type InputModel, isInput } from '../../platform/formio/definition.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import type { FormValues, UploadedFile } from '../../platform/formio/validate.ts';
import type { Answers, KeptFile, KeptFileWithContent } from '../../sources/voordeur/aanvragen.ts';

export interface Page {
  /** The panel's title, when the form is a wizard. */
  title?: string;
  fields: FieldModel[];
  /** The keys of its input fields. */
  keys: string[];
}

/** The pages of a form: one per wizard page (a step heading starts one), else one. */
export function pagesOf(form: FormModel): Page[] {
  const pages: Page[] = [];
  let current: Page | undefined;
  let currentStep: number | undefined;
  for (const field of form.fields) {
    const step = field.kind === 'content' ? field.step?.number : undefined;
    if (!current || (step !== undefined && step !== currentStep)) {
      current = { title: field.kind === 'content' && step !== undefined ? field.heading : undefined, fields: [], keys: [] };
      currentStep = step;
      pages.push(current);
    }
    current.fields.push(field);
    if (isInput(field)) current.keys.push(field.key);
  }
  return pages;
}

/** The form up to and including page `number` (1-based). */
export function formUpTo(pages: Page[], number: number): FormModel {
  return { fields: pages.slice(0, number).flatMap((page) => page.fields) };
}

/** What the browser sent for the fields of one page: the strings of its inputs, nothing else. */
export function pageValues(page: Page, body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of page.fields.filter(isInput)) {
    if (field.kind === 'file') continue;
    const given = body[field.key];
    const strings = (Array.isArray(given) ? given : [given]).filter((item): item is string => typeof item === 'string');
    values[field.key] = field.kind === 'checkboxes' ? strings : (strings[0] ?? '');
  }
  return values;
}

/** The values typed on the pages up to `number`, with this page's from `current`. */
export function valuesUpTo(answers: Answers, number: number, current?: FormValues): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (let page = 1; page < number; page++) Object.assign(merged, answers.values[String(page)] ?? {});
  Object.assign(merged, current ?? answers.values[String(number)] ?? {});
  return merged;
}

/** Kept files as the validation takes them, by field (for fields where nothing new was sent). */
export function keptAsUploaded(files: KeptFileWithContent[]): Record<string, UploadedFile[]> {
  const byField: Record<string, UploadedFile[]> = {};
  for (const file of files) (byField[file.veld] ??= []).push({ name: file.name, size: file.size, formaat: file.formaat, content: file.content });
  return byField;
}

/** The data of a form without file contents: a file field holds what the person sees of its files. */
export function withoutContents(form: FormModel, data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const field of form.fields) {
    if (!isInput(field) || field.kind !== 'file') continue;
    const path = field.key.split('.');
    let holder: Record<string, unknown> | undefined = copy;
    for (const part of path.slice(0, -1)) holder = holder?.[part] as Record<string, unknown> | undefined;
    const last = path.at(-1)!;
    const files = holder?.[last];
    if (holder && Array.isArray(files))
      holder[last] = files.map((file: UploadedFile) => ({ name: file.name, size: file.size, type: file.formaat ?? 'application/octet-stream' }));
  }
  return copy;
}

/** Where prefilled values come from. */
export interface PrefillSources {
  persoon?: Persoon | null;
  bedrijf?: Bedrijf | null;
  contact?: { email?: string; telefoonnummer?: string };
  /** The product being renewed. */
  product?: ProductPrefill;
}

/** The form's starting values from the producttype's prefill mapping: field key → value (texts and numbers only). */
export function prefillFor(producttype: Producttype, sources: PrefillSources): Record<string, unknown> {
  const from = { brp: sources.persoon ?? undefined, kvk: sources.bedrijf ?? undefined, contact: sources.contact, product: sources.product };
  const prefill: Record<string, unknown> = {};
  const put = (field: string, value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') prefill[field] = value.trim();
    else if (typeof value === 'number') prefill[field] = String(value);
  };
  // The product's data by key, for the fields the mapping does not name (the mapping's value wins).
  const mapped = new Set(producttype.prefill.map((entry) => entry.field));
  for (const [key, value] of Object.entries(sources.product?.data ?? {})) if (!mapped.has(key)) put(key, value);
  for (const { field, bron, path } of producttype.prefill) put(field, valueAtPath(from[bron], path));
  return prefill;
}

/** A submitted value as a person reads it: the label of a choice, Ja/Nee, a date in words, file names. */
export function displayValue(field: InputModel, value: unknown, t: Translate, lang: Lang): string {
  if (value === undefined || value === null || value === '') return t('aanvragen.samenvatting.leeg');
  switch (field.kind) {
    case 'checkbox':
      return value === true ? t('aanvragen.ja') : t('aanvragen.nee');
    case 'select':
    case 'radio':
      return field.options.find((option) => option.value === value)?.label ?? String(value);
    case 'checkboxes': {
      const chosen = value && typeof value === 'object' ? Object.entries(value as Record<string, unknown>).filter(([, on]) => on === true) : [];
      if (chosen.length === 0) return t('aanvragen.samenvatting.leeg');
      return chosen.map(([key]) => field.options.find((option) => option.value === key)?.label ?? key).join(', ');
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(lang, value) : String(value);
    case 'file':
      return Array.isArray(value) && value.length > 0
        ? value.map((file) => (file && typeof file === 'object' ? String((file as { name?: unknown }).name ?? '') : String(file))).join(', ')
        : t('aanvragen.samenvatting.geenBestanden');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The files kept for one field. */
export const filesOf = (files: KeptFile[], key: string) => files.filter((file) => file.veld === key);
