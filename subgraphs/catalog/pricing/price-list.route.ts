import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedCaller } from '../../../shared/auth/forwarded-caller';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Identity } from '../../../shared/auth/roles';
import { RequestClock } from '../../../shared/clock';
import { PRICE_LIST_INTERNAL_PATH } from '../../../shared/config';
import type { EntityManager } from '../../../shared/db/orm';
import { NO_REMOTE_CALLS } from '../../../shared/graph-client';
import { hasContentType, HttpError, sendJson } from '../../../shared/http';
import { createLoaders } from '../loaders';
import type { CatalogContext } from '../context';
import { priceListImport } from './price-list-import.service';

/**
 * BIL-7: `PUT /internal/catalog/price-list` (behind the gateway secret, which the subgraph
 * server checks first), the one path the gateway's `PUT /catalog/price-list` forwards to. Served
 * on exactly this path and method (no query string); the body is Partner Center's price list as
 * `text/csv`, streamed into the import. Only the operator (PLATFORM_OPERATOR) may import.
 */
export async function priceListRoute(req: IncomingMessage, res: ServerResponse, orm: MikroORM): Promise<boolean> {
  if (req.url !== PRICE_LIST_INTERNAL_PATH) return false;
  if (req.method !== 'PUT') {
    res.setHeader('allow', 'PUT');
    throw new HttpError(405, 'Method not allowed: PUT the price list');
  }
  const identity = forwardedCaller(req, 'importPriceList', 'Only the programme operator imports the price list');
  if (!hasContentType(req, 'text/csv')) throw new HttpError(415, 'Send the price list as Content-Type: text/csv');
  sendJson(res, 200, await priceListImport.import(routeContext(orm, identity), req));
  return true;
}

/** A request context for the route (served outside GraphQL): its unit of work audits `importPriceList`. */
function routeContext(orm: MikroORM, identity: Identity): CatalogContext {
  const em = orm.em.fork() as EntityManager;
  return {
    identity,
    em,
    clock: new RequestClock(em),
    loaders: createLoaders(em, identity),
    loadersOn: (tx) => createLoaders(tx, identity),
    graph: NO_REMOTE_CALLS,
    subgraph: 'catalog',
    operation: 'importPriceList',
  };
}
