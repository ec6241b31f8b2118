import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Order } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { CustomerRef, customerRef, OfferRef, offerRef } from '../entities/refs';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { checkoutCart } from '../checkout/checkout-mutation';
import { replayedOrder } from '../checkout/idempotency';
import { parseCheckoutRequest } from '../checkout/checkout-request';
import { orderService } from '../reads/order.service';
import { CheckoutCartInput, CheckoutCartPayload } from '../types/order.types';

@Resolver(() => Order)
export class OrderResolver {
  @Authorized()
  @Query(() => Order, { description: 'An order of the caller (ACT-2), else NOT_FOUND' })
  order(@Ctx() ctx: SubscriptionsContext, @Arg('id', () => ID, { description: 'Id of the order' }) id: string): Promise<Order> {
    return orderService.get(ctx, id);
  }

  @Authorized('checkoutCart')
  @Mutation(() => CheckoutCartPayload, { description: 'ORD-1: all lines or none; ORD-7: idempotent with idempotencyKey' })
  async checkoutCart(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CheckoutCartInput): Promise<CheckoutCartPayload> {
    // ORD-7: a repeated request gets its first order back as a read: nothing changes, nothing is recorded.
    const request = parseCheckoutRequest(ctx, input);
    const replayed = await replayedOrder(ctx, request);
    return replayed
      ? Object.assign(new CheckoutCartPayload(), { order: replayed, errors: [] })
      : checkoutCart(ctx, request);
  }

  @FieldResolver(() => CustomerRef, { description: 'The customer it was placed for' })
  customer(@Root() order: Order): CustomerRef {
    return customerRef(order.customerId);
  }

  @FieldResolver(() => [OrderLine], { description: 'Its lines with their provisioning state' })
  lines(@Ctx() ctx: SubscriptionsContext, @Root() order: Order): Promise<OrderLine[]> {
    return ctx.loaders.orderLines.load(order.id);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => OfferRef, { description: 'The offer bought' })
  offer(@Root() line: OrderLine): OfferRef {
    return offerRef(line.offerId);
  }

  @FieldResolver(() => Subscription, { nullable: true, description: 'The subscription the line created, when the caller may see it' })
  subscription(@Ctx() ctx: SubscriptionsContext, @Root() line: OrderLine): Promise<Subscription | null> | null {
    return line.subscriptionId ? ctx.loaders.subscription.load(line.subscriptionId) : null;
  }
}
