import type { Graph } from '../../../shared/graph-client';
import { subscriptionsPeer, type SubscriptionFacts } from '../peers/subscriptions';

export type { SubscriptionFacts };

/** The caller's subscriptions by id, in the order asked (null: not the caller's, ACT-2); one call. */
export function callerSubscriptions(graph: Graph, ids: readonly string[]): Promise<(SubscriptionFacts | null)[]> {
  return subscriptionsPeer.subscriptions(graph, ids);
}
