import { describe, expect, it } from 'vitest';
import { dutchDate, dutchToday } from './calendar.ts';

describe('the Dutch calendar day', () => {
  it('counts days as the Dutch calendar does: just after midnight in Amsterdam is the next day', () => {
    expect(dutchDate(new Date('2026-11-28T23:30:00Z'))).toBe('2026-11-29');
    expect(dutchDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(dutchToday(new Date('2026-07-01T22:01:00Z'))).toBe('2026-07-02');
    // Summer time: 23:30 UTC on 31 March is already 1 April in Amsterdam.
    expect(dutchToday(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
  });

  it('writes single-digit months and days with a leading zero, as the sources do', () => {
    expect(dutchDate(new Date('2026-01-05T10:00:00Z'))).toBe('2026-01-05');
  });
});
