import type { Graph } from '../../../shared/graph-client';
import { monthlyTermPrice, quotePrices, type QuoteLine } from '../../../shared/pricing/price-quotes';
import type { Subscription } from '../entities/subscription.entity';
import type { TermPrice } from '../transitions/model';
import { renewalInstant } from '../transitions/term';
import type { BatchCustomers } from './due-facts';

/** BIL-5, BIL-7: the price of each subscription's next term by subscription id (null: the catalog does not quote it). */
export type RenewalPricer = (subscriptions: readonly Subscription[], customers: BatchCustomers) => Promise<Map<string, TermPrice | null>>;

/**
 * BIL-5, BIL-7 facts through the graph: a renewal asks the catalog again, for the same SKU, term
 * and billing in the customer's market and segment (from the customers subgraph), at the new
 * term's start, with the promotion that applies to renewals. One quote request for all the
 * subscriptions of a batch. Never reads another subgraph's tables.
 */
export function graphRenewalPricer(graph: Graph): RenewalPricer {
  return async (subscriptions, customers) => {
    const quoted: { id: string; line: QuoteLine }[] = [];
    for (const subscription of subscriptions) {
      const customer = customers.get(subscription.customerId);
      if (!customer?.country || !customer.segment || !/^[A-Z]{2}$/.test(customer.country)) continue;
      quoted.push({
        id: subscription.id,
        line: {
          offerId: subscription.offerId,
          market: customer.country,
          segment: customer.segment,
          termDuration: subscription.termDuration,
          billingFrequency: subscription.billingFrequency,
          at: renewalInstant(subscription.termEnd),
          quantity: subscription.quantity,
          target: 'RENEWAL',
        },
      });
    }
    const quotes = quoted.length ? await quotePrices(graph, quoted.map((entry) => entry.line)) : [];
    const prices = new Map<string, TermPrice | null>(subscriptions.map((subscription) => [subscription.id, null]));
    quoted.forEach((entry, i) => prices.set(entry.id, quotes[i] ? monthlyTermPrice(quotes[i]!) : null));
    return prices;
  };
}
