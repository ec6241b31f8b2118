import { entityRows, representations, type Graph } from '../../../shared/graph-client';
import { OfferHoldingsDocument, type OfferHoldingsQuery } from './subscriptions.generated';

/** CAT-4: one live subscription of the customer, as the subscriptions subgraph reports it (subscriptionId null: another partner's, ACT-2). */
type Row = Extract<NonNullable<OfferHoldingsQuery['_entities'][number]>, { id: string }>;
export type OfferHoldingFacts = Row['customerOfferHoldings'][number];

/** The subscriptions subgraph as the catalog reads it (subscriptions.graphql), as the caller. */
export const subscriptionsPeer = {
  /** CAT-4: what each customer holds through every partner, in the order asked. */
  async offerHoldings(graph: Graph, customerIds: readonly string[]): Promise<OfferHoldingFacts[][]> {
    if (!customerIds.length) return [];
    const rows = entityRows<Row>((await graph.request('subscriptions', OfferHoldingsDocument, { customers: representations('Customer', customerIds) }))._entities);
    return rows.map((row) => row?.customerOfferHoldings ?? []);
  },
};
