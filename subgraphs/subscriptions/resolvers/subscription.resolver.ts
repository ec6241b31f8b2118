import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../../shared/errors';
import { Subscription } from '../entities/subscription.entity';
import { CustomerRef, customerRef, OfferRef, offerRef } from '../entities/refs';
import type { SubscriptionsContext } from '../loaders';

@Resolver(() => Subscription)
export class SubscriptionResolver {
  @Authorized()
  @Query(() => Subscription, { description: 'A subscription of the caller (ACT-2), else NOT_FOUND' })
  async subscription(@Ctx() ctx: SubscriptionsContext, @Arg('id', () => ID) id: string): Promise<Subscription> {
    const subscription = await ctx.loaders.subscription.load(id);
    if (!subscription) throw notFound('Subscription', id);
    return subscription;
  }

  @FieldResolver(() => CustomerRef)
  customer(@Root() subscription: Subscription): CustomerRef {
    return customerRef(subscription.customerId);
  }

  @FieldResolver(() => OfferRef)
  offer(@Root() subscription: Subscription): OfferRef {
    return offerRef(subscription.offerId);
  }
}
