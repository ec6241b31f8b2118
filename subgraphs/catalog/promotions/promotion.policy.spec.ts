import { PromotionTarget } from '../../../shared/graphql/enums';
import { applicablePromotion, eligibilityOf, ineligibilities, type PromotionPurchase, type PromotionTerms } from './promotion.policy';

const promotion = (extra: Partial<PromotionTerms> = {}): PromotionTerms => ({
  id: 'promo-a',
  markets: ['DE', 'AT'],
  segment: 'COMMERCIAL',
  termDuration: 'P1Y',
  billingFrequency: 'MONTHLY',
  discountPercent: '15.00',
  startDate: new Date('2027-01-01T00:00:00Z'),
  endDate: new Date('2027-06-30T23:59:59Z'),
  appliesTo: ['NEW_PURCHASE', 'RENEWAL'],
  ...extra,
});
const purchase = (extra: Partial<PromotionPurchase> = {}): PromotionPurchase => ({
  market: 'DE',
  segment: 'COMMERCIAL',
  termDuration: 'P1Y',
  billingFrequency: 'MONTHLY',
  at: new Date('2027-03-01T00:00:00Z'),
  quantity: 10,
  target: PromotionTarget.NEW_PURCHASE,
  ...extra,
});
const codes = (p: PromotionTerms, q: PromotionPurchase) => ineligibilities(p, q).map((r) => r.code);

describe('promotion policy (BIL-5)', () => {
  it('BIL-5: a purchase in market, segment, term, billing, dates and purchase type qualifies', () => {
    expect(ineligibilities(promotion(), purchase())).toEqual([]);
    expect(codes(promotion(), purchase({ at: new Date('2027-06-30T23:59:59Z'), target: PromotionTarget.RENEWAL }))).toEqual([]);
  });

  it('BIL-5: names every reason a purchase does not qualify', () => {
    expect(codes(promotion(), purchase({ market: 'US', segment: 'EDUCATION', termDuration: 'P3Y', billingFrequency: 'ANNUAL' }))).toEqual(['MARKET', 'SEGMENT', 'TERM', 'BILLING_CYCLE']);
    expect(codes(promotion(), purchase({ at: new Date('2026-12-31T23:59:59Z') }))).toEqual(['NOT_STARTED']);
    expect(codes(promotion(), purchase({ at: new Date('2027-07-01T00:00:00Z') }))).toEqual(['ENDED']);
    expect(codes(promotion(), purchase({ target: PromotionTarget.EA_RENEWAL }))).toEqual(['PURCHASE_TYPE']);
    expect(codes(promotion({ minQuantity: 25, maxQuantity: 300 }), purchase({ quantity: 10 }))).toEqual(['SEAT_COUNT']);
    expect(ineligibilities(promotion({ minQuantity: 25 }), purchase())[0].message).toBe('The promotion needs at least 25 licences, not 10');
  });

  it('TRI-3: a trial conversion never qualifies', () => {
    expect(codes(promotion(), purchase({ target: null }))).toEqual(['TRIAL_CONVERSION']);
    expect(applicablePromotion([promotion()], purchase({ target: null }))).toBeUndefined();
  });

  it('BIL-5: at most one applies: the highest discount, then the latest start, then the id', () => {
    const low = promotion({ id: 'low', discountPercent: '10' });
    const high = promotion({ id: 'high', discountPercent: '20' });
    const later = promotion({ id: 'later', discountPercent: '20', startDate: new Date('2027-02-01T00:00:00Z') });
    expect(applicablePromotion([low, high], purchase())?.id).toBe('high');
    expect(applicablePromotion([high, later, low], purchase())?.id).toBe('later');
    expect(applicablePromotion([low, promotion({ id: 'elsewhere', markets: ['US'], discountPercent: '50' })], purchase())?.id).toBe('low');
  });

  it('BIL-5: when none applies, the answer names the promotion missed by the fewest reasons', () => {
    const far = promotion({ id: 'far', markets: ['US'], segment: 'EDUCATION' });
    const near = promotion({ id: 'near', termDuration: 'P3Y' });
    expect(eligibilityOf([far, near], purchase())).toMatchObject({ promotion: { id: 'near' }, reasons: [{ code: 'TERM' }] });
    expect(eligibilityOf([], purchase())).toBeUndefined();
  });
});
