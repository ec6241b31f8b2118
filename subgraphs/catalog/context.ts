import type { RequestContext } from '../../shared/context';
import type { CatalogLoaders } from './loaders';

export type { CatalogLoaders };

/** What every resolver, service and route of the catalog subgraph receives first: the request context with this subgraph's loaders. */
export type CatalogContext = RequestContext<CatalogLoaders>;
