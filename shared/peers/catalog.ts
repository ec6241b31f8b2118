import { representations, type Graph } from '../graph-client';
import { OfferPricesDocument, PriceQuotesDocument, type PriceQuotesQuery, type PriceQuotesQueryVariables } from './catalog.generated';

/** An amount with its currency, as the catalog prices it. */
export type Money = { amount: string; currency: string };

/**
 * CAT-2: the monthly unit price of offers in one market, as any subgraph reads it from the
 * catalog (catalog.graphql); offers not sold there are absent.
 */
export async function offerPrices(graph: Graph, ids: readonly string[], market: string): Promise<Map<string, Money>> {
  if (!ids.length) return new Map();
  const { _entities } = await graph.request('catalog', OfferPricesDocument, { offers: representations('Offer', [...new Set(ids)]), market });
  return new Map(_entities.flatMap((row) => (row?.price ? [[row.id, row.price] as const] : [])));
}

/** BIL-7, BIL-5: the catalog's quote per purchase line (catalog.graphql), in line order; null where not sold so. */
export async function priceQuotes(graph: Graph, lines: PriceQuotesQueryVariables['lines']): Promise<PriceQuotesQuery['priceQuotes']> {
  if (!(Array.isArray(lines) ? lines.length : 1)) return [];
  return (await graph.request('catalog', PriceQuotesDocument, { lines })).priceQuotes;
}
