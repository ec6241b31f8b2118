import { inKeyOrder } from '../../shared/db/loader-results';
import DataLoader from 'dataloader';
import type { Identity } from '../../shared/auth/roles';
import { placeholders, type EntityManager } from '../../shared/db/orm';
import type { RequestContext } from '../../shared/context';
import type { Page } from '../../shared/graphql/connection';
import { Subscription } from './entities/subscription.entity';
import { visibleSubscriptionsSql } from './services/visibility';
import { createLifecycleLoaders, type LifecycleLoaders } from './services/lifecycle.loaders';
import { createOrderLoaders, type OrderLoaders } from './services/order.loaders';

export interface SubscriptionPageKey {
  customerId: string;
  page: Page;
  status?: string;
}

export interface SubscriptionPage {
  rows: Subscription[];
  totalCount: number;
}

export interface SubscriptionsLoaders extends LifecycleLoaders, OrderLoaders {
  subscription: DataLoader<string, Subscription | null>;
  /** A page of subscriptions per customer; all customers of a list in one query. */
  customerSubscriptions: DataLoader<SubscriptionPageKey, SubscriptionPage, string>;
  /** REL-7: ACTIVE (or PENDING) subscriptions the caller holds per customer; suspended ones do not count. */
  activeSubscriptionCount: DataLoader<string, number>;
}

export type SubscriptionsContext = RequestContext<SubscriptionsLoaders>;

export function createLoaders(em: EntityManager, identity: Identity | undefined): SubscriptionsLoaders {
  const visible = visibleSubscriptionsSql(identity);
  return {
    ...createLifecycleLoaders(em),
    ...createOrderLoaders(em, identity),
    subscription: new DataLoader(async (ids) => {
      const rows = await em.execute(`select s.* from subscriptions.subscription s where s.id in (${placeholders(ids)}) and ${visible.sql}`, [...ids, ...visible.params]);
      return inKeyOrder(ids, rows.map((row) => em.map(Subscription, row)), (s) => s.id);
    }),
    customerSubscriptions: new DataLoader(
      async (keys) => {
        // Keys of one request share page arguments in practice; group so each group is one query.
        const groups = new Map<string, SubscriptionPageKey[]>();
        for (const key of keys) {
          const group = `${key.page.first}|${key.page.afterId ?? ''}|${key.status ?? ''}`;
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const results = new Map<string, SubscriptionPage>();
        for (const group of groups.values()) {
          const { page, status } = group[0];
          const customerIds = group.map((k) => k.customerId);
          const rows = await em.execute(
            `select * from (
               select f.*, row_number() over (partition by f.customer_id order by f.id) as page_row
                 from (select s.*, count(*) over (partition by s.customer_id) as total_count
                         from subscriptions.subscription s
                        where s.customer_id in (${placeholders(customerIds)}) and ${visible.sql} ${status ? 'and s.status = ?' : ''}) f
                where ?::text is null or f.id > ?::text
             ) x where x.page_row <= ? order by x.customer_id, x.id`,
            [...customerIds, ...visible.params, ...(status ? [status] : []), page.afterId ?? null, page.afterId ?? null, page.first + 1],
          );
          for (const customerId of customerIds) results.set(`${customerId}|${page.first}|${page.afterId ?? ''}|${status ?? ''}`, { rows: [], totalCount: 0 });
          for (const row of rows) {
            const entry = results.get(`${row.customer_id}|${page.first}|${page.afterId ?? ''}|${status ?? ''}`)!;
            entry.totalCount = Number(row.total_count);
            const { total_count: _t, page_row: _p, ...columns } = row;
            entry.rows.push(em.map(Subscription, columns));
          }
        }
        return keys.map((key) => results.get(cacheKey(key))!);
      },
      { cacheKeyFn: cacheKey },
    ),
    activeSubscriptionCount: new DataLoader(async (customerIds) => {
      const rows = await em.execute(
        `select s.customer_id, count(*)::int as n from subscriptions.subscription s
          where s.customer_id in (${placeholders(customerIds)}) and ${visible.sql} and s.status in ('ACTIVE', 'PENDING')
          group by s.customer_id`,
        [...customerIds, ...visible.params],
      );
      const counts = new Map(rows.map((row) => [row.customer_id as string, Number(row.n)]));
      return customerIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}

function cacheKey(key: SubscriptionPageKey): string {
  return `${key.customerId}|${key.page.first}|${key.page.afterId ?? ''}|${key.status ?? ''}`;
}
