import { raw, type EntityName, type FilterQuery } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { EntityManager } from './orm';
import { textArray } from './prepared';
import { readRows, toReadModels, type ReadModelPage } from './read-model';
import type { Page } from '../graphql/connection';
import { statementFor } from './statement-cache';
import { withinTenant } from './tenant-filter';

/** One parent's page of a list field (Customer.subscriptions, Customer.orders): a page of read models. */
export type ParentPage<T> = ReadModelPage<T>;

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
  /** Conditions besides the parent: the list's filters (the tenant scope is added here). */
  where: FilterQuery<T>;
  /** Newest first (an order history) or oldest first. */
  descending?: boolean;
  /** Only these properties (the id and the parent's are always read); every column when absent. */
  columns?: readonly string[];
}

/**
 * A page per parent for any number of parents, in one statement: each parent's rows after the
 * cursor (keyset on the time-ordered id) up to the page's end, by a lateral join over the
 * parents. On first pages of a query that shows totalCount, each parent's total comes in the
 * same statement (a window count taken before its limit). Otherwise the totals are one aggregate
 * for all the parents, counted without the cursor (a page past the last row still reports the
 * parent's totalCount), and run only when a totalCount is read. Both are built by the ORM from
 * the same conditions (the tenant scope included), the page's statement once per shape of them
 * (shared/db/statement-cache.ts); the rows come back as read models.
 */
export async function pagesPerParent<T extends { id: string }>(em: EntityManager, query: PerParentQuery<T>, parentIds: readonly string[], page: Page): Promise<Map<string, ParentPage<T>>> {
  if (!parentIds.length) return new Map();
  const order = query.descending ? 'desc' : 'asc';
  const filtered = await withinTenant(em, query.entity, query.where);
  const scoped = { $and: [{ [query.parent.property]: { $in: [...parentIds] } }, filtered] } as FilterQuery<T>;
  const cursor = page.afterId ? ({ id: { [query.descending ? '$lt' : '$gt']: page.afterId } } as FilterQuery<T>) : {};
  const totalsWithRows = page.counted !== false && !page.afterId && page.first > 0;
  let totals: Promise<Map<string, number>> | undefined;
  const countAll = async () => {
    const counts = await em
      .createQueryBuilder(query.entity, 'p')
      .select([raw(`p.${query.parent.column} as parent_id`), raw('count(*)::int as n')])
      .where(scoped as never)
      .groupBy(`p.${query.parent.column}` as never)
      .execute<{ parent_id: string; n: number }[]>('all', false);
    return new Map(counts.map((count) => [count.parent_id, Number(count.n)]));
  };
  const lazyTotal = (parentId: string) => async () => ((await (totals ??= countAll())).get(parentId) ?? 0);
  const pages = new Map<string, ParentPage<T>>(parentIds.map((id) => [id, { rows: [], totalCount: totalsWithRows ? 0 : lazyTotal(id) }]));
  if (!page.first) return pages;
  // Each parent's page is its own index scan up to the page's end (a lateral join), so a
  // parent with thousands of rows costs no more than one with ten, unless its total is counted.
  const where = { $and: [filtered, cursor] };
  const shape = `per-parent|${em.getMetadata().get(query.entity).className}|${query.parent.column}|${selected(query).join(',')}|${order}|${page.first + 1}|${totalsWithRows}`;
  const perParent = statementFor(shape, where, (shaped) =>
    em
      .createQueryBuilder(query.entity, 'p')
      .select([...selected(query), ...(totalsWithRows ? [raw('count(*) over () as parent_total')] : [])] as never)
      // The generic entity is not known to the builder's types here; the conditions are the entity's own.
      .where(shaped as never)
      .andWhere(`p.${query.parent.column} = parent.id`)
      .orderBy({ id: order } as never)
      .limit(page.first + 1)
      .toQuery(),
  );
  // The parents are one array parameter, so the statement's text is the same for any number of
  // them and runs prepared (shared/db/prepared.ts) when the page's statement is cached.
  const rows = await readRows(em, {
    sql: `select x.* from unnest(?::text[]) as parent(id) cross join lateral (${perParent.sql}) x`,
    params: [textArray(parentIds), ...perParent.params],
    fixed: perParent.fixed,
  });
  if (totalsWithRows) for (const row of rows) pages.get(String(row[query.parent.column]))!.totalCount = Number(row.parent_total);
  // Read models, not managed entities: a page is only shown (shared/db/read-model.ts). The
  // window's column (parent_total) passes through unmapped and is never shown.
  const models = toReadModels(em, query.entity, rows);
  rows.forEach((row, i) => pages.get(String(row[query.parent.column]))?.rows.push(models[i]));
  return pages;
}

function selected<T extends { id: string }>(query: PerParentQuery<T>): string[] {
  if (!query.columns) return ['p.*'];
  return [...new Set(['id', query.parent.property, ...query.columns])].map((property) => `p.${property}`);
}

const groupOf = (key: ParentPageKey) => `${key.page.first}|${key.page.afterId ?? ''}|${key.page.counted ?? ''}|${key.filter ?? ''}|${key.columns?.join(',') ?? '*'}`;
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
