import { BillingFrequency } from '../../../shared/graphql/enums';
import { basePeriodPrice, discountedPrice, planFitsTerm, sellsTerm } from './price.policy';

const { MONTHLY, ANNUAL, TRIENNIAL } = BillingFrequency;

describe('price policy (BIL-7, BIL-5)', () => {
  it('a billing period is never longer than the term', () => {
    expect([MONTHLY, ANNUAL, TRIENNIAL].map((plan) => planFitsTerm('P1M', plan))).toEqual([true, false, false]);
    expect([MONTHLY, ANNUAL, TRIENNIAL].map((plan) => planFitsTerm('P1Y', plan))).toEqual([true, true, false]);
    expect([MONTHLY, ANNUAL, TRIENNIAL].map((plan) => planFitsTerm('P3Y', plan))).toEqual([true, true, true]);
    expect(planFitsTerm('P2Y', MONTHLY)).toBe(false);
  });

  it('an offer sells a term and plan it lists, narrowed by its per-term billing (SW-3)', () => {
    const software = {
      termDurations: ['P1Y', 'P3Y'],
      billingFrequencies: ['ANNUAL', 'TRIENNIAL'],
      termBilling: [{ termDuration: 'P1Y', billingFrequencies: ['ANNUAL'] }],
    };
    expect(sellsTerm(software, 'P1Y', ANNUAL)).toBe(true);
    expect(sellsTerm(software, 'P3Y', TRIENNIAL)).toBe(true);
    expect(sellsTerm(software, 'P1Y', MONTHLY)).toBe(false);
    expect(sellsTerm({ termDurations: ['P1M', 'P1Y'], billingFrequencies: ['MONTHLY', 'ANNUAL'] }, 'P1M', ANNUAL)).toBe(false);
  });

  it('BIL-7: the catalog base price per month is priced for one billing period', () => {
    expect(basePeriodPrice('31.05', MONTHLY).toString()).toBe('31.05');
    expect(basePeriodPrice('31.05', ANNUAL).toString()).toBe('372.6');
    expect(basePeriodPrice('31.05', TRIENNIAL).toString()).toBe('1117.8');
  });

  it('BIL-5: a discount is taken off the exact unit price and rounded half up in the currency digits', () => {
    expect(discountedPrice('37.8', '20', 'EUR')).toBe('30.24');
    expect(discountedPrice('10.005', '0', 'EUR')).toBe('10.01');
    expect(discountedPrice('1500', '15', 'JPY')).toBe('1275');
    expect(discountedPrice('99.99', '100', 'USD')).toBe('0.00');
  });
});
