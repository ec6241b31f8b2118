import type { Graph } from '../../../shared/graph-client';
import { catalogPeer } from '../peers/catalog';
import { marketOf } from '../peers/customers';
import type { Subscription } from '../entities/subscription.entity';
import type { BatchCustomers } from './due-facts';
import { priceKey, pricesByMarket } from './market-prices';

/** What a trial converts to (TRI-2): the paid SKU and its monthly unit price in the customer's market. */
export interface PaidEquivalent {
  offerId: string;
  unitPrice: string;
  currency: string;
}

/** Finds each trial's paid equivalent by subscription id, null when there is none (the trial then ends). */
export type TrialConverter = (trials: readonly Subscription[], customers: BatchCustomers) => Promise<Map<string, PaidEquivalent | null>>;

/**
 * TRI-2 facts through the graph: the catalog names the paid equivalent of each trial SKU (one
 * request for the batch) and its price in the customer's market (the customer's country from
 * the customers subgraph; one request per market). Never reads another subgraph's tables.
 */
export function graphTrialConverter(graph: Graph): TrialConverter {
  return async (trials, customers) => {
    const offers = await catalogPeer.offers(graph, trials.map((trial) => trial.offerId));
    const wanted = trials.flatMap((trial) => {
      const offer = offers.get(trial.offerId);
      // ORD-6: a marketplace SaaS free trial continues as the paid term of its own offer.
      const paidOfferId = offer?.paidOfferId ?? (offer?.marketplaceTrialDays ? trial.offerId : null);
      const market = marketOf(customers.get(trial.customerId) ?? null);
      return paidOfferId && market ? [{ id: trial.id, paidOfferId, market }] : [];
    });
    const prices = await pricesByMarket(graph, wanted.map((want) => ({ offerId: want.paidOfferId, market: want.market })));
    const paid = new Map<string, PaidEquivalent | null>(trials.map((trial) => [trial.id, null]));
    for (const want of wanted) {
      const price = prices.get(priceKey(want.paidOfferId, want.market));
      if (price) paid.set(want.id, { offerId: want.paidOfferId, unitPrice: price.amount, currency: price.currency });
    }
    return paid;
  };
}
