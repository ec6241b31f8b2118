import { auditWindow } from './audit-window';

const now = new Date('2027-03-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('AUD-1 auditWindow (audit records, SW-2 software activity log)', () => {
  it('defaults to the last 30 days', () => {
    expect(auditWindow(now)).toEqual({ from: daysAgo(30), to: now });
  });
  it('accepts exactly 90 days back and refuses more', () => {
    expect(auditWindow(now, daysAgo(90))).toEqual({ from: daysAgo(90), to: now });
    expect(auditWindow(now, daysAgo(91))).toMatchObject({ field: 'from' });
  });
  it('refuses from after to', () => {
    expect(auditWindow(now, daysAgo(1), daysAgo(2))).toMatchObject({ field: 'from' });
  });
});
