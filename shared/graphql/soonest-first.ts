import { badInput } from '../errors';
import { connectionOf, encodeCursor, toPage, type ConnectionShape, type PageArgs, type TotalCount } from './connection';
import { PageInfo } from './types';

/**
 * Dashboard lists are ordered by a due moment (a term end, a window's close, an expiry),
 * soonest first, ties by id. Their cursor carries that sort key with the id, so a page starts
 * exactly after the last row shown even when many rows fall due at the same moment.
 */
export interface SoonestPage {
  first: number;
  after?: { key: string; id: string };
}

const SEPARATOR = '~';

export function toSoonestPage(args: PageArgs): SoonestPage {
  const page = toPage(args);
  if (!page.afterId) return { first: page.first };
  const at = page.afterId.lastIndexOf(SEPARATOR);
  if (at <= 0 || at === page.afterId.length - 1) throw badInput('Invalid cursor', ['after']);
  return { first: page.first, after: { key: page.afterId.slice(0, at), id: page.afterId.slice(at + 1) } };
}

/** A connection of rows fetched with `limit first + 1`; `keyOf` gives a row's sort key as text. */
export function soonestConnection<T extends { id: string }>(rows: T[], page: SoonestPage, totalCount: TotalCount, keyOf: (row: T) => string): ConnectionShape<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(`${keyOf(node)}${SEPARATOR}${node.id}`) }));
  return connectionOf(edges, Object.assign(new PageInfo(), { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null }), totalCount);
}

/** The empty connection, for a caller that may not see the list. */
export function emptyConnection<T>(): ConnectionShape<T> {
  return connectionOf<T>([], Object.assign(new PageInfo(), { hasNextPage: false, endCursor: null }), 0);
}
