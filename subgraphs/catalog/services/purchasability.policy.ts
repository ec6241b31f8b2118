import { RESERVATION_EXCLUDED_MARKETS } from '../seed/markets';

/** What the catalog knows about the buyer: the customer's country and segment, and the selling partner. */
export interface Buyer {
  country: string;
  segment: string;
  /** Selling partner's tenant id and PartnerID (CAT-5 exclusivity); absent for other callers. */
  partnerTenantId?: string;
  partnerId?: string;
  /** CAT-4: the caller's live subscription of a one-per-customer offer for this customer, if any. */
  holding?: OfferHolding | null;
}

/** CAT-4: a live subscription the customer already holds of an offer (as the caller sees it). */
export interface OfferHolding {
  /** Null: the customer holds it through another partner (its id is not the caller's to see, ACT-2). */
  subscriptionId: string | null;
  status: string;
}

/** The offer facts purchasability depends on. */
export interface PurchasableOffer {
  provisioningId: string;
  publisher: 'MICROSOFT' | 'ISV';
  lifecycle: 'AVAILABLE' | 'END_OF_SALE' | 'END_OF_SALE_WITH_CONVERSIONS';
  segments: readonly string[];
  markets: readonly string[];
  exclusivePartners: readonly string[];
  cspOptOut: boolean;
  transactable: boolean;
  /** CAT-8: Azure reservations are the SKUs the seed 003 market list is about. */
  azureReservation?: boolean;
  /** CAT-8: Azure reservations and server subscriptions are sold to commercial customers only. */
  commercialOnly?: boolean;
  /** CAT-4: limited to one subscription per customer. */
  onePerCustomer?: boolean;
}

export type PurchaseRefusal =
  | 'NOT_TRANSACTABLE'
  | 'ISV_OPTED_OUT'
  | 'END_OF_SALE'
  | 'ISV_EXCLUSIVE'
  | 'SEGMENT_NOT_ELIGIBLE'
  | 'ISV_COUNTRY_NOT_SUPPORTED'
  | 'MARKET_NOT_SOLD'
  | 'COMMERCIAL_ONLY'
  | 'ALREADY_HELD'
  | 'HELD_SUSPENDED';

export interface PurchaseDecision {
  allowed: boolean;
  /** ErrorCode of the refusal: OFFER_NOT_AVAILABLE, OFFER_END_OF_SALE or ONE_PER_CUSTOMER. */
  reason?: 'OFFER_NOT_AVAILABLE' | 'OFFER_END_OF_SALE' | 'ONE_PER_CUSTOMER';
  detail?: PurchaseRefusal;
  message?: string;
  rule?: string;
}

function refuse(reason: PurchaseDecision['reason'], detail: PurchaseRefusal, rule: string, message: string): PurchaseDecision {
  return { allowed: false, reason, detail, rule, message };
}

/**
 * May this offer be bought from the catalog for this buyer (CAT-2, CAT-3, CAT-4, CAT-5, CAT-8)?
 * Offer-wide refusals come first, then those about the buyer, then what the customer already
 * holds (CAT-4, from the facts given). Quantity rules on what the customer owns (CAT-6, CAT-7)
 * and the race-free CAT-4 count are checkout's, under its customer lock.
 */
export function evaluatePurchase(offer: PurchasableOffer, buyer: Buyer): PurchaseDecision {
  const isv = offer.publisher === 'ISV';
  if (!offer.transactable) {
    return refuse('OFFER_NOT_AVAILABLE', 'NOT_TRANSACTABLE', 'CAT-5', `${offer.provisioningId} cannot be transacted through the partner centre`);
  }
  if (isv && offer.cspOptOut) {
    return refuse('OFFER_NOT_AVAILABLE', 'ISV_OPTED_OUT', 'CAT-5', `The publisher of ${offer.provisioningId} does not sell it through CSP`);
  }
  if (offer.lifecycle !== 'AVAILABLE') {
    return refuse('OFFER_END_OF_SALE', 'END_OF_SALE', 'CAT-3', `${offer.provisioningId} is end of sale: reachable only by an EA renewal or as an upgrade target`);
  }
  if (offer.exclusivePartners.length) {
    const listed = [buyer.partnerTenantId, buyer.partnerId].some((id) => id !== undefined && offer.exclusivePartners.includes(id));
    if (!listed) return refuse('OFFER_NOT_AVAILABLE', 'ISV_EXCLUSIVE', 'CAT-5', `${offer.provisioningId} is exclusive to certain partners`);
  }
  if (offer.commercialOnly && buyer.segment !== 'COMMERCIAL') {
    return refuse('OFFER_NOT_AVAILABLE', 'COMMERCIAL_ONLY', 'CAT-8', `${offer.provisioningId} is sold to commercial customers only, not to ${buyer.segment} customers`);
  }
  if (!offer.segments.includes(buyer.segment)) {
    return refuse('OFFER_NOT_AVAILABLE', 'SEGMENT_NOT_ELIGIBLE', 'CAT-2', `${offer.provisioningId} is not offered to ${buyer.segment} customers`);
  }
  if (!offer.markets.includes(buyer.country)) {
    return isv
      ? refuse('OFFER_NOT_AVAILABLE', 'ISV_COUNTRY_NOT_SUPPORTED', 'CAT-5', `The publisher of ${offer.provisioningId} does not support billing in ${buyer.country}`)
      : refuse('OFFER_NOT_AVAILABLE', 'MARKET_NOT_SOLD', reservationExcluded(offer, buyer.country) ? 'CAT-8' : 'CAT-2', `${offer.provisioningId} is not sold in ${buyer.country}`);
  }
  if (offer.onePerCustomer && buyer.holding) {
    // CAT-4: the limit is the customer's, whichever partner holds it.
    const { subscriptionId, status } = buyer.holding;
    const which = subscriptionId ? `subscription ${subscriptionId}` : 'a subscription through another partner';
    return status === 'SUSPENDED'
      ? refuse('ONE_PER_CUSTOMER', 'HELD_SUSPENDED', 'CAT-4', `${offer.provisioningId} is limited to one subscription per customer and the customer's ${which} of it is suspended: reactivate it instead of buying a new one`)
      : refuse('ONE_PER_CUSTOMER', 'ALREADY_HELD', 'CAT-4', `${offer.provisioningId} is limited to one subscription per customer and the customer already holds it (${which})`);
  }
  return { allowed: true };
}

/** CAT-8: the seed 003 list restricts Azure reservations only; other SKUs not sold somewhere fall under CAT-2. */
function reservationExcluded(offer: PurchasableOffer, country: string): boolean {
  return Boolean(offer.azureReservation) && RESERVATION_EXCLUDED_MARKETS.includes(country);
}
