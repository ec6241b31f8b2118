import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { runMutation } from '../../../shared/graphql/payload';
import { Order } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { CustomerRef, customerRef, OfferRef, offerRef } from '../entities/refs';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { checkoutService } from '../services/checkout.service';
import { orderService } from '../services/order.service';
import { CheckoutCartInput, CheckoutCartPayload } from '../types/order.types';

@Resolver(() => Order)
export class OrderResolver {
  @Authorized()
  @Query(() => Order, { description: 'An order of the caller (ACT-2), else NOT_FOUND' })
  order(@Ctx() ctx: SubscriptionsContext, @Arg('id', () => ID) id: string): Promise<Order> {
    return orderService.get(ctx, id);
  }

  @Authorized('checkoutCart')
  @Mutation(() => CheckoutCartPayload, { description: 'ORD-1: all lines or none; ORD-7: idempotent with idempotencyKey' })
  checkoutCart(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: CheckoutCartInput): Promise<CheckoutCartPayload> {
    return runMutation(ctx, CheckoutCartPayload, async (tx) => {
      const { order, replay } = await checkoutService.checkout(tx, input);
      // A replay (ORD-7) changed nothing, so it records nothing.
      return { result: { order }, audit: replay ? [] : { operation: 'checkoutCart', resourceType: 'Order', resourceId: order.id, details: { cartId: input.cartId } } };
    });
  }

  @FieldResolver(() => CustomerRef)
  customer(@Root() order: Order): CustomerRef {
    return customerRef(order.customerId);
  }

  @FieldResolver(() => [OrderLine])
  lines(@Ctx() ctx: SubscriptionsContext, @Root() order: Order): Promise<OrderLine[]> {
    return ctx.loaders.orderLines.load(order.id);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => OfferRef)
  offer(@Root() line: OrderLine): OfferRef {
    return offerRef(line.offerId);
  }

  @FieldResolver(() => Subscription, { nullable: true, description: 'The subscription the line created, when the caller may see it' })
  subscription(@Ctx() ctx: SubscriptionsContext, @Root() line: OrderLine): Promise<Subscription | null> | null {
    return line.subscriptionId ? ctx.loaders.subscription.load(line.subscriptionId) : null;
  }
}
