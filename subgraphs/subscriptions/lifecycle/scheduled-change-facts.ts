import type { EntityManager } from '../../../shared/db/orm';
import type { Graph } from '../../../shared/graph-client';
import { catalogPeer } from '../peers/catalog';
import { customersPeer } from '../peers/customers';
import { ScheduledChange } from '../entities/scheduled-change.entity';
import { Subscription } from '../entities/subscription.entity';
import type { PricedOffer, ScheduledChange as DueChange } from '../transitions/subscription-transitions';

/** The monthly unit price of an offer in a subscription's customer market, or null when it has none. */
export type OfferPricer = (subscription: Subscription, offerId: string) => Promise<PricedOffer | null>;

/**
 * SCH-1 facts through the graph: the price of a scheduled SKU in the customer's market (the
 * country comes from the customers subgraph, the price from the catalog). Never reads another
 * subgraph's tables.
 */
export function graphOfferPricer(graph: Graph): OfferPricer {
  return async (subscription, offerId) => {
    const market = await customersPeer.market(graph, subscription.customerId);
    const price = market ? await catalogPeer.offerPrice(graph, offerId, market) : null;
    return price ? { offerId, unitPrice: price.amount, currency: price.currency } : null;
  };
}

/**
 * Before the due unit (no transaction open): the price of the SKU a due subscription's scheduled
 * change upgrades to, null when its change names no SKU. A change naming a SKU the catalog does
 * not price fails the unit, to be retried, rather than renewing at the wrong SKU.
 */
export async function scheduledOfferPrice(em: EntityManager, subscriptionId: string, pricer: OfferPricer | undefined): Promise<PricedOffer | null> {
  const saved = await em.fork().findOne(ScheduledChange, { subscriptionId });
  if (!saved?.offerId) return null;
  const subscription = await em.fork().findOneOrFail(Subscription, { id: subscriptionId });
  const priced = pricer ? await pricer(subscription, saved.offerId) : null;
  if (!priced) throw new Error(`no price for the scheduled offer ${saved.offerId} of subscription ${subscriptionId}`);
  return priced;
}

/**
 * Inside the due unit: the scheduled change the renewal applies, with the price read before
 * (SUB-8 keeps it read-only meanwhile); 'stale' if it names another SKU than was priced.
 */
export async function dueScheduledChange(em: EntityManager, subscriptionId: string, priced: PricedOffer | null): Promise<DueChange | null | 'stale'> {
  const saved = await em.findOne(ScheduledChange, { subscriptionId }, { refresh: true });
  if (!saved) return null;
  if ((saved.offerId ?? null) !== (priced?.offerId ?? null)) return 'stale';
  return {
    offer: priced ?? undefined,
    quantity: saved.quantity ?? undefined,
    termDuration: saved.termDuration ?? undefined,
    billingFrequency: saved.billingFrequency ?? undefined,
    termEnd: saved.customTermEnd ?? undefined,
  };
}
