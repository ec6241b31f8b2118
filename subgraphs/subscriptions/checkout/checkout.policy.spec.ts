import { checkoutViolations, multiGeoMinimum, type CheckoutFacts, type OfferFacts } from './checkout.policy';

function offer(id: string, extra: Partial<OfferFacts> = {}): OfferFacts {
  return {
    id,
    provisioningId: id,
    category: 'ENTERPRISE',
    lifecycle: 'AVAILABLE',
    publisher: 'MICROSOFT',
    segments: ['COMMERCIAL'],
    markets: ['DE', 'US'],
    minQuantity: 1,
    maxQuantity: 10000,
    onePerCustomer: false,
    prerequisites: [],
    price: { amount: '10.00', currency: 'EUR' },
    purchasable: { allowed: true },
    ...extra,
  };
}

const OFFERS: Record<string, OfferFacts> = {
  e3: offer('e3'),
  eos: offer('eos', { lifecycle: 'END_OF_SALE', purchasable: { allowed: false, reason: 'OFFER_END_OF_SALE', message: 'end of sale', rule: 'CAT-3' } }),
  server: offer('server', { markets: ['US'], purchasable: { allowed: false, reason: 'OFFER_NOT_AVAILABLE', message: 'not sold in DE', rule: 'CAT-8' } }),
  isv: offer('isv', { publisher: 'ISV', purchasable: { allowed: false, reason: 'OFFER_NOT_AVAILABLE', message: 'exclusive', rule: 'CAT-5' } }),
  trial: offer('trial', { onePerCustomer: true }),
  basic: offer('basic', { category: 'SMALL_BUSINESS', maxQuantity: 300 }),
  copilot: offer('copilot', { prerequisites: ['e3'], addOnRule: { kind: 'COPILOT_MAX_BASE' } }),
  geo: offer('geo', { prerequisites: ['e3'], addOnRule: { kind: 'MULTI_GEO_MIN_PERCENT', percent: 5 } }),
  standardAddOn: offer('standardAddOn', { prerequisites: ['e3'] }),
};

function facts(overrides: Partial<CheckoutFacts> = {}): CheckoutFacts {
  return {
    partner: { id: 'p1', type: 'DIRECT_BILL', region: 'EUROPE' },
    customer: { id: 'c1', country: 'DE', segment: 'COMMERCIAL', agreementAccepted: true, relationshipActive: true },
    lines: [{ offerId: 'e3', quantity: 10 }],
    offers: OFFERS,
    existing: { liveSubscriptionsAllPartners: 0, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: {} },
    attestationAccepted: true,
    additionalResellers: [],
    resellers: {},
    directoryLimit: 250,
    ...overrides,
  };
}

const codes = (f: CheckoutFacts) => checkoutViolations(f).map((v) => `${v.rule}:${v.code}`);

