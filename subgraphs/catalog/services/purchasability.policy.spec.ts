import { evaluatePurchase, type PurchasableOffer } from './purchasability.policy';

const offer = (overrides: Partial<PurchasableOffer> = {}): PurchasableOffer => ({
  provisioningId: 'Some_SKU',
  publisher: 'MICROSOFT',
  lifecycle: 'AVAILABLE',
  segments: ['COMMERCIAL', 'NONPROFIT'],
  markets: ['DE', 'US', 'BR'],
  exclusivePartners: [],
  cspOptOut: false,
  transactable: true,
  ...overrides,
});
const buyer = { country: 'DE', segment: 'COMMERCIAL', partnerTenantId: 'ptn-a', partnerId: '1000001' };

describe('purchasability policy', () => {
  it('allows an available offer for a customer of its segment and market', () => {
    expect(evaluatePurchase(offer(), buyer)).toEqual({ allowed: true });
  });

  it('CAT-2: refuses a customer of another segment', () => {
    expect(evaluatePurchase(offer(), { ...buyer, segment: 'EDUCATION' })).toMatchObject({ allowed: false, reason: 'OFFER_NOT_AVAILABLE', detail: 'SEGMENT_NOT_ELIGIBLE', rule: 'CAT-2' });
  });

  it('CAT-8: an Azure reservation is not sold in the seed 003 markets (CAT-8); any other SKU not sold somewhere is CAT-2', () => {
    const reservation = offer({ azureReservation: true, commercialOnly: true, segments: ['COMMERCIAL'] });
    expect(evaluatePurchase(reservation, { ...buyer, country: 'YE' })).toMatchObject({ detail: 'MARKET_NOT_SOLD', rule: 'CAT-8' });
    expect(evaluatePurchase(offer(), { ...buyer, country: 'YE' })).toMatchObject({ detail: 'MARKET_NOT_SOLD', rule: 'CAT-2' });
    expect(evaluatePurchase(offer(), { ...buyer, country: 'FR' })).toMatchObject({ detail: 'MARKET_NOT_SOLD', rule: 'CAT-2' });
  });

  it('CAT-8: reservations and server subscriptions are sold to commercial customers only, and say so', () => {
    const server = offer({ commercialOnly: true, segments: ['COMMERCIAL'] });
    expect(evaluatePurchase(server, buyer)).toEqual({ allowed: true });
    for (const segment of ['NONPROFIT', 'EDUCATION', 'GOVERNMENT']) {
      const refused = evaluatePurchase(server, { ...buyer, segment });
      expect(refused).toMatchObject({ allowed: false, reason: 'OFFER_NOT_AVAILABLE', detail: 'COMMERCIAL_ONLY', rule: 'CAT-8' });
      expect(refused.message).toContain('commercial customers only');
    }
  });

  it('CAT-4: a one-per-customer offer the customer holds is refused, saying so; a suspended one says to reactivate it', () => {
    const trial = offer({ onePerCustomer: true });
    expect(evaluatePurchase(trial, { ...buyer, holding: null })).toEqual({ allowed: true });
    const held = evaluatePurchase(trial, { ...buyer, holding: { subscriptionId: 'sub-1', status: 'ACTIVE' } });
    expect(held).toMatchObject({ allowed: false, reason: 'ONE_PER_CUSTOMER', detail: 'ALREADY_HELD', rule: 'CAT-4' });
    expect(held.message).toContain('already holds it (subscription sub-1)');
    const suspended = evaluatePurchase(trial, { ...buyer, holding: { subscriptionId: 'sub-2', status: 'SUSPENDED' } });
    expect(suspended).toMatchObject({ allowed: false, reason: 'ONE_PER_CUSTOMER', detail: 'HELD_SUSPENDED', rule: 'CAT-4' });
    expect(suspended.message).toContain('reactivate it instead of buying a new one');
    // An offer without the limit ignores holdings.
    expect(evaluatePurchase(offer(), { ...buyer, holding: { subscriptionId: 'sub-1', status: 'ACTIVE' } })).toEqual({ allowed: true });
  });

  it('CAT-3: refuses end-of-sale offers, with or without conversions', () => {
    for (const lifecycle of ['END_OF_SALE', 'END_OF_SALE_WITH_CONVERSIONS'] as const) {
      expect(evaluatePurchase(offer({ lifecycle }), buyer)).toMatchObject({ allowed: false, reason: 'OFFER_END_OF_SALE', detail: 'END_OF_SALE', rule: 'CAT-3' });
    }
  });

  it('CAT-5: reports each ISV reason', () => {
    const isv = offer({ publisher: 'ISV' });
    expect(evaluatePurchase(isv, { ...buyer, country: 'IN' })).toMatchObject({ detail: 'ISV_COUNTRY_NOT_SUPPORTED', rule: 'CAT-5' });
    expect(evaluatePurchase({ ...isv, cspOptOut: true }, buyer)).toMatchObject({ detail: 'ISV_OPTED_OUT', rule: 'CAT-5' });
    expect(evaluatePurchase({ ...isv, transactable: false }, buyer)).toMatchObject({ detail: 'NOT_TRANSACTABLE', rule: 'CAT-5' });
    expect(evaluatePurchase({ ...isv, exclusivePartners: ['1000009'] }, buyer)).toMatchObject({ detail: 'ISV_EXCLUSIVE', rule: 'CAT-5' });
  });

  it('CAT-5: an exclusive offer is allowed for a listed partner, by PartnerID or tenant id, and refused to non-partners', () => {
    const exclusive = offer({ publisher: 'ISV', exclusivePartners: ['1000001'] });
    expect(evaluatePurchase(exclusive, buyer)).toEqual({ allowed: true });
    expect(evaluatePurchase(offer({ publisher: 'ISV', exclusivePartners: ['ptn-a'] }), { ...buyer, partnerId: undefined })).toEqual({ allowed: true });
    expect(evaluatePurchase(exclusive, { country: 'DE', segment: 'COMMERCIAL' })).toMatchObject({ detail: 'ISV_EXCLUSIVE' });
  });
});
