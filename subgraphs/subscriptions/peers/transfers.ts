import { representations, type Graph } from '../../../shared/graph-client';
import { EaHeldOffersDocument } from './transfers.generated';

/** The transfers subgraph as the subscriptions subgraph reads it (transfers.graphql). */
export const transfersPeer = {
  /** UPG-3: offers the customer still holds through running Enterprise Agreements. */
  async eaHeldOfferIds(graph: Graph, customerId: string): Promise<string[]> {
    const rows = await graph.request('transfers', EaHeldOffersDocument, { customers: representations('Customer', [customerId]) });
    return rows._entities[0]?.eaHeldOfferIds ?? [];
  },
};
