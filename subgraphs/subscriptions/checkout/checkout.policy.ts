import type { ErrorCode } from '../../../shared/errors';
import { EU_EFTA, regionOf } from '../../../shared/regions';
import { customerCap, perSubscriptionCap } from './license-caps';

/**
 * The checkout rules of SPEC §2, §4 and §5 as one pure function over plain facts (STYLE.md:
 * the rule lives in one place). The checkout service gathers the facts (the graph for other
 * subgraphs' data, SQL counts for its own) and refuses the checkout on the first violation.
 */

export const COPILOT_PROVISIONING_ID = 'Microsoft_365_Copilot';
export const MULTI_GEO_PROVISIONING_ID = 'Multi-Geo_Capabilities_in_Microsoft_365';
/** CAT-6: small-business suites are capped per customer. */
export const SMB_LICENSE_CAP = 300;
/** CAT-7: Multi-Geo needs at least this percentage of the eligible base licenses (unless the catalog says otherwise). */
export const MULTI_GEO_MINIMUM_PERCENT = 5;
/** ORD-3: additional resellers after the initial one. */
export const MAX_ADDITIONAL_RESELLERS = 5;

export type AddOnRule = 'COPILOT' | 'MULTI_GEO' | 'STANDARD';

export interface OfferFacts {
  id: string;
  provisioningId: string;
  category: string;
  lifecycle: string;
  publisher?: string;
  segments: string[];
  markets?: string[];
  maxQuantity: number;
  minQuantity: number;
  onePerCustomer: boolean;
  prerequisites: string[];
  /** Price in the customer's market; null where the offer is not sold. */
  price: { amount: string; currency: string } | null;
  /** The catalog's verdict (CAT-2/3/5/8) for the customer: trusted as given, never re-judged here. */
  purchasable?: { allowed: boolean; reason?: string | null; message?: string | null; rule?: string | null } | null;
  /** CAT-7: the catalog's quantity rule of an add-on. */
  addOnRule?: { kind: string; percent?: number | null } | null;
  /** SW-1: perpetual software becomes an order line, not a subscription. */
  isPerpetual?: boolean;
}

export interface CustomerFacts {
  id: string;
  country: string;
  segment: string;
  agreementAccepted: boolean;
  relationshipActive?: boolean;
}

export interface PartnerFacts {
  id: string;
  type: string;
  region: string;
}

/** What the graph says about a named reseller (RES-2, RES-3). */
export interface ResellerFacts {
  /** Onboarded indirect reseller with a signed MPA. */
  valid: boolean;
  /** In the caller's list of partnered resellers. */
  partnered: boolean;
  reason?: string | null;
}

export interface CheckoutLineFacts {
  offerId: string;
  quantity: number;
  resellerPartnerId?: string;
  coterminousWithSubscriptionId?: string;
}

/** An existing subscription of the caller that a cart line ends with (ORD-1). */
export interface CoterminousTarget {
  status: string;
  termEnd: Date;
}

/** Numbers about the customer's existing live subscriptions (never other partners' records). */
export interface ExistingCounts {
  /** ORD-4: live subscriptions of the customer across all partners. */
  liveSubscriptionsAllPartners: number;
  /** CAT-4: live subscriptions per offer id across all partners (the limit is the customer's). */
  subscriptionsByOfferAllPartners: Record<string, number>;
  /** CAT-6/CAT-7: live licenses per offer id across all partners. */
  licensesByOfferAllPartners: Record<string, number>;
}

export interface CheckoutFacts {
  partner: PartnerFacts;
  /** null: the caller has no visible relationship with the customer (REL-1). */
  customer: CustomerFacts | null;
  lines: CheckoutLineFacts[];
  /** Offers of the cart lines and of the customer's existing subscriptions, by id. */
  offers: Record<string, OfferFacts>;
  existing: ExistingCounts;
  attestationAccepted: boolean;
  additionalResellers: string[];
  resellers: Record<string, ResellerFacts>;
  directoryLimit: number;
  /** ORD-1: the caller's subscriptions of the customer that lines name as coterminous, by id. */
  coterminous?: Record<string, CoterminousTarget>;
  now?: Date;
}

export interface Violation {
  code: ErrorCode;
  message: string;
  rule: string;
  field?: string[];
}

/** CAT-7/SUB-9: how the catalog says an add-on's quantity is bound; null for an offer that is not an add-on. */
export function addOnRuleOf(offer: Pick<OfferFacts, 'addOnRule' | 'prerequisites'>): AddOnRule | null {
  if (offer.addOnRule?.kind === 'COPILOT_MAX_BASE') return 'COPILOT';
  if (offer.addOnRule?.kind === 'MULTI_GEO_MIN_PERCENT') return 'MULTI_GEO';
  return offer.prerequisites.length ? 'STANDARD' : null;
}

/** CAT-7: 400 base licenses at 5% → at least 20 Multi-Geo licenses (rounded up). */
export function multiGeoMinimum(offer: OfferFacts, baseLicenses: number): number {
  return Math.ceil((baseLicenses * (offer.addOnRule?.percent ?? MULTI_GEO_MINIMUM_PERCENT)) / 100);
}

