import Decimal from 'decimal.js';
import { BillingFrequency } from '../../../../shared/graphql/enums';
import { termEndFor } from '../../transitions/term';
import { chargeToPeriodEnd, periodAt, periodCharge, periodsOf, unusedInPeriod, type BilledTerm } from './billing-periods';

function term(start: string, duration: string, billingFrequency: BillingFrequency, end?: string): BilledTerm {
  const termStart = new Date(start);
  return { termStart, termEnd: end ? new Date(end) : termEndFor(termStart, duration), termDuration: duration, billingFrequency };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('billing periods (BIL-1, BIL-2)', () => {
  it('BIL-1: a monthly-billed annual term bought mid-month has 12 monthly periods from its start day', () => {
    const t = term('2027-01-15T10:30:00Z', 'P1Y', BillingFrequency.MONTHLY);
    const periods = periodsOf(t);
    expect(periods).toHaveLength(12);
    expect(periods.map((p) => day(p.start))).toEqual(['2027-01-15', '2027-02-15', '2027-03-15', '2027-04-15', '2027-05-15', '2027-06-15', '2027-07-15', '2027-08-15', '2027-09-15', '2027-10-15', '2027-11-15', '2027-12-15']);
    expect(day(periods[11].end)).toBe('2028-01-15');
    // Each period costs exactly price × quantity for the month.
    for (const p of periods) expect(periodCharge('12.88', 10, t, p).toFixed(4)).toBe('128.8000');
  });

  it('BIL-1: annual billing of a three-year term is one period a year; triennial one for the term', () => {
    expect(periodsOf(term('2027-01-15T00:00:00Z', 'P3Y', BillingFrequency.ANNUAL)).map((p) => day(p.start))).toEqual(['2027-01-15', '2028-01-15', '2029-01-15']);
    const tri = term('2027-01-15T00:00:00Z', 'P3Y', BillingFrequency.TRIENNIAL);
    expect(periodsOf(tri)).toHaveLength(1);
    expect(periodCharge('10', 2, tri, periodsOf(tri)[0]).toFixed(2)).toBe('720.00');
  });

  it('BIL-1: month ends clamp without drifting (Jan 31 → Feb 28 → Mar 31)', () => {
    const periods = periodsOf(term('2027-01-31T00:00:00Z', 'P1Y', BillingFrequency.MONTHLY));
    expect(periods.slice(0, 3).map((p) => day(p.start))).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
  });

  it('BIL-1: a coterminous term shares the periods of the term it ends with; its first period is prorated by the day', () => {
    const t = term('2027-03-20T00:00:00Z', 'P1Y', BillingFrequency.MONTHLY, '2028-01-14T23:59:59.999Z');
    const first = periodAt(t, t.termStart)!;
    expect([day(first.start), day(first.end), day(first.fullStart)]).toEqual(['2027-03-20', '2027-04-15', '2027-03-15']);
    expect(periodCharge('31', 1, t, first).toFixed(4)).toBe(new Decimal(31).mul(26).div(31).toFixed(4));
  });

  it('BIL-2: an addition pays from its day to the period end; a removal credits the days after its day', () => {
    const t = term('2027-01-15T00:00:00Z', 'P1Y', BillingFrequency.MONTHLY);
    const at = new Date('2027-01-20T09:00:00Z');
    const p = periodAt(t, at)!;
    // Jan 15 → Feb 15 is 31 days; from Jan 20 included: 26 days; after Jan 20: 25 days.
    expect(chargeToPeriodEnd('31', 2, t, p, at).toFixed(4)).toBe('52.0000');
    expect(unusedInPeriod('31', 2, t, p, at).toFixed(4)).toBe('50.0000');
    expect(unusedInPeriod('31', 2, t, p, new Date('2027-02-14T12:00:00Z')).toFixed(4)).toBe('0.0000');
    expect(periodAt(t, new Date('2028-01-15T00:00:00Z'))).toBeNull();
  });
});
