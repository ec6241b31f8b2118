import type { Graph } from '../../../shared/graph-client';
import { catalogPeer, type Money } from '../peers/catalog';

/** The key of an offer's price in one market. */
export const priceKey = (offerId: string, market: string) => `${market}\u0000${offerId}`;

/** CAT-2: the monthly unit prices of offers in their markets, one catalog request per market. */
export async function pricesByMarket(graph: Graph, wanted: readonly { offerId: string; market: string }[]): Promise<Map<string, Money>> {
  const byMarket = new Map<string, string[]>();
  for (const { offerId, market } of wanted) {
    if (!byMarket.has(market)) byMarket.set(market, []);
    byMarket.get(market)!.push(offerId);
  }
  const prices = new Map<string, Money>();
  await Promise.all(
    [...byMarket].map(async ([market, ids]) => {
      for (const [offerId, price] of await catalogPeer.offerPrices(graph, ids, market)) prices.set(priceKey(offerId, market), price);
    }),
  );
  return prices;
}
