import type { Graph } from '../../../shared/graph-client';
import { customersPeer } from '../peers/customers';
import { monthlyTermPrice, quotePrices } from '../../../shared/pricing/price-quotes';
import type { Subscription } from '../entities/subscription.entity';
import type { TermPrice } from '../transitions/model';
import { renewalInstant } from '../transitions/term';

/** BIL-5, BIL-7: the price of a subscription's next term, or null when the catalog does not quote it. */
export type RenewalPricer = (subscription: Subscription) => Promise<TermPrice | null>;

/**
 * BIL-5, BIL-7 facts through the graph: a renewal asks the catalog again, for the same SKU, term
 * and billing in the customer's market and segment (from the customers subgraph), at the new
 * term's start, with the promotion that applies to renewals. Never reads another subgraph's tables.
 */
export function graphRenewalPricer(graph: Graph): RenewalPricer {
  return async (subscription) => {
    const customer = await customersPeer.customer(graph, subscription.customerId);
    if (!customer?.country || !customer.segment || !/^[A-Z]{2}$/.test(customer.country)) return null;
    const [quote] = await quotePrices(graph, [
      {
        offerId: subscription.offerId,
        market: customer.country,
        segment: customer.segment,
        termDuration: subscription.termDuration,
        billingFrequency: subscription.billingFrequency,
        at: renewalInstant(subscription.termEnd),
        quantity: subscription.quantity,
        target: 'RENEWAL',
      },
    ]);
    return quote ? monthlyTermPrice(quote) : null;
  };
}
