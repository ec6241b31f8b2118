import { checkPlan, checkTerms, sellsTerms } from './offer-terms';

const nce = { provisioningId: 'Microsoft_365_E3_(no_Teams)', termDurations: ['P1M', 'P1Y', 'P3Y'], billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'], minQuantity: 1 };
const software = { provisioningId: 'Windows_Server', termDurations: ['P1Y', 'P3Y'], billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'], termBilling: [{ termDuration: 'P1Y', billingFrequencies: ['ANNUAL'] }, { termDuration: 'P3Y', billingFrequencies: ['ANNUAL', 'TRIENNIAL'] }] };

/** CAT-1: the one validation of term, billing frequency and quantity for every new subscription (cart line, EA renewal, conversion, upgrade). */
describe('offer terms (CAT-1, EA-5)', () => {
  it('CAT-1/EA-5: a billing period longer than the term is refused even when the offer has both (P1M billed annually)', () => {
    expect(checkTerms(nce, { quantity: 10, termDuration: 'P1M', billingFrequency: 'ANNUAL' })).toEqual({ ok: false, field: 'billingFrequency', rule: 'CAT-1', message: 'A P1M term cannot be billed annual' });
    expect(checkTerms(nce, { quantity: 10, termDuration: 'P1Y', billingFrequency: 'TRIENNIAL' })).toMatchObject({ ok: false, field: 'billingFrequency' });
    expect(checkTerms(nce, { quantity: 10, termDuration: 'P3Y', billingFrequency: 'TRIENNIAL' })).toEqual({ ok: true, quantity: 10, termDuration: 'P3Y', billingFrequency: 'TRIENNIAL' });
  });

  it('CAT-1: defaults are a one-year term and monthly billing where the offer allows them', () => {
    expect(checkTerms(nce, { quantity: 3 })).toEqual({ ok: true, quantity: 3, termDuration: 'P1Y', billingFrequency: 'MONTHLY' });
    expect(checkPlan(software)).toEqual({ ok: true, termDuration: 'P1Y', billingFrequency: 'ANNUAL' });
  });

  it('CAT-1: terms and billing frequencies the offer does not sell, and quantities that are not positive integers or below the minimum, are refused on their field', () => {
    expect(checkTerms({ ...nce, termDurations: ['P1Y'] }, { quantity: 1, termDuration: 'P1M' })).toMatchObject({ ok: false, field: 'termDuration' });
    expect(checkTerms(software, { quantity: 1, termDuration: 'P1Y', billingFrequency: 'MONTHLY' })).toMatchObject({ ok: false, field: 'billingFrequency', message: expect.stringContaining('for a P1Y term') });
    for (const quantity of [0, -1, 1.5, Number.NaN]) expect(checkTerms(nce, { quantity })).toMatchObject({ ok: false, field: 'quantity' });
    expect(checkTerms({ ...nce, minQuantity: 25 }, { quantity: 24 })).toMatchObject({ ok: false, field: 'quantity', message: expect.stringContaining('at least 25') });
  });

  it('CAT-1/SW-3: sellsTerms agrees with checkPlan', () => {
    for (const offer of [nce, software]) {
      for (const term of ['P1M', 'P1Y', 'P3Y']) {
        for (const billing of ['MONTHLY', 'ANNUAL', 'TRIENNIAL']) expect([term, billing, sellsTerms(offer, term, billing)]).toEqual([term, billing, checkPlan(offer, term, billing).ok]);
      }
    }
  });
});