/** Every violation of the checkout rules, in the order a partner would fix them. */
export function checkoutViolations(facts: CheckoutFacts): Violation[] {
  const customer = facts.customer;
  // REL-1: without a relationship nothing else can be judged.
  if (!customer || customer.relationshipActive === false) {
    return [{ code: 'NO_RELATIONSHIP', message: 'You have no reseller relationship with this customer', rule: 'REL-1' }];
  }
  const violations: Violation[] = [];
  const add = (code: ErrorCode, message: string, rule: string, field?: string[]) => violations.push({ code, message, rule, field });

  if (regionOf(customer.country) !== facts.partner.region) {
    add('REGION_MISMATCH', `The customer's country ${customer.country} is outside your CSP region`, 'REL-3');
  }
  if (!customer.agreementAccepted) {
    add('CUSTOMER_AGREEMENT_REQUIRED', 'The customer has not accepted the customer agreement; supply proof of acceptance first', 'REL-6');
  }
  if (!facts.attestationAccepted) {
    add('ATTESTATION_REQUIRED', 'Confirm that you act as indirect partner when you choose a reseller and as direct partner when you do not', 'ORD-2', [
      'attestationAccepted',
    ]);
  }
  resellerViolations(facts, customer, add);
  facts.lines.forEach((line, index) => lineViolations(facts, customer, line, index, add));
  aggregateViolations(facts, add);

  // ORD-4: every line becomes a new subscription of the customer's directory (perpetual software does not, SW-1).
  const newSubscriptions = facts.lines.filter((line) => !facts.offers[line.offerId]?.isPerpetual).length;
  if (newSubscriptions && facts.existing.liveSubscriptionsAllPartners + newSubscriptions > facts.directoryLimit) {
    add(
      'SUBSCRIPTION_LIMIT_REACHED',
      `The customer holds ${facts.existing.liveSubscriptionsAllPartners} subscriptions; the directory limit is ${facts.directoryLimit}. Add licenses to an existing subscription instead`,
      'ORD-4',
    );
  }
  return violations;
}

type Add = (code: ErrorCode, message: string, rule: string, field?: string[]) => void;

function resellerViolations(facts: CheckoutFacts, customer: CustomerFacts, add: Add): void {
  const indirect = facts.partner.type === 'INDIRECT_PROVIDER';
  facts.lines.forEach((line, index) => {
    const field = ['lines', String(index), 'resellerPartnerId'];
    if (!line.resellerPartnerId) {
      // ORD-2: an indirect provider sells only through an indirect reseller.
      if (indirect) add('RESELLER_REQUIRED', 'An indirect provider must name the indirect reseller for each line', 'ORD-2', field);
      return;
    }
    if (!indirect) {
      add('INVALID_RESELLER', 'A direct-bill partner transacts without an indirect reseller', 'ORD-2', field);
      return;
    }
    const reseller = facts.resellers[line.resellerPartnerId];
    if (!reseller?.valid) {
      add('INVALID_RESELLER', `${line.resellerPartnerId} is not an onboarded indirect reseller with a signed MPA${reseller?.reason ? `: ${reseller.reason}` : ''}`, 'RES-2', field);
    } else if (!reseller.partnered) {
      add('INVALID_RESELLER', `${line.resellerPartnerId} is not one of your indirect resellers`, 'RES-3', field);
    }
  });
  // ORD-3: additional resellers (EU/EFTA declaration) follow the initial reseller (the lines' indirect reseller): at most five, each verified.
  if (facts.additionalResellers.length && !declaresAdditionalResellers(customer.country)) {
    add('INVALID_RESELLER', `Additional resellers are declared only for customers in EU/EFTA countries, not ${customer.country}`, 'ORD-3', ['additionalResellers']);
  } else if (facts.additionalResellers.length && facts.lines.some((line) => !line.resellerPartnerId)) {
    add('RESELLER_REQUIRED', 'Additional resellers follow the initial reseller: name the indirect reseller on every line first', 'ORD-3', ['additionalResellers']);
  }
  if (facts.additionalResellers.length > MAX_ADDITIONAL_RESELLERS) {
    add('TOO_MANY_RESELLERS', `At most ${MAX_ADDITIONAL_RESELLERS} additional resellers can be declared`, 'ORD-3', ['additionalResellers']);
  }
  facts.additionalResellers.forEach((partnerId, index) => {
    const reseller = facts.resellers[partnerId];
    if (!reseller?.valid) {
      add('INVALID_RESELLER', `Additional reseller ${partnerId} is not a verified PartnerID with a signed MPA${reseller?.reason ? `: ${reseller.reason}` : ''}`, 'ORD-3', [
        'additionalResellers',
        String(index),
      ]);
    }
  });
}

/** Whether additional resellers are declared for this customer's country (ORD-3). */
export function declaresAdditionalResellers(country: string): boolean {
  return EU_EFTA.has(country.toUpperCase());
}

