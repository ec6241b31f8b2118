import { addDuration, parseDuration } from './duration';

describe('Duration', () => {
  it('accepts ISO 8601 durations of years, months, weeks, days and hours', () => {
    expect(parseDuration('P30D')).toEqual({ years: 0, months: 0, weeks: 0, days: 30, hours: 0 });
    expect(parseDuration('P1Y6M')).toEqual({ years: 1, months: 6, weeks: 0, days: 0, hours: 0 });
    expect(parseDuration('PT48H')).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 48 });
  });

  it('refuses anything else, and windows longer than about ten years', () => {
    for (const bad of ['', 'P', 'PT', '30D', 'P-1D', 'P1.5D', 'P30DT', 'PT30M', 'P11Y', 30, null]) expect(parseDuration(bad)).toBeNull();
  });

  it('adds calendar months clamped to the month end, then days and hours', () => {
    expect(addDuration(new Date('2027-01-31T10:00:00Z'), 'P1M').toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addDuration(new Date('2027-03-01T10:00:00Z'), 'P30D').toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(addDuration(new Date('2027-03-01T10:00:00Z'), 'P1WT2H').toISOString()).toBe('2027-03-08T12:00:00.000Z');
  });
});
