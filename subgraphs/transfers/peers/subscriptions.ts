import { entityRows, representations, type Graph } from '../../../shared/graph-client';
import { SubscriptionsDocument, TransferMovePreviewDocument, type SubscriptionsQuery, type TransferMovePreviewQuery, type TransferMovePreviewQueryVariables } from './subscriptions.generated';

export type MovePreview = TransferMovePreviewQuery['transferMovePreview'];

type Row = Extract<NonNullable<SubscriptionsQuery['_entities'][number]>, { id: string }>;

/** A subscription as the caller sees it in the subscriptions subgraph. */
export interface SubscriptionFacts {
  id: string;
  status: string;
  termEnd: string;
  customerId: string;
  /** SUB-9: the base of an add-on (XFR-3: it moves only with it). */
  baseSubscriptionId: string | null;
}

/** The subscriptions subgraph as the transfers subgraph reads it (subscriptions.graphql), as the caller. */
export const subscriptionsPeer = {
  /** The caller's subscriptions by id, in the order asked (null: not the caller's, ACT-2); one call. */
  async subscriptions(graph: Graph, ids: readonly string[]): Promise<(SubscriptionFacts | null)[]> {
    if (!ids.length) return [];
    const rows = entityRows<Row>((await graph.request('subscriptions', SubscriptionsDocument, { subscriptions: representations('Subscription', ids) }))._entities);
    return rows.map((row) => (row ? { id: row.id, status: row.status, termEnd: row.termEnd, customerId: row.customer.id, baseSubscriptionId: row.baseSubscriptionId ?? null } : null));
  },

  /** BIL-6, XFR-2: what the subscriptions subgraph, which owns the money, would book for a transfer's move. */
  async transferMovePreview(graph: Graph, move: TransferMovePreviewQueryVariables['move']): Promise<MovePreview> {
    return (await graph.request('subscriptions', TransferMovePreviewDocument, { move })).transferMovePreview;
  },
};
