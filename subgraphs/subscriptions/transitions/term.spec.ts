import Decimal from 'decimal.js';
import { isPastTerm, proratedCharge, proratedRefund, proratedRemoval, remainingDays, renewalInstant, termAmount, termDays, termEndFor } from './term';

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

  it('SUB-3: a mid-term addition pays from its day (counted) to the inclusive end, daily', () => {
    const start = new Date('2027-03-01T00:00:00Z');
    const end = termEndFor(start, 'P1Y');
    expect(proratedCharge('10', 2, 'P1Y', start, end, start).toFixed(4)).toBe('240.0000');
    expect(proratedCharge('10', 2, 'P1Y', start, end, new Date('2027-03-03T12:00:00Z')).toFixed(4)).toBe(new Decimal(240).mul(364).div(366).toFixed(4));
    expect(proratedCharge('10', 2, 'P1Y', start, end, new Date('2028-03-01T00:00:00Z')).toFixed(4)).toBe('0.0000');
  });

  it('SUB-9: an add-on aligned to a shorter base term pays only its days of a full term', () => {
    const start = new Date('2031-10-01T00:00:00Z');
    const end = new Date('2032-03-31T23:59:59.999Z');
    expect(proratedCharge('30', 5, 'P1Y', start, end, start).toFixed(4)).toBe('900.0000');
  });

  it('SUB-3: removal refunds the days after today', () => {
    const start = new Date('2027-03-01T00:00:00Z');
    const end = termEndFor(start, 'P1Y');
    expect(proratedRemoval('10', 10, 'P1Y', start, end, new Date('2027-03-03T12:00:00Z')).toFixed(4)).toBe('1190.1639');
    expect(proratedRemoval('10', 10, 'P1Y', start, end, new Date('2028-02-29T12:00:00Z')).toFixed(4)).toBe('0.0000');
  });

  it('SUB-7/SUB-8: the term is past from 00:00 UTC of the day after the end date', () => {
    const end = new Date('2027-04-30T23:59:59.999Z');
    expect(isPastTerm(end, new Date('2027-04-30T23:59:59.999Z'))).toBe(false);
    expect(isPastTerm(end, new Date('2027-05-01T00:00:00.000Z'))).toBe(true);
  });
});
