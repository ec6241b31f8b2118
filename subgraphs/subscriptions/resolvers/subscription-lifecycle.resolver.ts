import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { cancelSubscription } from '../services/subscription-cancellation';
import { licenseCapFacts } from '../services/subscription-limits';
import { subscriptionCancellationFacts } from '../services/subscription-offers';
import { resellerOfRecordFacts, supportContactFacts } from '../services/subscription-resellers';
import { subscriptionLifecycle } from '../services/subscription.service';
import {
  CancelSubscriptionInput,
  CancelSubscriptionPayload,
  ReactivateSubscriptionInput,
  ReactivateSubscriptionPayload,
  SetSubscriptionAutoRenewInput,
  SetSubscriptionAutoRenewPayload,
  SetSubscriptionFriendlyNameInput,
  SetSubscriptionFriendlyNamePayload,
  SetSubscriptionResellerInput,
  SetSubscriptionResellerPayload,
  SetSupportContactInput,
  SetSupportContactPayload,
  SuspendSubscriptionInput,
  SuspendSubscriptionPayload,
  UpdateSubscriptionQuantityInput,
  UpdateSubscriptionQuantityPayload,
} from '../types/lifecycle.types';

/** SPEC §6 lifecycle mutations; rules and events live in the lifecycle services. */
@Resolver(() => Subscription)
export class SubscriptionLifecycleResolver {
  @Authorized('updateSubscriptionQuantity')
  @Mutation(() => UpdateSubscriptionQuantityPayload)
  updateSubscriptionQuantity(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: UpdateSubscriptionQuantityInput): Promise<UpdateSubscriptionQuantityPayload> {
    return mutateWithFacts(ctx, UpdateSubscriptionQuantityPayload, (c) => licenseCapFacts(c, input.subscriptionId, input.quantity), async (tx, caps) => ({
      subscription: await subscriptionLifecycle.changeQuantity(tx, input, caps),
    }));
  }

  @Authorized('setSubscriptionAutoRenew')
  @Mutation(() => SetSubscriptionAutoRenewPayload)
  setSubscriptionAutoRenew(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SetSubscriptionAutoRenewInput): Promise<SetSubscriptionAutoRenewPayload> {
    return mutate(ctx, SetSubscriptionAutoRenewPayload, async (tx) => ({ subscription: await subscriptionLifecycle.setAutoRenew(tx, input.subscriptionId, input.enabled) }));
  }

  @Authorized('suspendSubscription')
  @Mutation(() => SuspendSubscriptionPayload)
  suspendSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SuspendSubscriptionInput): Promise<SuspendSubscriptionPayload> {
    return mutate(ctx, SuspendSubscriptionPayload, (tx) => subscriptionLifecycle.suspend(tx, input.subscriptionId));
  }

  @Authorized('reactivateSubscription')
  @Mutation(() => ReactivateSubscriptionPayload)
  reactivateSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: ReactivateSubscriptionInput): Promise<ReactivateSubscriptionPayload> {
    return mutate(ctx, ReactivateSubscriptionPayload, (tx) => subscriptionLifecycle.reactivate(tx, input.subscriptionId));
  }

  @Authorized('cancelSubscription')
  @Mutation(() => CancelSubscriptionPayload)
  cancelSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: CancelSubscriptionInput): Promise<CancelSubscriptionPayload> {
    return mutateWithFacts(ctx, CancelSubscriptionPayload, (c) => subscriptionCancellationFacts(c, input.subscriptionId), (tx, offer) => cancelSubscription(tx, input.subscriptionId, offer));
  }

  @Authorized('setSubscriptionFriendlyName')
  @Mutation(() => SetSubscriptionFriendlyNamePayload)
  setSubscriptionFriendlyName(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SetSubscriptionFriendlyNameInput): Promise<SetSubscriptionFriendlyNamePayload> {
    return mutate(ctx, SetSubscriptionFriendlyNamePayload, async (tx) => ({ subscription: await subscriptionLifecycle.setFriendlyName(tx, input.subscriptionId, input.friendlyName) }));
  }

  @Authorized('setSubscriptionReseller')
  @Mutation(() => SetSubscriptionResellerPayload)
  setSubscriptionReseller(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SetSubscriptionResellerInput): Promise<SetSubscriptionResellerPayload> {
    return mutateWithFacts(ctx, SetSubscriptionResellerPayload, (c) => resellerOfRecordFacts(c, input.resellerPartnerId), async (tx, facts) => ({
      subscription: await subscriptionLifecycle.setReseller(tx, input.subscriptionId, facts),
    }));
  }

  @Authorized('setSupportContact')
  @Mutation(() => SetSupportContactPayload)
  setSupportContact(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SetSupportContactInput): Promise<SetSupportContactPayload> {
    return mutateWithFacts(ctx, SetSupportContactPayload, (c) => supportContactFacts(c, input.resellerId), async (tx, facts) => ({
      subscription: await subscriptionLifecycle.setSupportContact(tx, input.subscriptionId, facts),
    }));
  }
}
