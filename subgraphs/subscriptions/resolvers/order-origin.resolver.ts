import { Ctx, FieldResolver, registerEnumType, Resolver, Root } from 'type-graphql';
import { Order } from '../entities/order.entity';
import type { SubscriptionsContext } from '../context';

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

@Resolver(() => Order)
export class OrderOriginResolver {
  @FieldResolver(() => OrderOrigin, { description: 'ORD-5/EA-8: how the order came about (EA renewals are marked in the order history)' })
  async origin(@Ctx() ctx: SubscriptionsContext, @Root() order: Order): Promise<OrderOrigin> {
    return (await ctx.loaders.eaRenewalOrder.load(order.id)) ? OrderOrigin.EA_RENEWAL : OrderOrigin.CHECKOUT;
  }
}
