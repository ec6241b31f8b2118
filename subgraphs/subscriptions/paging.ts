import { raw, type EntityName, type FilterQuery } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../shared/db/orm';
import { toReadModels } from '../../shared/db/read-model';
import type { Page } from '../../shared/graphql/connection';

/** One parent's page of a list field (Customer.subscriptions, Customer.orders). */
export interface ParentPage<T> {
  rows: T[];
  totalCount: number;
}

export interface ParentPageKey {
  parentId: string;
  page: Page;
  /** Further arguments of the list (a status filter …); keys with the same ones share a query. */
  filter?: string;
  /** The properties the query asks for (shared/graphql/selection.ts); every column when absent. */
  columns?: readonly string[];
}

export interface PerParentQuery<T extends { id: string }> {
  entity: EntityName<T>;
  /** The parent property (e.g. `customerId`) and its column (`customer_id`). */
  parent: { property: keyof T & string; column: string };
  /** Conditions besides the parent: the tenant scope and the list's filters. */
  where: FilterQuery<T>;
  /** Newest first (an order history) or oldest first. */
  descending?: boolean;
  /** Only these properties (the id and the parent's are always read); every column when absent. */
  columns?: readonly string[];
}

/**
 * A page per parent for any number of parents: the page rows by a window (row_number per
 * parent, keyset after the cursor on the time-ordered id). On first pages the totals come in the
 * same statement (a count per parent over the same window, taken before the page limit): one
 * statement. After a cursor, or for pages of no rows, the totals are an aggregate of their own,
 * counted without the cursor, so a page past the last row still reports the parent's
 * totalCount. Both are built by the ORM from the same conditions (the tenant scope included);
 * the rows come back as read models.
 */
export async function pagesPerParent<T extends { id: string }>(em: EntityManager, query: PerParentQuery<T>, parentIds: readonly string[], page: Page): Promise<Map<string, ParentPage<T>>> {
  const pages = new Map<string, ParentPage<T>>(parentIds.map((id) => [id, { rows: [], totalCount: 0 }]));
  if (!parentIds.length) return pages;
  const order = query.descending ? 'desc' : 'asc';
  const scoped = { $and: [{ [query.parent.property]: { $in: [...parentIds] } }, query.where] } as FilterQuery<T>;
  const cursor = page.afterId ? ({ id: { [query.descending ? '$lt' : '$gt']: page.afterId } } as FilterQuery<T>) : {};
  const totalsWithRows = !page.afterId && page.first > 0;
  const partition = `partition by p.${query.parent.column}`;
  const window = em
    .createQueryBuilder(query.entity, 'p')
    .select([...selected(query), raw(`row_number() over (${partition} order by p.id ${order}) as page_row`), ...(totalsWithRows ? [raw(`count(*) over (${partition}) as parent_total`)] : [])] as never)
    // The generic entity is not known to the builder's types here; the conditions are the entity's own.
    .where({ $and: [scoped, cursor] } as never);
  const totals = () =>
    em
      .createQueryBuilder(query.entity, 'p')
      .select([raw(`p.${query.parent.column} as parent_id`), raw('count(*)::int as n')])
      .where(scoped as never)
      .groupBy(`p.${query.parent.column}` as never)
      .execute<{ parent_id: string; n: number }[]>('all', false);
  const [rows, counts] = await Promise.all([
    page.first
      ? em.execute<Record<string, unknown>[]>(`select x.* from (${window.getQuery()}) x where x.page_row <= ? order by x.page_row`, [...window.getParams(), page.first + 1])
      : Promise.resolve([]),
    totalsWithRows ? Promise.resolve([]) : totals(),
  ]);
  if (totalsWithRows) for (const row of rows) pages.get(String(row[query.parent.column]))!.totalCount = Number(row.parent_total);
  // Read models, not managed entities: a page is only shown (shared/db/read-model.ts). The
  // window's own columns (page_row, parent_total) pass through unmapped and are never shown.
  const models = toReadModels(em, query.entity, rows);
  rows.forEach((row, i) => pages.get(String(row[query.parent.column]))?.rows.push(models[i]));
  for (const count of counts) pages.get(count.parent_id)!.totalCount = Number(count.n);
  return pages;
}

function selected<T extends { id: string }>(query: PerParentQuery<T>): string[] {
  if (!query.columns) return ['p.*'];
  return [...new Set(['id', query.parent.property, ...query.columns])].map((property) => `p.${property}`);
}

const groupOf = (key: ParentPageKey) => `${key.page.first}|${key.page.afterId ?? ''}|${key.filter ?? ''}|${key.columns?.join(',') ?? '*'}`;
const keyOf = (key: ParentPageKey) => `${key.parentId}|${groupOf(key)}`;

/**
 * The DataLoader of a per-parent list: keys of one request that share their page arguments
 * (in practice all of a list) are answered by one {@link pagesPerParent} call.
 */
export function perParentPageLoader<T>(
  load: (parentIds: string[], page: Page, filter: string | undefined, columns: readonly string[] | undefined) => Promise<Map<string, ParentPage<T>>>,
): DataLoader<ParentPageKey, ParentPage<T>, string> {
  return new DataLoader<ParentPageKey, ParentPage<T>, string>(
    async (keys) => {
      const groups = new Map<string, ParentPageKey[]>();
      for (const key of keys) {
        const group = groups.get(groupOf(key));
        if (group) group.push(key);
        else groups.set(groupOf(key), [key]);
      }
      const results = new Map<string, ParentPage<T>>();
      for (const group of groups.values()) {
        const { page, filter, columns } = group[0];
        const pages = await load([...new Set(group.map((k) => k.parentId))], page, filter, columns);
        for (const key of group) results.set(keyOf(key), pages.get(key.parentId) ?? { rows: [], totalCount: 0 });
      }
      return keys.map((key) => results.get(keyOf(key))!);
    },
    { cacheKeyFn: keyOf },
  );
}
