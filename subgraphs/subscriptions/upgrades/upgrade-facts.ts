import type { RequestContext } from '../../../shared/context';
import { glanceAtOwnSubscription, type SubscriptionGlance } from '../lifecycle/subscription-peek';
import { catalogPeer, type CatalogOffer, type Money } from '../peers/catalog';
import { customersPeer, marketOf } from '../peers/customers';
import { transfersPeer } from '../peers/transfers';

/**
 * Catalog and customer facts of upgrades, trial conversions and scheduled changes (CAT-10,
 * UPG-*, TRI-3, SCH-1), read through the graph as the caller before the unit opens; the unit
 * re-reads the subscription and refuses facts read for another SKU (CONFLICT, retry).
 */

/** What these changes need to know of an offer, with its monthly unit price in the customer's market (null: not sold there). */
export interface CatalogSku extends CatalogOffer {
  price?: Money | null;
}

/** The catalog's verdict on a path source → target (CAT-10). */
export interface Eligibility {
  eligible: boolean;
  kind?: string | null;
  detail?: string | null;
  message?: string | null;
  rule?: string | null;
}

/** The subscription as it stood when the facts were read. */
export interface ChangeFacts {
  subscription: SubscriptionGlance;
  /** The customer's country (the price market); null when the caller may not see the customer (REL-1). */
  market: string | null;
  /** The subscription's offer, and for a trial its paid equivalent (the base of its eligible targets). */
  current: CatalogSku | null;
  /** The SKU eligibility is judged from: the subscription's own, or a trial's paid equivalent (null: it has none). */
  baseOfferId: string | null;
  paidEquivalent: CatalogSku | null;
  /** The requested offer; null when the catalog does not know it. */
  target: CatalogSku | null;
  /** From the current offer (a trial: its paid equivalent) to the target; null when the target is that offer. */
  eligibility: Eligibility | null;
  /** UPG-3: offers the customer still holds through running Enterprise Agreements (another channel). */
  eaHeldOfferIds: string[];
}

/**
 * Before the unit: the facts of changing subscription `subscriptionId` to `targetOfferId`
 * (default: the subscription's own SKU, or for a trial its paid equivalent). Null when the
 * caller has no such subscription (the unit answers NOT_FOUND). Three calls at most: the
 * customer's country, the offers, then prices and eligibility.
 */
export async function readChangeFacts(ctx: RequestContext<unknown>, subscriptionId: string, targetOfferId?: string | null): Promise<ChangeFacts | null> {
  const subscription = await glanceAtOwnSubscription(ctx, subscriptionId);
  if (!subscription) return null;
  const [customer, current, eaHeldOfferIds] = await Promise.all([
    customersPeer.customer(ctx.graph, subscription.customerId),
    catalogPeer.offer(ctx.graph, subscription.offerId),
    transfersPeer.eaHeldOfferIds(ctx.graph, subscription.customerId),
  ]);
  const market = marketOf(customer);
  const baseId = subscription.isTrial ? (current?.paidOfferId ?? null) : subscription.offerId;
  const targetId = typeof targetOfferId === 'string' && targetOfferId && targetOfferId.length <= 100 ? targetOfferId : baseId;
  const ids = [...new Set([baseId, targetId].filter((id): id is string => Boolean(id)))];
  const facts: ChangeFacts = { subscription, market, current, baseOfferId: baseId, paidEquivalent: null, target: null, eligibility: null, eaHeldOfferIds };
  if (!ids.length) return facts;
  const [offers, prices] = await Promise.all([catalogPeer.offers(ctx.graph, ids), market ? catalogPeer.offerPrices(ctx.graph, ids, market) : new Map<string, Money>()]);
  const priced = (id: string | null): CatalogSku | null => {
    const offer = id ? offers.get(id) : undefined;
    return offer ? { ...offer, price: prices.get(offer.id) ?? null } : null;
  };
  facts.paidEquivalent = subscription.isTrial ? priced(baseId) : null;
  facts.target = priced(targetId);
  if (baseId && facts.target && targetId !== baseId) {
    // CAT-10: the catalog owns eligibility; it is asked only about an offer it knows.
    const eligibility = await catalogPeer.upgradeEligibility(ctx.graph, baseId, facts.target.id);
    facts.eligibility = eligibility ?? { eligible: false, message: `${baseId} is not in the catalog`, rule: 'CAT-10' };
  }
  return facts;
}
