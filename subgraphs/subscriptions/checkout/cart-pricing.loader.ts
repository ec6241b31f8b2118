import DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context';
import { quotePrices, type Quote, type QuoteLine } from '../../../shared/pricing/price-quotes';
import { customersPeer } from '../peers/customers';

/** A customer's market and segment, as a price is asked for (BIL-5). */
export interface PricedCustomer {
  country: string;
  segment: string;
}

interface CartPricingLoaders {
  customer: DataLoader<string, PricedCustomer | null>;
  quote: DataLoader<QuoteLine, Quote | null, string>;
}

const perRequest = new WeakMap<object, CartPricingLoaders>();

/**
 * BIL-5, BIL-7 through the graph, as the caller, batched per request: the customers of the
 * carts shown (one call to the customers subgraph) and the quotes of their lines (one call to
 * the catalog), however many carts and lines a response holds.
 */
export function cartPricingLoaders(ctx: RequestContext<unknown>): CartPricingLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = {
      customer: new DataLoader(async (ids) => {
        const rows = await customersPeer.customers(ctx.graph, ids);
        return rows.map((row) => (row?.country && row.segment && /^[A-Z]{2}$/.test(row.country) ? { country: row.country, segment: row.segment } : null));
      }),
      quote: new DataLoader((lines) => quotePrices(ctx.graph, lines), {
        cacheKeyFn: (line) => JSON.stringify([line.offerId, line.market, line.segment, line.termDuration, line.billingFrequency, line.at.toISOString(), line.quantity, line.target]),
      }),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
