/**
 * The Dutch calendar day. Zaken, products and objects carry plain dates (YYYY-MM-DD) that are days
 * in the Netherlands, so "today" is today in Amsterdam, not in UTC: just after midnight there it is
 * already the next day. The simulators of the source systems use it too (they run with TIME_ZONE
 * Europe/Amsterdam, as Open Zaak and the Objects API do).
 */

/** Made once: making an Intl formatter costs more than a page's rendering of its dates (issue 19). */
const dutchDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day in the Netherlands at `moment`, as YYYY-MM-DD. */
export function dutchDate(moment: Date): string {
  return dutchDay.format(moment);
}

/** Today in the Netherlands (by the clock's `now` when given), as YYYY-MM-DD. */
export function dutchToday(now: Date = new Date()): string {
  return dutchDate(now);
}
