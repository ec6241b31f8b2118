import { inKeyOrder } from '../../../shared/db/loader-results';
import DataLoader from 'dataloader';
import type { Identity } from '../../../shared/auth/roles';
import type { EntityManager } from '../../../shared/db/orm';
import { Order } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { pagesPerParent, perParentPageLoader, type ParentPage, type ParentPageKey } from '../paging';
import { visibleOrders, within } from './tenant-scope';

export interface OrderLoaders {
  /** Orders the caller may see, null otherwise (ACT-2). */
  order: DataLoader<string, Order | null>;
  /** Lines per order id, in cart order; all orders of a page in one query. */
  orderLines: DataLoader<string, OrderLine[]>;
  /** ORD-5: a page of the caller's orders per customer, newest first; all customers of a list in one query. */
  customerOrders: DataLoader<ParentPageKey, ParentPage<Order>, string>;
}

export function createOrderLoaders(em: EntityManager, identity: Identity | undefined): OrderLoaders {
  const visible = visibleOrders(identity);
  return {
    order: new DataLoader(async (ids) => inKeyOrder(ids, await em.find(Order, within(visible, { id: { $in: [...ids] } })), (o) => o.id)),
    // Lines are read only for orders the caller was allowed to load.
    orderLines: new DataLoader(async (orderIds) => {
      const lines = await em.find(OrderLine, { orderId: { $in: [...orderIds] } }, { orderBy: { orderId: 'asc', position: 'asc' } });
      return orderIds.map((id) => lines.filter((line) => line.orderId === id));
    }),
    // Newest first: an order history reads from the latest order back.
    customerOrders: perParentPageLoader((customerIds, page) =>
      pagesPerParent(em, { entity: Order, parent: { property: 'customerId', column: 'customer_id' }, where: visible, descending: true }, customerIds, page),
    ),
  };
}
