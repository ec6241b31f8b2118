import { SubscriptionStatus } from '../../../shared/graphql/enums';

/**
 * License caps and the statuses that count towards them, in one place (STYLE.md: a rule once):
 * the cart, checkout and quantity increases all ask these.
 */

/** CAT-6: small-business suites are capped at this many licenses per customer. */
export const SMALL_BUSINESS_CAP = 300;

/**
 * Statuses of a customer's subscriptions that hold licenses and a place in the directory:
 * CAT-4 (one per customer), CAT-6 (cap), CAT-7 (add-on bases) and ORD-4 (directory limit) count
 * them, whether at checkout or for a quantity increase. PENDING is being provisioned: it counts.
 */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = [SubscriptionStatus.PENDING, SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED];

/** REL-7: subscriptions that keep a relationship from being removed (suspended ones do not). */
export const RELATIONSHIP_HOLDING_STATUSES: readonly SubscriptionStatus[] = [SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING];

/** The catalog facts the caps depend on. */
export interface CappedOffer {
  provisioningId: string;
  category: string;
  maxQuantity: number;
}

export interface CapViolation {
  code: 'LICENSE_CAP_EXCEEDED';
  message: string;
  rule: string;
}

/**
 * CAT-1: the offer's maximum per subscription. A small-business quantity beyond the CAT-6 cap
 * is left to `customerCap`, which reports it with the rule the partner has to know.
 */
export function perSubscriptionCap(offer: CappedOffer, quantity: number): CapViolation | null {
  if (quantity <= offer.maxQuantity || (offer.category === 'SMALL_BUSINESS' && quantity > SMALL_BUSINESS_CAP)) return null;
  return { code: 'LICENSE_CAP_EXCEEDED', message: `${offer.provisioningId} allows at most ${offer.maxQuantity} licenses per subscription`, rule: 'CAT-1' };
}

/** CAT-6: `total` licenses of a small-business suite for one customer (existing plus requested). */
export function customerCap(offer: CappedOffer, total: number): CapViolation | null {
  if (offer.category !== 'SMALL_BUSINESS' || total <= SMALL_BUSINESS_CAP) return null;
  return {
    code: 'LICENSE_CAP_EXCEEDED',
    message: `${offer.provisioningId} is capped at ${SMALL_BUSINESS_CAP} licenses per customer (${total} requested in total)`,
    rule: 'CAT-6',
  };
}
