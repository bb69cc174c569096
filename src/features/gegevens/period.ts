/**
 * The period of "Wie heeft mijn gegevens gebruikt" from its GET form: the last month, the last
 * year, everything, or days the person chose (from and up to and including, Dutch days).
 */
import type { ProcessingPeriod } from '../../platform/audit/processing-log.ts';

export const periodChoices = ['alles', 'maand', 'jaar', 'zelf'] as const;
export type PeriodChoice = (typeof periodChoices)[number];

export type PeriodError = 'date' | 'order' | 'missing';

export interface PeriodForm {
  periode: PeriodChoice;
  /** As typed, to show again. */
  van: string;
  tot: string;
}

export type ParsedPeriod =
  | { ok: true; form: PeriodForm; period: ProcessingPeriod }
  | { ok: false; form: PeriodForm; errors: { field: 'van' | 'tot'; error: PeriodError }[] };

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

/** Minutes Amsterdam is ahead of UTC at this moment (60 in winter, 120 in summer). */
function amsterdamOffset(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Midnight at the start of this Dutch day. */
export function startOfDutchDay(year: number, month: number, day: number): Date {
  const utc = Date.UTC(year, month - 1, day);
  return new Date(utc - amsterdamOffset(new Date(utc)) * 60_000);
}

/** A day as a date field sends it (2026-11-28) or as a person types it (28-11-2026, 28/11/2026); undefined when it is no day. */
export function parseDay(value: string): { year: number; month: number; day: number } | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : [];
  if (!year) return undefined;
  const parts = { year: Number(year), month: Number(month), day: Number(day) };
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (parts.year < 2000 || check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day) return undefined;
  return parts;
}

export function parsePeriod(query: { periode?: unknown; van?: unknown; tot?: unknown }, now: Date = new Date()): ParsedPeriod {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 20) : '');
  const van = text(query.van);
  const tot = text(query.tot);
  // Days typed are a period of one's own, whatever the choice says.
  const asked = (periodChoices as readonly string[]).includes(text(query.periode)) ? (text(query.periode) as PeriodChoice) : 'alles';
  const periode: PeriodChoice = van || tot ? 'zelf' : asked;
  const form = { periode, van, tot };
  if (periode === 'alles') return { ok: true, form, period: {} };
  if (periode === 'maand' || periode === 'jaar') {
    const from = new Date(now);
    if (periode === 'maand') from.setUTCMonth(from.getUTCMonth() - 1);
    else from.setUTCFullYear(from.getUTCFullYear() - 1);
    return { ok: true, form, period: { from } };
  }
  if (!van && !tot) return { ok: false, form, errors: [{ field: 'van', error: 'missing' }] };
  const from = van ? parseDay(van) : undefined;
  const until = tot ? parseDay(tot) : undefined;
  const errors: { field: 'van' | 'tot'; error: PeriodError }[] = [];
  if (van && !from) errors.push({ field: 'van', error: 'date' });
  if (tot && !until) errors.push({ field: 'tot', error: 'date' });
  if (errors.length) return { ok: false, form, errors };
  const period: ProcessingPeriod = {
    ...(from ? { from: startOfDutchDay(from.year, from.month, from.day) } : {}),
    // Up to and including the day: until the start of the next.
    ...(until ? { until: startOfDutchDay(until.year, until.month, until.day + 1) } : {}),
  };
  if (period.from && period.until && period.from >= period.until) return { ok: false, form, errors: [{ field: 'tot', error: 'order' }] };
  return { ok: true, form, period };
}
