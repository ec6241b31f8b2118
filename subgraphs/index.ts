import type { SubgraphName } from '../shared/config';
import type { SubgraphDefinition } from '../shared/subgraph';
import { catalogSubgraph } from './catalog';
import { customersSubgraph } from './customers';
import { subscriptionsSubgraph } from './subscriptions';
import { transfersSubgraph } from './transfers';

/** The four subgraphs by name. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition<any>> = {
  customers: customersSubgraph,
  catalog: catalogSubgraph,
  subscriptions: subscriptionsSubgraph,
  transfers: transfersSubgraph,
};