describe('checkoutViolations', () => {
  it('accepts a valid cart', () => {
    expect(codes(facts())).toEqual([]);
  });

  it('REL-1: no relationship stops everything else', () => {
    expect(codes(facts({ customer: null, attestationAccepted: false }))).toEqual(['REL-1:NO_RELATIONSHIP']);
    expect(codes(facts({ customer: { ...facts().customer!, relationshipActive: false } }))).toEqual(['REL-1:NO_RELATIONSHIP']);
  });

  it('REL-3 and REL-6: region and customer agreement', () => {
    expect(codes(facts({ customer: { ...facts().customer!, country: 'US' }, offers: OFFERS }))).toContain('REL-3:REGION_MISMATCH');
    expect(codes(facts({ customer: { ...facts().customer!, agreementAccepted: false } }))).toEqual(['REL-6:CUSTOMER_AGREEMENT_REQUIRED']);
  });

  it("CAT-3/5/8: the catalog's purchasable verdict is taken as given, with its code and rule", () => {
    expect(codes(facts({ lines: [{ offerId: 'eos', quantity: 1 }] }))).toEqual(['CAT-3:OFFER_END_OF_SALE']);
    expect(codes(facts({ lines: [{ offerId: 'isv', quantity: 1 }] }))).toEqual(['CAT-5:OFFER_NOT_AVAILABLE']);
    expect(codes(facts({ lines: [{ offerId: 'server', quantity: 1 }] }))).toEqual(['CAT-8:OFFER_NOT_AVAILABLE']);
    // An offer the catalog allows is not judged again on its own facts (lifecycle, markets, segments).
    const allowed = offer('allowed', { lifecycle: 'END_OF_SALE', markets: ['US'], segments: ['EDUCATION'] });
    expect(codes(facts({ lines: [{ offerId: 'allowed', quantity: 1 }], offers: { ...OFFERS, allowed } }))).toEqual([]);
  });

  it('ORD-1: every violation is reported, not only the first', () => {
    const all = codes(facts({ attestationAccepted: false, lines: [{ offerId: 'eos', quantity: 1 }, { offerId: 'basic', quantity: 301 }] }));
    expect(all).toEqual(['ORD-2:ATTESTATION_REQUIRED', 'CAT-3:OFFER_END_OF_SALE', 'CAT-6:LICENSE_CAP_EXCEEDED']);
  });

  it('CAT-4: one per customer counts the existing subscriptions of the customer through any partner and the cart', () => {
    expect(codes(facts({ lines: [{ offerId: 'trial', quantity: 25 }] }))).toEqual([]);
    expect(codes(facts({ lines: [{ offerId: 'trial', quantity: 25 }, { offerId: 'trial', quantity: 25 }] }))).toEqual(['CAT-4:ONE_PER_CUSTOMER']);
    const existing = { liveSubscriptionsAllPartners: 1, subscriptionsByOfferAllPartners: { trial: 1 }, licensesByOfferAllPartners: { trial: 25 } };
    expect(codes(facts({ lines: [{ offerId: 'trial', quantity: 25 }], existing }))).toEqual(['CAT-4:ONE_PER_CUSTOMER']);
  });

  it("CAT-4: the catalog's reason (already held, or suspended: reactivate) is reported once, with its code", () => {
    const held = offer('trial', { onePerCustomer: true, purchasable: { allowed: false, reason: 'ONE_PER_CUSTOMER', message: 'suspended: reactivate it', rule: 'CAT-4' } });
    const existing = { liveSubscriptionsAllPartners: 1, subscriptionsByOfferAllPartners: { trial: 1 }, licensesByOfferAllPartners: { trial: 25 } };
    const violations = checkoutViolations(facts({ offers: { ...OFFERS, trial: held }, lines: [{ offerId: 'trial', quantity: 25 }], existing }));
    expect(violations).toEqual([{ code: 'ONE_PER_CUSTOMER', message: 'suspended: reactivate it', rule: 'CAT-4', field: ['lines', '0', 'offerId'] }]);
  });

  it('CAT-6: small-business suites are capped at 300 licenses, existing plus cart', () => {
    expect(codes(facts({ lines: [{ offerId: 'basic', quantity: 300 }] }))).toEqual([]);
    const existing = { liveSubscriptionsAllPartners: 1, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: { basic: 250 } };
    expect(codes(facts({ lines: [{ offerId: 'basic', quantity: 51 }], existing }))).toEqual(['CAT-6:LICENSE_CAP_EXCEEDED']);
    expect(codes(facts({ lines: [{ offerId: 'basic', quantity: 50 }], existing }))).toEqual([]);
  });

  it('CAT-7: Copilot up to the eligible base licenses of all partners plus the cart', () => {
    const existing = { liveSubscriptionsAllPartners: 1, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: { e3: 10 } };
    expect(codes(facts({ lines: [{ offerId: 'copilot', quantity: 10 }], existing }))).toEqual([]);
    expect(codes(facts({ lines: [{ offerId: 'copilot', quantity: 11 }], existing }))).toEqual(['CAT-7:ADDON_LIMIT_EXCEEDED']);
    expect(codes(facts({ lines: [{ offerId: 'copilot', quantity: 15 }, { offerId: 'e3', quantity: 5 }], existing }))).toEqual([]);
    expect(codes(facts({ lines: [{ offerId: 'copilot', quantity: 1 }] }))).toEqual(['CAT-7:ADDON_PREREQUISITE_MISSING']);
  });

  it("CAT-7/SUB-9: the add-on kind is the catalog's addOnRule; other offers with prerequisites are plain add-ons", () => {
    const existing = { liveSubscriptionsAllPartners: 1, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: { e3: 10 } };
    expect(codes(facts({ lines: [{ offerId: 'standardAddOn', quantity: 50 }], existing }))).toEqual([]);
    expect(codes(facts({ lines: [{ offerId: 'standardAddOn', quantity: 1 }] }))).toEqual(['CAT-7:ADDON_PREREQUISITE_MISSING']);
    expect(codes(facts({ lines: [{ offerId: 'standardAddOn', quantity: 1 }, { offerId: 'e3', quantity: 1 }] }))).toEqual([]);
  });

  it('CAT-7: Multi-Geo needs 5% of the eligible base licenses', () => {
    expect(multiGeoMinimum(OFFERS.geo, 400)).toBe(20);
    expect(multiGeoMinimum(OFFERS.geo, 401)).toBe(21);
    const existing = { liveSubscriptionsAllPartners: 1, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: { e3: 400 } };
    expect(codes(facts({ lines: [{ offerId: 'geo', quantity: 19 }], existing }))).toEqual(['CAT-7:ADDON_MINIMUM_NOT_MET']);
    expect(codes(facts({ lines: [{ offerId: 'geo', quantity: 20 }], existing }))).toEqual([]);
    expect(codes(facts({ lines: [{ offerId: 'geo', quantity: 20 }] }))).toEqual(['CAT-7:ADDON_PREREQUISITE_MISSING']);
  });

  it('ORD-2: attestation, and the reseller of an indirect provider', () => {
    expect(codes(facts({ attestationAccepted: false }))).toEqual(['ORD-2:ATTESTATION_REQUIRED']);
    const provider = { id: 'p2', type: 'INDIRECT_PROVIDER', region: 'EUROPE' };
    expect(codes(facts({ partner: provider }))).toEqual(['ORD-2:RESELLER_REQUIRED']);
    const line = { offerId: 'e3', quantity: 1, resellerPartnerId: '1000003' };
    expect(codes(facts({ partner: provider, lines: [line], resellers: { '1000003': { valid: true, partnered: true } } }))).toEqual([]);
    expect(codes(facts({ partner: provider, lines: [line], resellers: { '1000003': { valid: false, partnered: true } } }))).toEqual(['RES-2:INVALID_RESELLER']);
    expect(codes(facts({ partner: provider, lines: [line], resellers: { '1000003': { valid: true, partnered: false } } }))).toEqual(['RES-3:INVALID_RESELLER']);
    expect(codes(facts({ lines: [line], resellers: { '1000003': { valid: true, partnered: false } } }))).toEqual(['ORD-2:INVALID_RESELLER']);
  });

  it('ORD-3: after the initial reseller, at most five additional resellers, each verified, for EU/EFTA customers only', () => {
    const valid = { valid: true, partnered: false };
    const six = ['1000011', '1000012', '1000013', '1000014', '1000015', '1000016'];
    const initial = { partner: { id: 'p1', type: 'INDIRECT_PROVIDER', region: 'EUROPE' }, lines: [{ offerId: 'e3', quantity: 10, resellerPartnerId: 'r1' }] } as Partial<CheckoutFacts>;
    const resellers = { ...Object.fromEntries(six.map((id) => [id, valid])), r1: { valid: true, partnered: true } };
    expect(codes(facts({ ...initial, additionalResellers: six.slice(0, 5), resellers }))).toEqual([]);
    expect(codes(facts({ ...initial, additionalResellers: six, resellers }))).toEqual(['ORD-3:TOO_MANY_RESELLERS']);
    expect(codes(facts({ ...initial, additionalResellers: ['1000099'], resellers: { ...resellers, '1000099': { valid: false, partnered: false } } }))).toEqual(['ORD-3:INVALID_RESELLER']);
    expect(codes(facts({ additionalResellers: ['1000011'], resellers }))).toEqual(['ORD-3:RESELLER_REQUIRED']);
    const american = { partner: { id: 'p1', type: 'DIRECT_BILL', region: 'NORTH_AMERICA' }, customer: { id: 'c1', country: 'US', segment: 'COMMERCIAL', agreementAccepted: true, relationshipActive: true } } as Partial<CheckoutFacts>;
    expect(codes(facts({ ...american, additionalResellers: ['1000011'], resellers }))).toEqual(['ORD-3:INVALID_RESELLER']);
  });

  it('ORD-4: the directory limit counts every new line', () => {
    const existing = { liveSubscriptionsAllPartners: 249, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: {} };
    expect(codes(facts({ existing }))).toEqual([]);
    expect(codes(facts({ existing, lines: [{ offerId: 'e3', quantity: 1 }, { offerId: 'e3', quantity: 1 }] }))).toEqual(['ORD-4:SUBSCRIPTION_LIMIT_REACHED']);
  });

  it('ORD-4 / SW-1: perpetual software lines are no subscriptions and do not count towards the directory limit', () => {
    const offers = { ...OFFERS, perpetual: offer('perpetual', { isPerpetual: true }) };
    const full = { liveSubscriptionsAllPartners: 250, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: {} };
    expect(codes(facts({ offers, existing: full, lines: [{ offerId: 'perpetual', quantity: 1 }] }))).toEqual([]);
    expect(codes(facts({ offers, existing: full, lines: [{ offerId: 'perpetual', quantity: 1 }, { offerId: 'e3', quantity: 1 }] }))).toEqual(['ORD-4:SUBSCRIPTION_LIMIT_REACHED']);
  });
});
