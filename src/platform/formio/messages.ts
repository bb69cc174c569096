/**
 * The texts of a form in Dutch (B1) and English, from the app's catalogue (the `formio.*` keys of
 * platform/i18n): an error message per error code with the field's label, the "(verplicht)"
 * marker, the line that says when a conditional field applies, and the hints of file and date
 * fields. Which text fits (by the field's kind and the error's parameters) is decided here.
 *
 * The form's own texts (a field's label, an answer, a customMessage) are the organisation's, in
 * Dutch. Inside an English sentence they are marked lang="nl" (WCAG 3.1.2), so these texts are
 * nodes rather than strings on an English page; on a Dutch page everything is Dutch, one string.
 */
import { type ComponentChildren, h } from 'preact';
import { formatDate, numberFormat } from '../i18n/format.ts';
import { type Lang, type MessageKey, type Translate, translator } from '../i18n/index.ts';
import type { InputModel } from './definition.ts';
import type { FormError } from './validate.ts';

/** The message for a field's error; the definition's customMessage wins when there is one. */
export type FormMessage = (error: FormError, field: InputModel) => ComponentChildren;

/** When a field (or text) applies: `answer` chosen, ticked or filled in at the field `label`, or not (`negate`). */
export interface ConditionHint {
  label: string;
  answer?: string;
  action: 'choose' | 'tick' | 'fill';
  negate: boolean;
}

export interface FormTexts {
  /** After the label of a required field. */
  required: string;
  /** The empty first option of a select. */
  choose: string;
  yes: string;
  no: string;
  onlyIf(hint: ConditionHint): ComponentChildren;
  /** Under a file field: how many files, which types, how large. */
  files(rules: { multiple: boolean; maxFiles?: number; types: string; size: string }): string;
  /** Instead of a file input when a disabled file field shows what was sent before. */
  filesSent(count: number): string;
  /** After a date and time field's label. */
  dateTimeHint: string;
  /** The heading of a page of a wizard: "Stap 1 van 3: Uw gegevens". */
  step(number: number, count: number, title?: string): string;
}

const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

type Params = NonNullable<FormError['params']>;

/** Marks where a piece of Dutch data goes in a translated text: a private-use character no catalogue text has. */
const slot = (index: number) => `\uE000${index}\uE000`;

/**
 * A catalogue text with the form's Dutch data in it (`dutch`: a label, an answer), each in ‘quotes’
 * when `quote`. In Dutch one string; in English the data in spans marked lang="nl".
 */
function withDutch(
  lang: Lang,
  t: Translate,
  key: MessageKey,
  params: Record<string, string | number>,
  dutch: Record<string, string>,
  quote = false,
): ComponentChildren {
  const quoted = (text: string) => (quote ? `‘${text}’` : text);
  const names = Object.keys(dutch);
  if (lang === 'nl') return t(key, { ...params, ...Object.fromEntries(names.map((name) => [name, quoted(dutch[name]!)])) });
  const text = t(key, { ...params, ...Object.fromEntries(names.map((name, index) => [name, quoted(slot(index))])) });
  return text
    .split(/\uE000(\d+)\uE000/)
    .map((part, index) => (index % 2 === 0 ? part : h('span', { lang: 'nl' }, dutch[names[Number(part)]!]!)))
    .filter((part) => part !== '');
}

/** The catalogue key of an error's message. */
function messageKey(code: FormError['code'], kind: InputModel['kind'], params: Params): MessageKey {
  switch (code) {
    case 'required':
      if (kind === 'checkbox' || kind === 'checkboxes' || kind === 'file') return `formio.required.${kind}`;
      return kind === 'select' || kind === 'radio' ? 'formio.required.choice' : 'formio.required';
    case 'min':
    case 'max':
      return `formio.${code}.${kind === 'time' ? 'time' : kind === 'date' || kind === 'datetime' ? 'date' : 'number'}`;
    case 'number':
      return params.decimals === 0 ? 'formio.number.whole' : params.decimals !== undefined ? 'formio.number.decimals' : 'formio.number';
    case 'maxSelected':
      return params.max === 1 ? 'formio.maxSelected.one' : 'formio.maxSelected';
    case 'fileCount':
      return params.max === 1 ? 'formio.fileCount.one' : 'formio.fileCount';
    default:
      return `formio.${code}`;
  }
}

/** The error messages in one language. */
export function formMessages(lang: Lang): FormMessage {
  const t = translator(lang);
  const numbers = numberFormat(locales[lang]);
  return (error, field) => {
    if (field.customMessage) return lang === 'nl' ? field.customMessage : h('span', { lang: 'nl' }, field.customMessage);
    const params = error.params ?? {};
    // Limits as the person reads them: a number in their notation, a date in words, a time as it is.
    const limit = (value: string | number | undefined) =>
      typeof value === 'number' ? numbers.format(value) : value && field.kind !== 'time' ? formatDate(lang, value) : String(value ?? '');
    return withDutch(
      lang,
      t,
      messageKey(error.code, field.kind, params),
      {
        ...params,
        ...(params.min !== undefined ? { min: limit(params.min) } : {}),
        ...(params.max !== undefined && error.code !== 'fileCount' && error.code !== 'maxSelected' ? { max: limit(params.max) } : {}),
      },
      { label: field.label },
      true,
    );
  };
}

/** The other texts of a form in one language. */
export function formTexts(lang: Lang): FormTexts {
  const t = translator(lang);
  return {
    required: t('formio.requiredMark'),
    choose: t('formio.choose'),
    yes: t('formio.yes'),
    no: t('formio.no'),
    onlyIf: ({ label, answer, action, negate }) => {
      const kind = action === 'tick' && answer !== undefined ? 'tickAnswer' : action;
      return withDutch(lang, t, negate ? `formio.onlyIf.${kind}.not` : `formio.onlyIf.${kind}`, {}, { label, answer: answer ?? '' });
    },
    files: ({ multiple, maxFiles, types, size }) =>
      `${multiple ? (maxFiles ? t('formio.files.max', { max: maxFiles }) : t('formio.files.several')) : t('formio.files.one')} ${t('formio.files.rules', { types, size })}`,
    filesSent: (count) => (count === 0 ? t('formio.filesSent.none') : count === 1 ? t('formio.filesSent.one') : t('formio.filesSent.many', { n: count })),
    dateTimeHint: t('formio.dateTimeHint'),
    step: (number, count, title) => (title ? t('formio.step.title', { number, count, title }) : t('formio.step', { number, count })),
  };
}
