import { inKeyOrder } from '../../../shared/db/loader-results';
import DataLoader from 'dataloader';
import type { Identity } from '../../../shared/auth/roles';
import { placeholders, type EntityManager } from '../../../shared/db/orm';
import type { Page } from '../../../shared/graphql/connection';
import { Order } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';

/**
 * ACT-2 as a SQL condition on `customer_order o`: the partner that placed it, the customer
 * itself (ORD-5: visible per customer), or the operator.
 */
export function visibleOrdersSql(identity: Identity | undefined): { sql: string; params: unknown[] } {
  if (!identity) return { sql: 'false', params: [] };
  switch (identity.tenantKind) {
    case 'PLATFORM':
      return { sql: 'true', params: [] };
    case 'CUSTOMER':
      return { sql: 'o.customer_id = ?', params: [identity.tenantId] };
    case 'PARTNER':
      return identity.partnerType === 'INDIRECT_RESELLER' ? { sql: 'false', params: [] } : { sql: 'o.partner_id = ?', params: [identity.tenantId] };
  }
}

export interface OrderPageKey {
  customerId: string;
  page: Page;
}

export interface OrderPage {
  rows: Order[];
  totalCount: number;
}

export interface OrderLoaders {
  /** Orders the caller may see, null otherwise (ACT-2). */
  order: DataLoader<string, Order | null>;
  /** Lines per order id, in cart order; all orders of a page in one query. */
  orderLines: DataLoader<string, OrderLine[]>;
  /** ORD-5: a page of the caller's orders per customer; all customers of a list in one query. */
  customerOrders: DataLoader<OrderPageKey, OrderPage, string>;
}

const pageKey = (key: OrderPageKey) => `${key.customerId}|${key.page.first}|${key.page.afterId ?? ''}`;

export function createOrderLoaders(em: EntityManager, identity: Identity | undefined): OrderLoaders {
  const visible = visibleOrdersSql(identity);
  return {
    order: new DataLoader(async (ids) => {
      const rows = await em.execute(`select o.* from subscriptions.customer_order o where o.id in (${placeholders(ids)}) and ${visible.sql}`, [...ids, ...visible.params]);
      return inKeyOrder(ids, rows.map((row) => em.map(Order, row)), (o) => o.id);
    }),
    orderLines: new DataLoader(async (orderIds) => {
      const rows = await em.execute(`select l.* from subscriptions.order_line l where l.order_id in (${placeholders(orderIds)}) order by l.order_id, l.position`, [
        ...orderIds,
      ]);
      const map = new Map<string, OrderLine[]>();
      for (const row of rows) map.set(row.order_id, [...(map.get(row.order_id) ?? []), em.map(OrderLine, row)]);
      return orderIds.map((id) => map.get(id) ?? []);
    }),
    customerOrders: new DataLoader(
      async (keys) => {
        const groups = new Map<string, OrderPageKey[]>();
        for (const key of keys) {
          const group = `${key.page.first}|${key.page.afterId ?? ''}`;
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const results = new Map<string, OrderPage>();
        for (const group of groups.values()) {
          const { page } = group[0];
          const customerIds = [...new Set(group.map((k) => k.customerId))];
          for (const key of group) results.set(pageKey(key), { rows: [], totalCount: 0 });
          // Newest first: an order history reads from the latest order back.
          const rows = await em.execute(
            `select * from (
               select f.*, row_number() over (partition by f.customer_id order by f.id desc) as page_row
                 from (select o.*, count(*) over (partition by o.customer_id) as total_count
                         from subscriptions.customer_order o
                        where o.customer_id in (${placeholders(customerIds)}) and ${visible.sql}) f
                where ?::text is null or f.id < ?::text
             ) x where x.page_row <= ? order by x.customer_id, x.id desc`,
            [...customerIds, ...visible.params, page.afterId ?? null, page.afterId ?? null, page.first + 1],
          );
          for (const row of rows) {
            const entry = results.get(pageKey({ customerId: row.customer_id, page }))!;
            const { total_count: _t, page_row: _p, ...columns } = row;
            entry.rows.push(em.map(Order, columns));
            entry.totalCount = Number(row.total_count);
          }
          // A page past the last order has no row to carry the total: count those customers apart.
          const empty = customerIds.filter((id) => page.afterId && !results.get(pageKey({ customerId: id, page }))!.rows.length);
          if (empty.length) {
            const totals = await em.execute(
              `select o.customer_id, count(*)::int as n from subscriptions.customer_order o
                where o.customer_id in (${placeholders(empty)}) and ${visible.sql} group by o.customer_id`,
              [...empty, ...visible.params],
            );
            for (const total of totals) results.get(pageKey({ customerId: total.customer_id, page }))!.totalCount = Number(total.n);
          }
        }
        return keys.map((key) => results.get(pageKey(key))!);
      },
      { cacheKeyFn: pageKey },
    ),
  };
}
