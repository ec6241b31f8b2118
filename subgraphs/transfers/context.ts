import type { RequestContext } from '../../shared/context';
import type { TransfersLoaders } from './loaders';

export type { TransfersLoaders };

/** What every resolver, service and job of the transfers subgraph receives first: the request context with this subgraph's loaders. */
export type TransfersContext = RequestContext<TransfersLoaders>;
