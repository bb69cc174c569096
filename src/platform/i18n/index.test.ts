import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { compileTemplate, languages, translator, type MessageKey } from './index.ts';
import { nl } from './nl.ts';

/** What the translator did before its templates were compiled once (issue 19): a regular expression replace per call. */
function replaced(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

describe('translator', () => {
  it('fills in parameters in Dutch and English as before', () => {
    const nlT = translator('nl');
    const enT = translator('en');
    expect(nlT('shell.loggedInAs', { name: 'Suzanne de Vries' })).toBe('Ingelogd als Suzanne de Vries');
    expect(enT('shell.loggedInAs', { name: 'Suzanne de Vries' })).toBe('Logged in as Suzanne de Vries');
    expect(nlT('zaken.count', { n: 50 })).toBe('50 zaken');
    expect(enT('zaken.count', { n: 50 })).toBe('50 cases');
    expect(nlT('zaken.late.row', { datum: '28 november 2026' })).toBe('Te laat: uiterlijk klaar was 28 november 2026');
    expect(enT('zaken.late.row', { datum: '28 November 2026' })).toBe('Late: it had to be done by 28 November 2026');
    // Text without parameters, and a value with what a replacement string would treat specially.
    expect(nlT('shell.logout')).toBe('Uitloggen');
    expect(nlT('shell.loggedInAs', { name: "$& $' $1 {name}" })).toBe("Ingelogd als $& $' $1 {name}");
    // A placeholder without a value stays; other parameters are ignored.
    expect(nlT('shell.loggedInAs', { other: 1 })).toBe('Ingelogd als {name}');
    expect(nlT('shell.loggedInAs', {})).toBe('Ingelogd als {name}');
  });

  it('gives every text of both languages exactly what the regular expression replace gave', () => {
    for (const lang of languages) {
      const t = translator(lang);
      for (const [key, text] of Object.entries(lang === 'nl' ? nl : en)) {
        const names = [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
        const all = Object.fromEntries(names.map((name, i) => [name, i % 2 ? i : `«${name}»`]));
        const some = Object.fromEntries(names.slice(1).map((name) => [name, `$${name}$`]));
        expect(t(key as MessageKey, all), `${lang} ${key}`).toBe(replaced(text, all));
        expect(t(key as MessageKey, some), `${lang} ${key}`).toBe(replaced(text, some));
        expect(t(key as MessageKey), `${lang} ${key}`).toBe(text);
      }
    }
  });

  it('splits a text at its placeholders', () => {
    expect(compileTemplate('{n} zaken')).toEqual(['', 'n', ' zaken']);
    expect(compileTemplate('Geen')).toEqual(['Geen']);
    expect(compileTemplate('{a}{b}')).toEqual(['', 'a', '', 'b', '']);
    expect(compileTemplate('{ a } {b-c}')).toEqual(['{ a } {b-c}']);
  });
});
