import DataLoader from 'dataloader';
import { Ctx, FieldResolver, registerEnumType, Resolver, Root } from 'type-graphql';
import { EaRenewalRecord } from '../entities/channel-transfer.entity';
import { Order } from '../entities/order.entity';
import type { SubscriptionsContext } from '../loaders';

export enum OrderOrigin {
  /** ORD-1: a cart checked out by the partner. */
  CHECKOUT = 'CHECKOUT',
  /** EA-8: created by the renewal of an Enterprise Agreement subscription to CSP. */
  EA_RENEWAL = 'EA_RENEWAL',
}
registerEnumType(OrderOrigin, {
  name: 'OrderOrigin',
  description: 'ORD-5: where an order comes from',
  valuesConfig: {
    CHECKOUT: { description: 'A cart checkout' },
    EA_RENEWAL: { description: 'An Enterprise Agreement renewal (EA-8)' },
  },
});

const perRequest = new WeakMap<object, DataLoader<string, boolean>>();

/** Which orders of a request came from EA renewals; one query per batch. */
function eaRenewalOrders(ctx: SubscriptionsContext): DataLoader<string, boolean> {
  let loader = perRequest.get(ctx.clock);
  if (!loader) {
    loader = new DataLoader(async (orderIds) => {
      const rows = await ctx.em.find(EaRenewalRecord, { orderId: { $in: [...orderIds] } }, { fields: ['orderId'] });
      const renewals = new Set(rows.map((row) => row.orderId));
      return orderIds.map((id) => renewals.has(id));
    });
    perRequest.set(ctx.clock, loader);
  }
  return loader;
}

@Resolver(() => Order)
export class OrderOriginResolver {
  @FieldResolver(() => OrderOrigin, { description: 'ORD-5/EA-8: how the order came about (EA renewals are marked in the order history)' })
  async origin(@Ctx() ctx: SubscriptionsContext, @Root() order: Order): Promise<OrderOrigin> {
    return (await eaRenewalOrders(ctx).load(order.id)) ? OrderOrigin.EA_RENEWAL : OrderOrigin.CHECKOUT;
  }
}
