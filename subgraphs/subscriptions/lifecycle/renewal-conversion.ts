import type { Graph } from '../../../shared/graph-client';
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
    const [trialOffer] = await graph.entities<{ paidOfferId?: string | null; marketplaceTrialDays?: number | null }>('catalog', 'Offer', [trial.offerId], 'paidOfferId marketplaceTrialDays');
    // ORD-6: a marketplace SaaS free trial continues as the paid term of its own offer.
    const paidOfferId = trialOffer?.paidOfferId ?? (trialOffer?.marketplaceTrialDays ? trial.offerId : null);
    if (!paidOfferId) return null;
    const [customer] = await graph.entities<{ country: string }>('customers', 'Customer', [trial.customerId], 'country');
    if (!customer || !/^[A-Z]{2}$/.test(customer.country)) return null;
    const [paid] = await graph.entities<{ price: { amount: string; currency: string } | null }>(
      'catalog',
      'Offer',
      [paidOfferId],
      `price(market: "${customer.country}") { amount currency }`,
    );
    if (!paid?.price) return null;
    return { offerId: paidOfferId, unitPrice: paid.price.amount, currency: paid.price.currency };
  };
}
