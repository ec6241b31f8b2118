import { groupedInKeyOrder, inKeyOrder } from '../../../shared/db/loader-results';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../../shared/db/orm';
import { EaRenewalRecord } from '../entities/channel-transfer.entity';
import { Order } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { pagesPerParent, perParentPageLoader, type ParentPage, type ParentPageKey } from '../../../shared/db/parent-pages';

export interface OrderLoaders {
  /** Orders the caller may see, null otherwise (ACT-2). */
  order: DataLoader<string, Order | null>;
  /** Lines per order id, in cart order; all orders of a page in one query. */
  orderLines: DataLoader<string, OrderLine[]>;
  /** ORD-5: a page of the caller's orders per customer, newest first; all customers of a list in one query. */
  customerOrders: DataLoader<ParentPageKey, ParentPage<Order>, string>;
  /** ORD-5/EA-8: whether each order came from an EA renewal; one query per batch. */
  eaRenewalOrder: DataLoader<string, boolean>;
}

export function createOrderLoaders(em: EntityManager): OrderLoaders {
  return {
    order: new DataLoader(async (ids) => inKeyOrder(ids, await em.find(Order, { id: { $in: [...ids] } }), (o) => o.id)),
    // Lines are read only for orders the caller was allowed to load.
    orderLines: new DataLoader(async (orderIds) => {
      const lines = await em.find(OrderLine, { orderId: { $in: [...orderIds] } }, { orderBy: { orderId: 'asc', position: 'asc' } });
      return groupedInKeyOrder(orderIds, lines, (line) => line.orderId);
    }),
    // Newest first: an order history reads from the latest order back.
    eaRenewalOrder: new DataLoader(async (orderIds) => {
      const rows = await em.find(EaRenewalRecord, { orderId: { $in: [...orderIds] } }, { fields: ['orderId'] });
      const renewals = new Set(rows.map((row) => row.orderId));
      return orderIds.map((id) => renewals.has(id));
    }),
    customerOrders: perParentPageLoader((customerIds, page) =>
      pagesPerParent(em, { entity: Order, parent: { property: 'customerId', column: 'customer_id' }, where: {}, descending: true }, customerIds, page),
    ),
  };
}
