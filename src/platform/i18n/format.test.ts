import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShortDateTime, formatTime } from './format.ts';

// 08:14 UTC on 5 December is 09:14 in Amsterdam (winter time); 22:30 UTC on 30 June is 00:30 on 1 July.
const winter = new Date('2026-12-05T08:14:00Z');
const summerNight = new Date('2026-06-30T22:30:00Z');

describe('dates as a person reads them, in Dutch time', () => {
  it('writes a moment in full, in Dutch and in English', () => {
    expect(formatDateTime('nl', winter)).toBe('5 december 2026 om 09:14');
    expect(formatDateTime('en', winter)).toBe('5 December 2026 at 09:14');
    expect(formatDateTime('nl', summerNight)).toBe('1 juli 2026 om 00:30');
  });

  it('writes a moment short for lists, and a time alone', () => {
    expect(formatShortDateTime('nl', winter)).toBe('5 dec 2026, 09:14');
    expect(formatShortDateTime('en', winter)).toBe('5 Dec 2026, 09:14');
    expect(formatTime('nl', summerNight)).toBe('00:30');
  });

  it('takes a plain date as that calendar day, and a moment as its day in the Netherlands', () => {
    expect(formatDate('nl', '2026-07-01')).toBe('1 juli 2026');
    expect(formatDate('nl', summerNight)).toBe('1 juli 2026');
    expect(formatDate('en', '2026-12-05')).toBe('5 December 2026');
  });
});
