import { describe, expect, it } from 'vitest';
import { parsePeriod, startOfDutchDay } from './period.ts';

const now = new Date('2026-12-05T09:00:00Z');

describe('the period of the processing log', () => {
  it('is everything, the last month or the last year by choice', () => {
    expect(parsePeriod({}, now)).toEqual({ ok: true, form: { periode: 'alles', van: '', tot: '' }, period: {} });
    expect(parsePeriod({ periode: 'maand' }, now)).toMatchObject({ ok: true, period: { from: new Date('2026-11-05T09:00:00Z') } });
    expect(parsePeriod({ periode: 'jaar' }, now)).toMatchObject({ ok: true, period: { from: new Date('2025-12-05T09:00:00Z') } });
    expect(parsePeriod({ periode: 'iets' }, now)).toMatchObject({ ok: true, form: { periode: 'alles' } });
  });

  it('takes days typed as Dutch days, up to and including the last, in winter and summer time', () => {
    const winter = parsePeriod({ periode: 'zelf', van: '2026-11-28', tot: '30-11-2026' }, now);
    expect(winter).toEqual({
      ok: true,
      form: { periode: 'zelf', van: '2026-11-28', tot: '30-11-2026' },
      period: { from: new Date('2026-11-27T23:00:00Z'), until: new Date('2026-11-30T23:00:00Z') },
    });
    expect(startOfDutchDay(2026, 7, 1)).toEqual(new Date('2026-06-30T22:00:00Z'));
    // Days typed count even when the choice was left at "Alles".
    expect(parsePeriod({ periode: 'alles', van: '1-7-2026' }, now)).toMatchObject({
      ok: true,
      form: { periode: 'zelf' },
      period: { from: new Date('2026-06-30T22:00:00Z') },
    });
  });

  it('says what is wrong with days that are no days, in the wrong order, or missing', () => {
    expect(parsePeriod({ van: '31-02-2026' }, now)).toMatchObject({ ok: false, errors: [{ field: 'van', error: 'date' }] });
    expect(parsePeriod({ van: 'gisteren', tot: '2026-13-01' }, now)).toMatchObject({
      ok: false,
      errors: [
        { field: 'van', error: 'date' },
        { field: 'tot', error: 'date' },
      ],
    });
    expect(parsePeriod({ van: '2026-12-01', tot: '2026-11-01' }, now)).toMatchObject({ ok: false, errors: [{ field: 'tot', error: 'order' }] });
    expect(parsePeriod({ periode: 'zelf' }, now)).toMatchObject({ ok: false, errors: [{ field: 'van', error: 'missing' }] });
  });
});
