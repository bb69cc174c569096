import { en } from './en.ts';
import { nl, type MessageKey } from './nl.ts';

export type Lang = 'nl' | 'en';
export type { MessageKey };
export const languages: readonly Lang[] = ['nl', 'en'];
export const LANG_COOKIE = 'voordeur_lang';

const catalogues: Record<Lang, Record<MessageKey, string>> = { nl, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'en';
}

/**
 * A text split at its placeholders, once: literal, name, literal, name, …, literal (odd length;
 * one part when it has none). Filling these in costs a page far less than a regular expression
 * replace on every call (a Mijn zaken page calls the translator ~100 times, issue 19).
 */
export function compileTemplate(text: string): readonly string[] {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    parts.push(text.slice(last, match.index), match[1]!);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** Each text's template, made once per language. */
const compiled = new Map<Lang, Record<string, readonly string[]>>();
function templatesOf(lang: Lang): Record<string, readonly string[]> {
  let templates = compiled.get(lang);
  if (!templates) {
    templates = Object.create(null) as Record<string, readonly string[]>;
    for (const [key, text] of Object.entries(catalogues[lang])) templates[key] = compileTemplate(text);
    compiled.set(lang, templates);
  }
  return templates;
}

export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  const templates = templatesOf(lang);
  return (key, params) => {
    const text = catalogue[key];
    if (!params) return text;
    const parts = templates[key]!;
    if (parts.length === 1) return text;
    // A placeholder without a value stays as it is written.
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return out;
  };
}

/**
 * A heading or page name as it reads inside a sentence: "Lopende zaken" in "Paginering van
 * lopende zaken". Its first letter becomes small, unless its first word has another capital
 * (an abbreviation or a name such as "BSN", "KvK-gegevens", "DigiD").
 */
export function midSentence(name: string): string {
  const [firstWord = ''] = name.split(/\s/, 1);
  if (firstWord.slice(1) !== firstWord.slice(1).toLowerCase()) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}
