/**
 * The Dutch calendar day. Zaken, products and objects carry plain dates (YYYY-MM-DD) that are days
 * in the Netherlands, so "today" is today in Amsterdam, not in UTC: just after midnight there it is
 * already the next day.
 */

/** Made once: making an Intl formatter costs more than a page's rendering of its dates (issue 19). */
const dutchDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the Netherlands (or the day of `now` there), as YYYY-MM-DD. */
export function dutchToday(now: Date = new Date()): string {
  return dutchDay.format(now);
}
