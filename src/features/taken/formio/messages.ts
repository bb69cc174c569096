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
type Wording = (label: string, kind: InputModel['kind'], params: Params, format: (value: string | number | undefined) => string) => string;

const nl: Record<FormError['code'], Wording> = {
  required: (l, kind) =>
    kind === 'checkbox'
      ? `Vink ${l} aan.`
      : kind === 'checkboxes'
        ? `Kies bij ${l} minstens één antwoord.`
        : kind === 'select' || kind === 'radio'
          ? `Kies bij ${l} een antwoord.`
          : kind === 'file'
            ? `Voeg bij ${l} een bestand toe.`
            : `Vul ${l} in.`,
  minLength: (l, _, p) => `Vul bij ${l} minstens ${p.minLength} tekens in. U heeft er nu ${p.length}.`,
  maxLength: (l, _, p) => `Vul bij ${l} hoogstens ${p.maxLength} tekens in. U heeft er nu ${p.length}.`,
  pattern: (l) => `Controleer wat u bij ${l} heeft ingevuld. Het heeft niet de goede vorm.`,
  min: (l, kind, p, f) =>
    kind === 'time'
      ? `Vul bij ${l} een tijd in van ${p.min} of later.`
      : kind === 'date' || kind === 'datetime'
        ? `Vul bij ${l} een datum in op of na ${f(p.min)}.`
        : `Vul bij ${l} een getal in van ${f(p.min)} of meer.`,
  max: (l, kind, p, f) =>
    kind === 'time'
      ? `Vul bij ${l} een tijd in van ${p.max} of eerder.`
      : kind === 'date' || kind === 'datetime'
        ? `Vul bij ${l} een datum in op of voor ${f(p.max)}.`
        : `Vul bij ${l} een getal in van ${f(p.max)} of minder.`,
  number: (l, _, p) =>
    p.decimals === 0
      ? `Vul bij ${l} een heel getal in, zonder komma.`
      : p.decimals !== undefined
        ? `Vul bij ${l} een getal in met hoogstens ${p.decimals} cijfers achter de komma.`
        : `Vul bij ${l} een getal in, bijvoorbeeld 12 of 12,50.`,
  date: (l) => `Vul bij ${l} een geldige datum in, bijvoorbeeld 17-3-2025.`,
  datetime: (l) => `Vul bij ${l} een geldige datum en tijd in, bijvoorbeeld 17-3-2025 14:30.`,
  time: (l) => `Vul bij ${l} een geldige tijd in, bijvoorbeeld 14:30.`,
  email: (l) => `Vul bij ${l} een geldig e-mailadres in, zoals naam@voorbeeld.nl.`,
  phone: (l) => `Vul bij ${l} een geldig telefoonnummer in, zoals 06 12345678.`,
  postcode: (l) => `Vul bij ${l} een geldige postcode in, zoals 1234 AB.`,
  iban: (l) => `Vul bij ${l} een geldig IBAN in, zoals NL91 ABNA 0417 1643 00. Controleer of u geen cijfer verkeerd heeft getypt.`,
  bsn: (l) => `Vul bij ${l} een geldig burgerservicenummer (BSN) in. Dat zijn 9 cijfers. Controleer of u geen cijfer verkeerd heeft getypt.`,
  option: (l) => `Kies bij ${l} een van de antwoorden uit de lijst.`,
  minSelected: (l, _, p) => `Kies bij ${l} minstens ${p.min} antwoorden.`,
  maxSelected: (l, _, p) => (p.max === 1 ? `Kies bij ${l} één antwoord.` : `Kies bij ${l} hoogstens ${p.max} antwoorden.`),
  fileType: (l, _, p) => `Het bestand ‘${p.name}’ bij ${l} kunt u hier niet versturen. Kies een bestand van het type ${p.detail}.`,
  fileSize: (l, _, p) => `Het bestand ‘${p.name}’ bij ${l} is te groot. Een bestand mag hoogstens ${p.detail} zijn.`,
  fileEmpty: (l, _, p) => `Het bestand ‘${p.name}’ bij ${l} is leeg. Kies een ander bestand.`,
  fileCount: (l, _, p) => (p.max === 1 ? `Kies bij ${l} één bestand.` : `Kies bij ${l} hoogstens ${p.max} bestanden. U heeft er nu ${p.count}.`),
};

