import { notFound } from '../../../shared/errors';
import type { Order } from '../entities/order.entity';
import type { SubscriptionsContext } from '../context';

/** Order history (ORD-5). */
export class OrderService {
  /** An order the caller may see (ACT-2), else NOT_FOUND. */
  async get(ctx: SubscriptionsContext, id: string): Promise<Order> {
    const order = id.length <= 100 ? await ctx.loaders.order.load(id) : null;
    if (!order) throw notFound('Order', id);
    return order;
  }
}

export const orderService = new OrderService();
