import type { Graph } from '../../../shared/graph-client';

/** A subscription as the caller sees it in the subscriptions subgraph (null: not the caller's, ACT-2). */
export interface SubscriptionFacts {
  id: string;
  status: string;
  termEnd: string;
  customerId: string;
  /** SUB-9: the base of an add-on (XFR-3: it moves only with it). */
  baseSubscriptionId: string | null;
}

/** The caller's subscriptions by id, in the order asked; one `_entities` call. */
export async function callerSubscriptions(graph: Graph, ids: readonly string[]): Promise<(SubscriptionFacts | null)[]> {
  if (!ids.length) return [];
  const rows = await graph.entities<{ id: string; status: string; termEnd: string; customer: { id: string }; baseSubscriptionId: string | null }>(
    'subscriptions',
    'Subscription',
    ids,
    'id status termEnd customer { id } baseSubscriptionId',
  );
  return rows.map((row) => (row ? { id: row.id, status: row.status, termEnd: row.termEnd, customerId: row.customer.id, baseSubscriptionId: row.baseSubscriptionId ?? null } : null));
}