const en: Record<FormError['code'], Wording> = {
  required: (l, kind) =>
    kind === 'checkbox'
      ? `Tick ${l}.`
      : kind === 'checkboxes'
        ? `Choose at least one answer for ${l}.`
        : kind === 'select' || kind === 'radio'
          ? `Choose an answer for ${l}.`
          : kind === 'file'
            ? `Add a file for ${l}.`
            : `Enter ${l}.`,
  minLength: (l, _, p) => `Enter at least ${p.minLength} characters for ${l}. You have entered ${p.length}.`,
  maxLength: (l, _, p) => `Enter at most ${p.maxLength} characters for ${l}. You have entered ${p.length}.`,
  pattern: (l) => `Check what you entered for ${l}. It is not in the right format.`,
  min: (l, kind, p, f) =>
    kind === 'time'
      ? `Enter a time of ${p.min} or later for ${l}.`
      : kind === 'date' || kind === 'datetime'
        ? `Enter a date on or after ${f(p.min)} for ${l}.`
        : `Enter a number of ${f(p.min)} or more for ${l}.`,
  max: (l, kind, p, f) =>
    kind === 'time'
      ? `Enter a time of ${p.max} or earlier for ${l}.`
      : kind === 'date' || kind === 'datetime'
        ? `Enter a date on or before ${f(p.max)} for ${l}.`
        : `Enter a number of ${f(p.max)} or less for ${l}.`,
  number: (l, _, p) =>
    p.decimals === 0
      ? `Enter a whole number for ${l}.`
      : p.decimals !== undefined
        ? `Enter a number with at most ${p.decimals} decimals for ${l}.`
        : `Enter a number for ${l}, for example 12 or 12.50.`,
  date: (l) => `Enter a real date for ${l}, for example 17-3-2025.`,
  datetime: (l) => `Enter a real date and time for ${l}, for example 17-3-2025 14:30.`,
  time: (l) => `Enter a real time for ${l}, for example 14:30.`,
  email: (l) => `Enter a valid email address for ${l}, like name@example.com.`,
  phone: (l) => `Enter a valid phone number for ${l}, like 06 12345678.`,
  postcode: (l) => `Enter a valid Dutch postcode for ${l}, like 1234 AB.`,
  iban: (l) => `Enter a valid IBAN for ${l}, like NL91 ABNA 0417 1643 00. Check that no digit is mistyped.`,
  bsn: (l) => `Enter a valid citizen service number (BSN) for ${l}: 9 digits. Check that no digit is mistyped.`,
  option: (l) => `Choose one of the answers in the list for ${l}.`,
  minSelected: (l, _, p) => `Choose at least ${p.min} answers for ${l}.`,
  maxSelected: (l, _, p) => (p.max === 1 ? `Choose one answer for ${l}.` : `Choose at most ${p.max} answers for ${l}.`),
  fileType: (l, _, p) => `The file ‘${p.name}’ for ${l} cannot be sent here. Choose a file of type ${p.detail}.`,
  fileSize: (l, _, p) => `The file ‘${p.name}’ for ${l} is too large. A file may be at most ${p.detail}.`,
  fileEmpty: (l, _, p) => `The file ‘${p.name}’ for ${l} is empty. Choose another file.`,
  fileCount: (l, _, p) => (p.max === 1 ? `Choose one file for ${l}.` : `Choose at most ${p.max} files for ${l}. You have chosen ${p.count}.`),
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
      files: ({ multiple, maxFiles, types, size }) =>
        `${multiple ? (maxFiles ? `U kunt hoogstens ${maxFiles} bestanden kiezen.` : 'U kunt meer bestanden tegelijk kiezen.') : 'Kies één bestand.'} Toegestaan: ${types}. Hoogstens ${size} per bestand.`,
      filesSent: (count) => (count === 0 ? 'Geen bestanden' : count === 1 ? '1 bestand verstuurd' : `${count} bestanden verstuurd`),
      dateTimeHint: 'Datum en tijd, bijvoorbeeld 17-3-2025 14:30.',
      step: (number, count, title) => `Stap ${number} van ${count}${title ? `: ${title}` : ''}`,
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
    files: ({ multiple, maxFiles, types, size }) =>
      `${multiple ? (maxFiles ? `You can choose up to ${maxFiles} files.` : 'You can choose several files at once.') : 'Choose one file.'} Allowed: ${types}. At most ${size} per file.`,
    filesSent: (count) => (count === 0 ? 'No files' : count === 1 ? '1 file sent' : `${count} files sent`),
    dateTimeHint: 'Date and time, for example 17-3-2025 14:30.',
    step: (number, count, title) => `Step ${number} of ${count}${title ? `: ${title}` : ''}`,
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
