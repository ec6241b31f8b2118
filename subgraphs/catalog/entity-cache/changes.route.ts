import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CATALOG_CHANGES_INTERNAL_PATH } from '../../../shared/config';
import { HttpError, sendJson } from '../../../shared/http';
import { CatalogChangeFeed } from './change-feed';

/** The longest a request may wait for a change (the gateway asks for less). */
const MAX_WAIT_MS = 30_000;

const feeds = new WeakMap<MikroORM, CatalogChangeFeed>();

function feedOf(orm: MikroORM): CatalogChangeFeed {
  let feed = feeds.get(orm);
  if (!feed) feeds.set(orm, (feed = new CatalogChangeFeed(orm.config.get('clientUrl')!)));
  return feed;
}

/** Stops following changes (the subgraph stops): waiting requests are answered at once. */
export async function closeChangeFeed(orm: MikroORM): Promise<void> {
  await feeds.get(orm)?.close();
  feeds.delete(orm);
}

/**
 * `GET /internal/catalog/changes?after=<position>&wait=<ms>` (behind the gateway secret, which
 * the subgraph server checks first): the position of the catalog's event stream, as soon as it
 * differs from `after` or after `wait` ms (at most 30 s), `{ "position": "42" }`; 503 while the
 * catalog is not following its changes. The gateway's entity cache empties itself when the
 * position moves and serves nothing while it has no answer (docs/platform.md).
 */
export async function catalogChangesRoute(req: IncomingMessage, res: ServerResponse, orm: MikroORM): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://catalog');
  if (url.pathname !== CATALOG_CHANGES_INTERNAL_PATH) return false;
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    throw new HttpError(405, 'Method not allowed: GET the changes');
  }
  const after = url.searchParams.get('after') ?? '';
  const wait = Math.min(Math.max(Number(url.searchParams.get('wait')) || 0, 0), MAX_WAIT_MS);
  const abandoned = new Promise<void>((resolve) => res.once('close', () => resolve()));
  const position = await feedOf(orm).next(after, wait, abandoned);
  if (position === undefined) sendJson(res, 503, { error: 'The catalog is not following its changes, retry shortly' });
  else sendJson(res, 200, { position });
  return true;
}
