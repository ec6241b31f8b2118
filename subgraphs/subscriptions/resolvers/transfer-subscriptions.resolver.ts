import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Subscription } from '../entities/subscription.entity';
import { EaRenewalScheduleRef, TransferRequestItemRef } from '../entities/transfer-refs';
import type { SubscriptionsContext } from '../context';

/** ACT-2: a subscription reached through a transfer or an EA renewal resolves for its readers only; null for anyone else. */
const visible = (ctx: SubscriptionsContext, id: string | null | undefined) => (id ? ctx.loaders.subscription.load(id) : Promise.resolve(null));

@Resolver(() => EaRenewalScheduleRef)
export class EaRenewalSubscriptionResolver {
  @Directive('@requires(fields: "subscriptionId")')
  @FieldResolver(() => Subscription, { nullable: true, description: 'EA-8: the CSP subscription the renewal created' })
  subscription(@Ctx() ctx: SubscriptionsContext, @Root() schedule: EaRenewalScheduleRef): Promise<Subscription | null> {
    return visible(ctx, schedule.subscriptionId);
  }
}

@Resolver(() => TransferRequestItemRef)
export class TransferItemSubscriptionsResolver {
  @FieldResolver(() => Subscription, { nullable: true, description: 'Resolved for the partner that may see it (the source)' })
  sourceSubscription(@Ctx() ctx: SubscriptionsContext, @Root() item: TransferRequestItemRef): Promise<Subscription | null> {
    return visible(ctx, item.sourceSubscriptionId);
  }

  @FieldResolver(() => Subscription, { nullable: true, description: 'Resolved for the partner that may see it (the target)' })
  targetSubscription(@Ctx() ctx: SubscriptionsContext, @Root() item: TransferRequestItemRef): Promise<Subscription | null> {
    return visible(ctx, item.targetSubscriptionId);
  }
}
