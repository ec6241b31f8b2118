import Decimal from 'decimal.js';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { formatMoney } from '../../../shared/money';
import { billingFitsTerm, sellsTerms } from '../../../shared/offer-terms';

/** Months in a term (ISO 8601 durations of the catalog) and in a billing period. */
export const TERM_MONTHS: Readonly<Record<string, number>> = { P1M: 1, P1Y: 12, P3Y: 36 };
export const PERIOD_MONTHS: Readonly<Record<BillingFrequency, number>> = { MONTHLY: 1, ANNUAL: 12, TRIENNIAL: 36 };

/** A billing period fits a term when it is not longer: P1M bills monthly; P1Y monthly or annually; P3Y any (CAT-1, one rule: shared/offer-terms.ts). */
export function planFitsTerm(termDuration: string, billingFrequency: BillingFrequency): boolean {
  return billingFitsTerm(termDuration, billingFrequency);
}

export interface SoldTerms {
  termDurations: readonly string[];
  billingFrequencies: readonly string[];
  /** SW-3: frequencies per term where the SKU restricts them. */
  termBilling?: readonly { termDuration: string; billingFrequencies: readonly string[] }[] | null;
}

/** Whether the offer is sold for this term billed this way (CAT-1, SW-3). */
export function sellsTerm(offer: SoldTerms, termDuration: string, billingFrequency: BillingFrequency): boolean {
  return sellsTerms(offer, termDuration, billingFrequency);
}

/**
 * BIL-7: where the price list has no row in effect, the catalog's base price (per licence and
 * month, CAT-2) priced for one billing period: a month, a year (×12) or three years (×36).
 */
export function basePeriodPrice(monthlyAmount: Decimal.Value, billingFrequency: BillingFrequency): Decimal {
  return new Decimal(monthlyAmount).mul(PERIOD_MONTHS[billingFrequency]);
}

/** BIL-5: a unit price less a promotion's percentage, in the currency's digits (half up). */
export function discountedPrice(unitPrice: Decimal.Value, discountPercent: Decimal.Value, currency: string): string {
  return formatMoney(new Decimal(unitPrice).mul(new Decimal(100).minus(discountPercent)).div(100), currency);
}
