import type { Graph } from '../../../shared/graph-client';
import { catalogPeer } from '../peers/catalog';
import { customersPeer } from '../peers/customers';
import type { Subscription } from '../entities/subscription.entity';

/** What a trial converts to (TRI-2): the paid SKU and its monthly unit price in the customer's market. */
export interface PaidEquivalent {
  offerId: string;
  unitPrice: string;
  currency: string;
}

/** Finds a trial's paid equivalent, or null when there is none (the trial then ends). */
export type TrialConverter = (trial: Subscription) => Promise<PaidEquivalent | null>;

/**
 * TRI-2 facts through the graph: the catalog names the paid equivalent of a trial SKU and
 * its price in the customer's market (the customer's country comes from the customers
 * subgraph). Never reads another subgraph's tables.
 */
export function graphTrialConverter(graph: Graph): TrialConverter {
  return async (trial) => {
    const trialOffer = await catalogPeer.offer(graph, trial.offerId);
    // ORD-6: a marketplace SaaS free trial continues as the paid term of its own offer.
    const paidOfferId = trialOffer?.paidOfferId ?? (trialOffer?.marketplaceTrialDays ? trial.offerId : null);
    if (!paidOfferId) return null;
    const market = await customersPeer.market(graph, trial.customerId);
    const price = market ? await catalogPeer.offerPrice(graph, paidOfferId, market) : null;
    return price ? { offerId: paidOfferId, unitPrice: price.amount, currency: price.currency } : null;
  };
}
