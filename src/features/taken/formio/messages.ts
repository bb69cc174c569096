/**
 * The texts of a portaalformulier in Dutch (B1) and English: an error message per error code with
 * the field's label, the "(verplicht)" marker, and the line that says when a conditional field
 * applies. Kept here rather than in the app's catalogue: they belong to the Form.io renderer.
 */
import { formatDate } from '../../../platform/i18n/format.ts';
import type { Lang } from '../../../platform/i18n/index.ts';
import type { InputModel } from './definition.ts';
import type { FormError } from './validate.ts';

/** The message for a field's error; the definition's customMessage wins when there is one. */
export type FormMessage = (error: FormError, field: InputModel) => string;

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
  onlyIf(hint: ConditionHint): string;
}

const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

type Params = NonNullable<FormError['params']>;
type Wording = (label: string, kind: InputModel['kind'], params: Params, format: (value: string | number | undefined) => string) => string;

const nl: Record<FormError['code'], Wording> = {
  required: (l, kind) =>
    kind === 'checkbox'
      ? `Vink ${l} aan.`
      : kind === 'checkboxes'
        ? `Kies bij ${l} minstens één antwoord.`
        : kind === 'select' || kind === 'radio'
          ? `Kies bij ${l} een antwoord.`
          : `Vul ${l} in.`,
  minLength: (l, _, p) => `Vul bij ${l} minstens ${p.minLength} tekens in. U heeft er nu ${p.length}.`,
  maxLength: (l, _, p) => `Vul bij ${l} hoogstens ${p.maxLength} tekens in. U heeft er nu ${p.length}.`,
  pattern: (l) => `Controleer wat u bij ${l} heeft ingevuld. Het heeft niet de goede vorm.`,
  min: (l, kind, p, f) => (kind === 'date' ? `Vul bij ${l} een datum in op of na ${f(p.min)}.` : `Vul bij ${l} een getal in van ${f(p.min)} of meer.`),
  max: (l, kind, p, f) => (kind === 'date' ? `Vul bij ${l} een datum in op of voor ${f(p.max)}.` : `Vul bij ${l} een getal in van ${f(p.max)} of minder.`),
  number: (l, _, p) =>
    p.decimals === 0
      ? `Vul bij ${l} een heel getal in, zonder komma.`
      : p.decimals !== undefined
        ? `Vul bij ${l} een getal in met hoogstens ${p.decimals} cijfers achter de komma.`
        : `Vul bij ${l} een getal in, bijvoorbeeld 12 of 12,50.`,
  date: (l) => `Vul bij ${l} een geldige datum in, bijvoorbeeld 17-3-2025.`,
  email: (l) => `Vul bij ${l} een geldig e-mailadres in, zoals naam@voorbeeld.nl.`,
  phone: (l) => `Vul bij ${l} een geldig telefoonnummer in, zoals 06 12345678.`,
  option: (l) => `Kies bij ${l} een van de antwoorden uit de lijst.`,
};

const en: Record<FormError['code'], Wording> = {
  required: (l, kind) =>
    kind === 'checkbox'
      ? `Tick ${l}.`
      : kind === 'checkboxes'
        ? `Choose at least one answer for ${l}.`
        : kind === 'select' || kind === 'radio'
          ? `Choose an answer for ${l}.`
          : `Enter ${l}.`,
  minLength: (l, _, p) => `Enter at least ${p.minLength} characters for ${l}. You have entered ${p.length}.`,
  maxLength: (l, _, p) => `Enter at most ${p.maxLength} characters for ${l}. You have entered ${p.length}.`,
  pattern: (l) => `Check what you entered for ${l}. It is not in the right format.`,
  min: (l, kind, p, f) => (kind === 'date' ? `Enter a date on or after ${f(p.min)} for ${l}.` : `Enter a number of ${f(p.min)} or more for ${l}.`),
  max: (l, kind, p, f) => (kind === 'date' ? `Enter a date on or before ${f(p.max)} for ${l}.` : `Enter a number of ${f(p.max)} or less for ${l}.`),
  number: (l, _, p) =>
    p.decimals === 0
      ? `Enter a whole number for ${l}.`
      : p.decimals !== undefined
        ? `Enter a number with at most ${p.decimals} decimals for ${l}.`
        : `Enter a number for ${l}, for example 12 or 12.50.`,
  date: (l) => `Enter a real date for ${l}, for example 17-3-2025.`,
  email: (l) => `Enter a valid email address for ${l}, like name@example.com.`,
  phone: (l) => `Enter a valid phone number for ${l}, like 06 12345678.`,
  option: (l) => `Choose one of the answers in the list for ${l}.`,
};

/** The error messages in one language. */
export function formMessages(lang: Lang): FormMessage {
  const wording = lang === 'nl' ? nl : en;
  const numbers = new Intl.NumberFormat(locales[lang]);
  return (error, field) => {
    if (field.customMessage) return field.customMessage;
    const format = (value: string | number | undefined) => (typeof value === 'number' ? numbers.format(value) : value ? formatDate(lang, value) : '');
    return wording[error.code](`‘${field.label}’`, field.kind, error.params ?? {}, format);
  };
}

const not = (negate: boolean, word: string) => (negate ? `${word} ` : '');

/** The other texts of a form in one language. */
export function formTexts(lang: Lang): FormTexts {
  if (lang === 'nl') {
    return {
      required: '(verplicht)',
      choose: 'Maak een keuze',
      yes: 'Ja',
      no: 'Nee',
      onlyIf: ({ label, answer, action, negate }) =>
        action === 'choose'
          ? `Alleen als u bij ‘${label}’ ${not(negate, 'niet')}kiest voor ‘${answer}’.`
          : action === 'fill'
            ? `Alleen als u bij ‘${label}’ ${not(negate, 'niet')}‘${answer}’ invult.`
            : answer === undefined
              ? `Alleen als u ‘${label}’ ${not(negate, 'niet')}aanvinkt.`
              : `Alleen als u bij ‘${label}’ ‘${answer}’ ${not(negate, 'niet')}aanvinkt.`,
    };
  }
  return {
    required: '(required)',
    choose: 'Choose an option',
    yes: 'Yes',
    no: 'No',
    onlyIf: ({ label, answer, action, negate }) =>
      action === 'choose'
        ? `Only if you ${not(negate, 'do not')}choose ‘${answer}’ for ‘${label}’.`
        : action === 'fill'
          ? `Only if you ${not(negate, 'do not')}enter ‘${answer}’ for ‘${label}’.`
          : answer === undefined
            ? `Only if you ${not(negate, 'do not')}tick ‘${label}’.`
            : `Only if you ${not(negate, 'do not')}tick ‘${answer}’ for ‘${label}’.`,
  };
}
