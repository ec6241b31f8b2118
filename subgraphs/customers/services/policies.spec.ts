import { relationshipRequestDecision, resellerVerdict } from './policies';

describe('RES-2 resellerVerdict', () => {
  it('is valid only for an onboarded reseller with signed MPA', () => {
    expect(resellerVerdict({ type: 'INDIRECT_RESELLER' as never, mpaSigned: true })).toEqual({ valid: true });
    expect(resellerVerdict({ type: 'INDIRECT_RESELLER' as never, mpaSigned: false })).toEqual({ valid: false, reason: 'MPA_NOT_SIGNED' });
    expect(resellerVerdict({ type: 'DIRECT_BILL' as never, mpaSigned: true })).toEqual({ valid: false, reason: 'NOT_A_RESELLER' });
    expect(resellerVerdict(null)).toEqual({ valid: false, reason: 'NOT_ONBOARDED' });
  });
});

describe('REL-2 relationshipRequestDecision', () => {
  it('accepts pending, is idempotent for the same customer, refuses revoked, foreign and unknown', () => {
    expect(relationshipRequestDecision({ status: 'PENDING' }, 'c1')).toBe('ACCEPT');
    expect(relationshipRequestDecision({ status: 'ACCEPTED', customerId: 'c1' }, 'c1')).toBe('ALREADY_ACCEPTED');
    expect(relationshipRequestDecision({ status: 'ACCEPTED', customerId: 'c2' }, 'c1')).toBe('INVALID');
    expect(relationshipRequestDecision({ status: 'REVOKED', customerId: 'c1' }, 'c1')).toBe('INVALID');
    expect(relationshipRequestDecision(null, 'c1')).toBe('INVALID');
  });
});
