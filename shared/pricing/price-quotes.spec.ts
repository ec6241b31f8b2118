import { monthlyTermPrice, type Quote } from './price-quotes';

const quote = (extra: Partial<Quote>): Quote => ({
  offerId: 'offer-e3',
  termDuration: 'P1Y',
  billingFrequency: 'MONTHLY',
  listPrice: { amount: '31.05', currency: 'EUR' },
  effectivePrice: { amount: '31.05', currency: 'EUR' },
  promotionId: null,
  ...extra,
});

describe('monthlyTermPrice (BIL-5, BIL-7)', () => {
  it('BIL-7: a quote without promotion is the monthly list price, with no list price beside it', () => {
    expect(monthlyTermPrice(quote({}))).toEqual({ unitPrice: '31.0500', listUnitPrice: null, promotionId: null, currency: 'EUR' });
  });

  it('BIL-5: a promotion keeps the list price beside the discounted one', () => {
    expect(monthlyTermPrice(quote({ effectivePrice: { amount: '24.84', currency: 'EUR' }, promotionId: 'promo' }))).toEqual({
      unitPrice: '24.8400',
      listUnitPrice: '31.0500',
      promotionId: 'promo',
      currency: 'EUR',
    });
  });

  it('BIL-1: an annual or triennial period price becomes a monthly one (the billing multiplies it back)', () => {
    expect(monthlyTermPrice(quote({ billingFrequency: 'ANNUAL', listPrice: { amount: '372.60', currency: 'EUR' }, effectivePrice: { amount: '279.45', currency: 'EUR' }, promotionId: 'p' }))).toMatchObject({
      unitPrice: '23.2875',
      listUnitPrice: '31.0500',
    });
    expect(monthlyTermPrice(quote({ termDuration: 'P3Y', billingFrequency: 'TRIENNIAL', listPrice: { amount: '1080.00', currency: 'EUR' }, effectivePrice: { amount: '1080.00', currency: 'EUR' } })).unitPrice).toBe('30.0000');
  });
});
