import Decimal from 'decimal.js';
import { proratedRefund, remainingDays, renewalInstant, termAmount, termDays, termEndFor } from './term';

describe('term arithmetic (SUB-7, SUB-3)', () => {
  it('SUB-7: a P1Y term ends on the inclusive last day and renews the day after', () => {
    const end = termEndFor(new Date('2026-03-15T10:30:00Z'), 'P1Y');
    expect(end.toISOString()).toBe('2027-03-14T23:59:59.999Z');
    expect(renewalInstant(end).toISOString()).toBe('2027-03-15T00:00:00.000Z');
  });

  it('clamps month ends (Jan 31 + P1M ends Feb 27, renews Feb 28)', () => {
    const end = termEndFor(new Date('2027-01-31T00:00:00Z'), 'P1M');
    expect(end.toISOString()).toBe('2027-02-27T23:59:59.999Z');
  });

  it('counts term days and remaining days', () => {
    const start = new Date('2026-01-01T08:00:00Z');
    const end = termEndFor(start, 'P1Y');
    expect(termDays(start, end)).toBe(365);
    expect(remainingDays(end, start)).toBe(364);
    expect(remainingDays(end, new Date('2026-12-31T12:00:00Z'))).toBe(0);
  });

  it('SUB-3: refunds the amount minus the prorated days used, exactly', () => {
    const start = new Date('2026-01-01T08:00:00Z');
    const end = termEndFor(start, 'P1Y');
    const amount = termAmount('10.00', 3, 'P1Y');
    expect(amount.toFixed(2)).toBe('360.00');
    expect(proratedRefund(amount, start, end, new Date('2026-01-03T00:00:00Z')).toFixed(4)).toBe(new Decimal(360).mul(362).div(365).toFixed(4));
  });
});
