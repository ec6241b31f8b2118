import type { RequestContext } from '../../shared/context';
import type { CustomersLoaders } from './loaders';

export type { CustomersLoaders };

/** What every resolver, service and job of the customers subgraph receives first: the request context with this subgraph's loaders. */
export type CustomersContext = RequestContext<CustomersLoaders>;
