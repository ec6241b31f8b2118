import { entityRows, representations, type Graph } from '../../../shared/graph-client';
import { ActiveSubscriptionCountsDocument, type ActiveSubscriptionCountsQuery } from './subscriptions.generated';

type Row = Extract<NonNullable<ActiveSubscriptionCountsQuery['_entities'][number]>, { id: string }>;

/** The subscriptions subgraph as the customers subgraph reads it (subscriptions.graphql), as the caller. */
export const subscriptionsPeer = {
  /** REL-7: the caller's active subscriptions of a customer (scoped by the subscriptions subgraph, ACT-2). */
  async activeSubscriptionCount(graph: Graph, customerId: string): Promise<number> {
    const rows = entityRows<Row>((await graph.request('subscriptions', ActiveSubscriptionCountsDocument, { customers: representations('Customer', [customerId]) }))._entities);
    return rows[0]?.activeSubscriptionCount ?? 0;
  },
};
