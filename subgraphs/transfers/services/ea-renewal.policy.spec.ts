import { EaRenewalStatus, EaSubscriptionAvailability } from '../types/ea.enums';
import { availabilityFor, cspTermStart, eaServiceEnd, editRefusal, isEligible, processAt } from './ea-renewal.policy';

describe('EA renewal policy', () => {
  it('EA-7: scheduled before the EA end → 12:00 UTC of the day after the end date', () => {
    expect(processAt('2027-03-31', new Date('2027-01-10T09:00:00Z')).toISOString()).toBe('2027-04-01T12:00:00.000Z');
    expect(processAt('2027-03-31', new Date('2027-03-31T23:59:59Z')).toISOString()).toBe('2027-04-01T12:00:00.000Z');
  });

  it('EA-7: scheduled after expiry → 12:00 UTC of the day after submission', () => {
    expect(processAt('2027-03-31', new Date('2027-04-01T00:00:00Z')).toISOString()).toBe('2027-04-02T12:00:00.000Z');
    expect(processAt('2027-03-31', new Date('2027-05-10T18:30:00Z')).toISOString()).toBe('2027-05-11T12:00:00.000Z');
    expect(processAt('2027-12-31', new Date('2028-01-03T00:10:00Z')).toISOString()).toBe('2028-01-04T12:00:00.000Z');
  });

  it('EA-7: never mid-term: an EA subscription ending after its agreement is processed, and its term starts, after its own end date', () => {
    const later = { endDate: '2027-04-30', agreement: { endDate: '2027-03-31' } };
    expect(eaServiceEnd(later)).toBe('2027-04-30');
    expect(eaServiceEnd({ endDate: '2027-03-31', agreement: { endDate: '2027-03-31' } })).toBe('2027-03-31');
    expect(processAt(eaServiceEnd(later), new Date('2027-01-10T09:00:00Z')).toISOString()).toBe('2027-05-01T12:00:00.000Z');
    // Submitted after the agreement ended but before the subscription did: still after its own end.
    expect(processAt(eaServiceEnd(later), new Date('2027-04-05T09:00:00Z')).toISOString()).toBe('2027-05-01T12:00:00.000Z');
    expect(cspTermStart(eaServiceEnd(later), new Date('2027-04-05T09:00:00Z'), new Date('2027-05-01T12:00:00Z')).toISOString()).toBe('2027-05-01T00:00:00.000Z');
  });

  it('EA-8: the CSP term starts where the EA ends, or at processing after expiry', () => {
    expect(cspTermStart('2027-03-31', new Date('2027-03-01T00:00:00Z'), new Date('2027-04-01T12:05:00Z')).toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect(cspTermStart('2027-03-31', new Date('2027-04-05T08:00:00Z'), new Date('2027-04-06T12:05:00Z')).toISOString()).toBe('2027-04-06T12:05:00.000Z');
  });

  it('EA-5: editable until the EA end date; after expiry until processed', () => {
    const before = new Date('2027-03-01T00:00:00Z');
    expect(editRefusal(EaRenewalStatus.SCHEDULED, '2027-03-31', before, new Date('2027-03-31T23:59:00Z'))).toBeNull();
    expect(editRefusal(EaRenewalStatus.SCHEDULED, '2027-03-31', before, new Date('2027-04-01T00:00:00Z'))).toMatch(/locked/);
    expect(editRefusal(EaRenewalStatus.SCHEDULED, '2027-03-31', new Date('2027-04-03T00:00:00Z'), new Date('2027-04-03T23:00:00Z'))).toBeNull();
    expect(editRefusal(EaRenewalStatus.PROCESSING, '2027-03-31', before, before)).toMatch(/PROCESSING/);
  });

  it('EA-2: expired within 90 days or ending within 6 months, not renewed; extended term counts', () => {
    const now = new Date('2027-06-15T10:00:00Z');
    expect(isEligible({ endDate: '2027-03-17', inExtendedTerm: false, renewed: false }, now)).toBe(true);
    expect(isEligible({ endDate: '2027-03-16', inExtendedTerm: false, renewed: false }, now)).toBe(false);
    expect(isEligible({ endDate: '2027-12-15', inExtendedTerm: false, renewed: false }, now)).toBe(true);
    expect(isEligible({ endDate: '2027-12-16', inExtendedTerm: false, renewed: false }, now)).toBe(false);
    expect(isEligible({ endDate: '2026-01-01', inExtendedTerm: true, renewed: false }, now)).toBe(true);
    expect(isEligible({ endDate: '2027-07-01', inExtendedTerm: false, renewed: true }, now)).toBe(false);
  });

  it('EA-3: availability per viewing partner, never naming the holder', () => {
    const sku = { offerId: 'offer-x', commercial: true };
    expect(availabilityFor(sku, [], 'a').availability).toBe(EaSubscriptionAvailability.AVAILABLE);
    expect(availabilityFor(sku, [{ partnerId: 'a', status: EaRenewalStatus.SCHEDULED }], 'a').availability).toBe(EaSubscriptionAvailability.SCHEDULED_BY_YOU);
    const other = availabilityFor(sku, [{ partnerId: 'ptn_holder', status: EaRenewalStatus.COMPLETED }], 'a');
    expect(other.availability).toBe(EaSubscriptionAvailability.NOT_AVAILABLE);
    expect(other.reason).not.toContain('ptn_holder');
    expect(availabilityFor(sku, [{ partnerId: 'b', status: EaRenewalStatus.CANCELLED }], 'a').availability).toBe(EaSubscriptionAvailability.AVAILABLE);
    expect(availabilityFor({ offerId: null, commercial: true }, [], 'a').availability).toBe(EaSubscriptionAvailability.NOT_AVAILABLE_IN_CSP);
    expect(availabilityFor({ offerId: 'offer-g', commercial: false }, [], 'a').availability).toBe(EaSubscriptionAvailability.NOT_AVAILABLE_IN_CSP);
  });
});
