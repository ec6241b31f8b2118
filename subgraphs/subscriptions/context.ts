import type { RequestContext } from '../../shared/context';
import type { SubscriptionsLoaders } from './loaders';

export type { SubscriptionsLoaders };

/** What every resolver, service and job of the subscriptions subgraph receives first: the request context with this subgraph's loaders. */
export type SubscriptionsContext = RequestContext<SubscriptionsLoaders>;
