import Decimal from 'decimal.js';
import type { PriceLine } from '../pricing/price-in-effect.loader';
import { PromotionTarget } from '../../../shared/graphql/enums';

/** BIL-5: why a purchase does not qualify for a promotion (Partner Center's eligibility check). */
export enum PromotionIneligibility {
  NO_PROMOTION = 'NO_PROMOTION',
  TRIAL_CONVERSION = 'TRIAL_CONVERSION',
  PURCHASE_TYPE = 'PURCHASE_TYPE',
  NOT_STARTED = 'NOT_STARTED',
  ENDED = 'ENDED',
  MARKET = 'MARKET',
  SEGMENT = 'SEGMENT',
  TERM = 'TERM',
  BILLING_CYCLE = 'BILLING_CYCLE',
  SEAT_COUNT = 'SEAT_COUNT',
}

export interface PromotionTerms {
  id: string;
  markets: readonly string[];
  segment: string;
  termDuration: string;
  billingFrequency: string;
  discountPercent: string;
  startDate: Date;
  endDate: Date;
  appliesTo: readonly string[];
  minQuantity?: number | null;
  maxQuantity?: number | null;
}

/** The purchase asked about. `target` null: a trial conversion, which no promotion ever discounts (TRI-3). */
export type PromotionPurchase = Omit<PriceLine, 'offerId'> & { target: PromotionTarget | null };

export interface IneligibilityReason {
  code: PromotionIneligibility;
  message: string;
}

const TARGET_NAMES: Record<string, string> = { NEW_PURCHASE: 'new purchases', RENEWAL: 'renewals', EA_RENEWAL: 'Enterprise Agreement renewals' };

/** BIL-5: every reason the purchase does not qualify for the promotion; empty when it does. */
export function ineligibilities(promotion: PromotionTerms, purchase: PromotionPurchase): IneligibilityReason[] {
  const reasons: IneligibilityReason[] = [];
  const add = (code: PromotionIneligibility, message: string) => reasons.push({ code, message });
  // TRI-3: promotions never apply to a trial conversion.
  if (purchase.target === null) add(PromotionIneligibility.TRIAL_CONVERSION, 'Promotions never apply to a trial conversion (TRI-3)');
  else if (!promotion.appliesTo.includes(purchase.target)) {
    add(PromotionIneligibility.PURCHASE_TYPE, `The promotion applies to ${promotion.appliesTo.map((t) => TARGET_NAMES[t] ?? t).join(' and ')}, not to ${TARGET_NAMES[purchase.target]}`);
  }
  if (purchase.at < promotion.startDate) add(PromotionIneligibility.NOT_STARTED, `The promotion starts on ${promotion.startDate.toISOString()}`);
  if (purchase.at > promotion.endDate) add(PromotionIneligibility.ENDED, `The promotion ended on ${promotion.endDate.toISOString()}`);
  if (!promotion.markets.includes(purchase.market)) add(PromotionIneligibility.MARKET, `The promotion is not offered in the customer's market ${purchase.market}`);
  if (promotion.segment !== purchase.segment) add(PromotionIneligibility.SEGMENT, `The promotion is for ${promotion.segment} customers, not ${purchase.segment}`);
  if (promotion.termDuration !== purchase.termDuration) add(PromotionIneligibility.TERM, `The promotion needs a ${promotion.termDuration} term, not ${purchase.termDuration}`);
  if (promotion.billingFrequency !== purchase.billingFrequency) {
    add(PromotionIneligibility.BILLING_CYCLE, `The promotion needs ${promotion.billingFrequency} billing, not ${purchase.billingFrequency}`);
  }
  const min = promotion.minQuantity ?? 1;
  const max = promotion.maxQuantity ?? Number.POSITIVE_INFINITY;
  if (purchase.quantity < min || purchase.quantity > max) {
    add(PromotionIneligibility.SEAT_COUNT, `The promotion needs ${Number.isFinite(max) ? `${min} to ${max}` : `at least ${min}`} licences, not ${purchase.quantity}`);
  }
  return reasons;
}

/** Higher discount first, then the one that started last, then by id: one answer whatever the order. */
function better(a: PromotionTerms, b: PromotionTerms): number {
  return new Decimal(b.discountPercent).comparedTo(a.discountPercent) || b.startDate.getTime() - a.startDate.getTime() || a.id.localeCompare(b.id);
}

/** BIL-5: the promotion that applies to the purchase (at most one: the best), if any. */
export function applicablePromotion<P extends PromotionTerms>(promotions: readonly P[], purchase: PromotionPurchase): P | undefined {
  return promotions.filter((p) => !ineligibilities(p, purchase).length).sort(better)[0];
}

/**
 * BIL-5: the eligibility answer for a purchase: the promotion that applies, or else the one it
 * misses by the fewest reasons (then the best), with those reasons; undefined without promotions.
 */
export function eligibilityOf<P extends PromotionTerms>(promotions: readonly P[], purchase: PromotionPurchase): { promotion: P; reasons: IneligibilityReason[] } | undefined {
  const judged = promotions.map((promotion) => ({ promotion, reasons: ineligibilities(promotion, purchase) }));
  judged.sort((a, b) => a.reasons.length - b.reasons.length || better(a.promotion, b.promotion));
  return judged[0];
}