function lineViolations(facts: CheckoutFacts, customer: CustomerFacts, line: CheckoutLineFacts, index: number, add: Add): void {
  const offer = facts.offers[line.offerId];
  const field = ['lines', String(index), 'offerId'];
  if (!offer) {
    add('OFFER_NOT_AVAILABLE', `Offer ${line.offerId} is not in the catalog`, 'CAT-5', field);
    return;
  }
  // CAT-2/3/5/8: the catalog's verdict for this customer, with its own code, rule and reason.
  const verdict = offer.purchasable;
  if (!verdict?.allowed) {
    const code: ErrorCode = verdict?.reason === 'OFFER_END_OF_SALE' || verdict?.reason === 'ONE_PER_CUSTOMER' ? verdict.reason : 'OFFER_NOT_AVAILABLE';
    add(code, verdict?.message ?? `${offer.provisioningId} cannot be bought for this customer`, verdict?.rule ?? 'CAT-5', field);
    return;
  }
  if (!offer.price) {
    add('OFFER_NOT_AVAILABLE', `${offer.provisioningId} has no price in ${customer.country}`, 'CAT-5', field);
    return;
  }
  const cap = perSubscriptionCap(offer, line.quantity);
  if (cap) add(cap.code, cap.message, cap.rule, ['lines', String(index), 'quantity']);
  // ORD-1: a coterminous end needs an active subscription whose term is still running.
  if (line.coterminousWithSubscriptionId) {
    const target = facts.coterminous?.[line.coterminousWithSubscriptionId];
    const running = target && target.status === 'ACTIVE' && (!facts.now || target.termEnd.getTime() > facts.now.getTime());
    if (!running) {
      add(
        'TARGET_SUBSCRIPTION_INVALID',
        `Subscription ${line.coterminousWithSubscriptionId} is ${target ? target.status.toLowerCase() : 'unknown'}${target?.status === 'ACTIVE' ? ' at the end of its term' : ''}: a new subscription can only end with an active one`,
        'ORD-1',
        ['lines', String(index), 'coterminousWithSubscriptionId'],
      );
    }
  }
}

function aggregateViolations(facts: CheckoutFacts, add: Add): void {
  const cartQuantity = new Map<string, number>();
  const cartLines = new Map<string, number>();
  for (const line of facts.lines) {
    cartQuantity.set(line.offerId, (cartQuantity.get(line.offerId) ?? 0) + line.quantity);
    cartLines.set(line.offerId, (cartLines.get(line.offerId) ?? 0) + 1);
  }
  const licensesOf = (predicate: (offer: OfferFacts) => boolean) => {
    let total = 0;
    for (const [offerId, quantity] of Object.entries(facts.existing.licensesByOfferAllPartners)) {
      const offer = facts.offers[offerId];
      if (offer && predicate(offer)) total += quantity;
    }
    for (const [offerId, quantity] of cartQuantity) {
      const offer = facts.offers[offerId];
      if (offer && predicate(offer)) total += quantity;
    }
    return total;
  };

  for (const [offerId, lines] of cartLines) {
    const offer = facts.offers[offerId];
    if (!offer) continue;
    const field = ['lines', String(facts.lines.findIndex((l) => l.offerId === offerId)), 'quantity'];
    // CAT-4: the customer's existing live subscriptions of the offer, through any partner, plus the cart's lines (once: the catalog's verdict may have said it).
    if (offer.onePerCustomer && offer.purchasable?.reason !== 'ONE_PER_CUSTOMER' && (facts.existing.subscriptionsByOfferAllPartners[offerId] ?? 0) + lines > 1) {
      add('ONE_PER_CUSTOMER', `${offer.provisioningId} is limited to one subscription per customer`, 'CAT-4', field);
    }
    // CAT-6: existing licenses of the customer plus the cart.
    const cap = customerCap(offer, licensesOf((o) => o.id === offerId));
    if (cap) add(cap.code, cap.message, cap.rule, field);
    // CAT-7: add-ons against the eligible base licenses of all partners plus the cart.
    const rule = addOnRuleOf(offer);
    if (!rule) continue;
    const bases = new Set(offer.prerequisites);
    const base = licensesOf((o) => bases.has(o.provisioningId));
    const addOns = licensesOf((o) => o.id === offerId);
    if (base === 0) {
      add('ADDON_PREREQUISITE_MISSING', `${offer.provisioningId} needs one of ${offer.prerequisites.join(', ')}`, 'CAT-7', field);
    } else if (rule === 'COPILOT' && addOns > base) {
      add('ADDON_LIMIT_EXCEEDED', `${offer.provisioningId}: ${addOns} licenses exceed the ${base} eligible base licenses`, 'CAT-7', field);
    } else if (rule === 'MULTI_GEO' && addOns < multiGeoMinimum(offer, base)) {
      add(
        'ADDON_MINIMUM_NOT_MET',
        `${offer.provisioningId} needs at least ${multiGeoMinimum(offer, base)} licenses (${offer.addOnRule?.percent ?? MULTI_GEO_MINIMUM_PERCENT}% of ${base} eligible base licenses)`,
        'CAT-7',
        field,
      );
    }
  }
}
