import { dataOf, type TestStack } from '../support/stack';

export const IMPORT_PROMOTIONS = `mutation($i: ImportPromotionsInput!) { importPromotions(input: $i) {
  promotions { id offer { id } markets segment termDuration billingFrequency discountPercent startDate endDate appliesTo minQuantity maxQuantity }
  errors { code message rule } } }`;

/** A promotion of Microsoft 365 E3 (no Teams): 15% off P1Y billed monthly, commercial, DE and AT, new purchases, 2031. */
export function promotion(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'promo-e3',
    offerId: 'offer-m365-e3-no-teams',
    markets: ['DE', 'AT'],
    segment: 'COMMERCIAL',
    termDuration: 'P1Y',
    billingFrequency: 'MONTHLY',
    discountPercent: 15,
    startDate: '2031-01-01T00:00:00Z',
    endDate: '2031-06-30T23:59:59Z',
    appliesTo: ['NEW_PURCHASE'],
    ...extra,
  };
}

/** Imports promotions as the operator; throws on any error. */
export async function importPromotions(t: TestStack, promotions: Record<string, unknown>[]) {
  const payload = dataOf(await t.gql(await t.operatorToken(), IMPORT_PROMOTIONS, { i: { promotions } })).importPromotions;
  if (payload.errors.length) throw new Error(JSON.stringify(payload.errors));
  return payload.promotions;
}
