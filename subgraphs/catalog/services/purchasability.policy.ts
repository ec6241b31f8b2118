import { RESERVATION_EXCLUDED_MARKETS } from '../seed/markets';

/** What the catalog knows about the buyer: the customer's country and segment, and the selling partner. */
export interface Buyer {
  country: string;
  segment: string;
  /** Selling partner's tenant id and PartnerID (CAT-5 exclusivity); absent for other callers. */
  partnerTenantId?: string;
  partnerId?: string;
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
}

export type PurchaseRefusal =
  | 'NOT_TRANSACTABLE'
  | 'ISV_OPTED_OUT'
  | 'END_OF_SALE'
  | 'ISV_EXCLUSIVE'
  | 'SEGMENT_NOT_ELIGIBLE'
  | 'ISV_COUNTRY_NOT_SUPPORTED'
  | 'MARKET_NOT_SOLD';

export interface PurchaseDecision {
  allowed: boolean;
  /** ErrorCode of the refusal: OFFER_NOT_AVAILABLE or OFFER_END_OF_SALE. */
  reason?: 'OFFER_NOT_AVAILABLE' | 'OFFER_END_OF_SALE';
  detail?: PurchaseRefusal;
  message?: string;
  rule?: string;
}

function refuse(reason: PurchaseDecision['reason'], detail: PurchaseRefusal, rule: string, message: string): PurchaseDecision {
  return { allowed: false, reason, detail, rule, message };
}

/**
 * May this offer be bought from the catalog for this buyer (CAT-2, CAT-3, CAT-5, CAT-8)? Only
 * what the catalog can know: rules on what the customer already owns (CAT-4, CAT-6, CAT-7)
 * are checked at checkout. Offer-wide refusals come first, then those about the buyer.
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
  if (!offer.segments.includes(buyer.segment)) {
    return refuse('OFFER_NOT_AVAILABLE', 'SEGMENT_NOT_ELIGIBLE', 'CAT-2', `${offer.provisioningId} is not offered to ${buyer.segment} customers`);
  }
  if (!offer.markets.includes(buyer.country)) {
    return isv
      ? refuse('OFFER_NOT_AVAILABLE', 'ISV_COUNTRY_NOT_SUPPORTED', 'CAT-5', `The publisher of ${offer.provisioningId} does not support billing in ${buyer.country}`)
      : refuse('OFFER_NOT_AVAILABLE', 'MARKET_NOT_SOLD', RESERVATION_EXCLUDED_MARKETS.includes(buyer.country) ? 'CAT-8' : 'CAT-2', `${offer.provisioningId} is not sold in ${buyer.country}`);
  }
  return { allowed: true };
}
