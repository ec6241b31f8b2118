import type { EntityManager } from '../../../shared/db/orm';
import type { Graph } from '../../../shared/graph-client';
import { marketOf } from '../peers/customers';
import { ScheduledChange } from '../entities/scheduled-change.entity';
import type { Subscription } from '../entities/subscription.entity';
import type { PricedOffer, ScheduledChange as DueChange } from '../transitions/subscription-transitions';
import type { BatchCustomers } from './due-facts';
import { priceKey, pricesByMarket } from './market-prices';

/** The monthly unit price of each scheduled SKU in its subscription's customer market, by subscription id (null: none). */
export type OfferPricer = (wanted: readonly { subscription: Subscription; offerId: string }[], customers: BatchCustomers) => Promise<Map<string, PricedOffer | null>>;

/**
 * SCH-1 facts through the graph: the price of each scheduled SKU in the customer's market (the
 * country from the customers subgraph, the prices from the catalog: one request per market).
 * Never reads another subgraph's tables.
 */
export function graphOfferPricer(graph: Graph): OfferPricer {
  return async (wanted, customers) => {
    const marketed = wanted.flatMap(({ subscription, offerId }) => {
      const market = marketOf(customers.get(subscription.customerId) ?? null);
      return market ? [{ id: subscription.id, offerId, market }] : [];
    });
    const prices = await pricesByMarket(graph, marketed);
    const priced = new Map<string, PricedOffer | null>(wanted.map(({ subscription }) => [subscription.id, null]));
    for (const { id, offerId, market } of marketed) {
      const price = prices.get(priceKey(offerId, market));
      if (price) priced.set(id, { offerId, unitPrice: price.amount, currency: price.currency });
    }
    return priced;
  };
}

/**
 * Inside the due unit: the scheduled changes (SCH-1) of the subscriptions being settled, read
 * again in one statement for all of them, by subscription id.
 */
export async function savedScheduledChanges(em: EntityManager, subscriptionIds: readonly string[]): Promise<Map<string, ScheduledChange>> {
  if (!subscriptionIds.length) return new Map();
  const saved = await em.find(ScheduledChange, { subscriptionId: { $in: [...subscriptionIds] } }, { refresh: true });
  return new Map(saved.map((change) => [change.subscriptionId, change]));
}

/**
 * The scheduled change a renewal applies, with the price read before (SUB-8 keeps it read-only
 * meanwhile); 'stale' if it names another SKU than was priced.
 */
export function dueScheduledChange(saved: ScheduledChange | undefined, priced: PricedOffer | null): DueChange | null | 'stale' {
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
