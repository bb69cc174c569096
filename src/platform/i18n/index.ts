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

export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  return (key, params) => {
    const text = catalogue[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
