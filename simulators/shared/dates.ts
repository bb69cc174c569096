/**
 * The calendar date in the Netherlands (the real systems run with TIME_ZONE Europe/Amsterdam; a
 * UTC date is a day off around midnight). One formatter for every call: making an
 * Intl.DateTimeFormat costs ~0.1 ms, and the stores ask for the date of every object they list.
 */
const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-12-07": the day in the Netherlands at `moment`. */
export function dutchDate(moment: Date): string {
  return amsterdamDay.format(moment);
}
