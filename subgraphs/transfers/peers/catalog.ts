import { representations, type Graph } from '../../../shared/graph-client';
import { offerPrices, type Money } from '../../../shared/peers/catalog';
import { OffersDocument, OffersMatchingDocument, type EaOfferFragment } from './catalog.generated';

/** A catalog offer as EA renewals need it (EA-3, EA-4, EA-5). */
export type EaOffer = EaOfferFragment;
export type { Money };

/** The catalog as the transfers subgraph reads it (catalog.graphql), as the caller. */
export const catalogPeer = {
  /**
   * EA-3/EA-4: the catalog offer of each provisioning id, end-of-sale ones included; absent when
   * CSP has no such SKU. An exact match per id among the catalog's search results.
   */
  async offersByProvisioningId(graph: Graph, provisioningIds: readonly string[]): Promise<Map<string, EaOffer>> {
    const unique = [...new Set(provisioningIds)];
    const found = await Promise.all(
      unique.map(async (search) => {
        const { offers } = await graph.request('catalog', OffersMatchingDocument, { search });
        return offers.edges.map((edge) => edge.node).find((offer) => offer.provisioningId === search);
      }),
    );
    return new Map(unique.flatMap((id, index) => (found[index] ? [[id, found[index]] as const] : [])));
  },

  /** One offer by id; null when the catalog no longer has it. */
  async offer(graph: Graph, offerId: string): Promise<EaOffer | null> {
    return (await graph.request('catalog', OffersDocument, { offers: representations('Offer', [offerId]) }))._entities[0] ?? null;
  },

  /** CAT-2: the monthly unit price of an offer in a market; null where not sold there. */
  async offerPrice(graph: Graph, offerId: string, market: string): Promise<Money | null> {
    return (await offerPrices(graph, [offerId], market)).get(offerId) ?? null;
  },
};
