/** Dates and sizes as a person reads them, in their language and in Dutch time. */
import type { Lang, Translate } from './index.ts';

const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** "14 november 2026". A plain date (YYYY-MM-DD) is taken as that calendar day. */
export function formatDate(lang: Lang, value: Date | string): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
    dateFormats.set(lang, format);
  }
  const date = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value) : value;
  return format.format(date);
}

/** "5 december 2026 om 09:14" (Dutch time). */
export function formatDateTime(lang: Lang, moment: Date): string {
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(moment);
}

/** The date as an ISO calendar day, for <time datetime>. */
export function isoDay(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** "1,4 MB", "320 kB", "12 bytes", counted in 1024s as file managers do (10485760 bytes is "10 MB"). */
export function formatBytes(lang: Lang, t: Translate, bytes: number): string {
  const number = (n: number, digits: number) => n.toLocaleString(locales[lang], { maximumFractionDigits: digits });
  if (bytes < 1024) return t('format.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('format.kb', { n: number(bytes / 1024, 0) });
  return t('format.mb', { n: number(bytes / (1024 * 1024), 1) });
}
