import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import { positiveInt } from '../../../shared/validation';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { cancelSubscription } from '../lifecycle/subscription-cancellation';
import { licenseCapFacts } from '../lifecycle/subscription-limits';
import { quantityChangesInFlight } from '../lifecycle/changes-in-flight';
import { subscriptionCancellationFacts } from '../lifecycle/subscription-offers';
import { resellerOfRecordFacts, supportContactFacts } from '../lifecycle/subscription-resellers';
import { subscriptionLifecycle } from '../lifecycle/subscription.service';
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
  @Mutation(() => UpdateSubscriptionQuantityPayload, { description: 'SUB-2: adds licences, or removes licences added within 168 hours' })
  updateSubscriptionQuantity(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: UpdateSubscriptionQuantityInput): Promise<UpdateSubscriptionQuantityPayload> {
    // A bad quantity is refused as such, never as a conflict (SUB-11).
    positiveInt(input.quantity, 'quantity');
    return quantityChangesInFlight.run(ctx, input.subscriptionId, (claim) =>
      mutateWithFacts(ctx, UpdateSubscriptionQuantityPayload, (c) => licenseCapFacts(c, input, claim), async (tx, caps) => ({
        subscription: await subscriptionLifecycle.changeQuantity(tx, input, caps),
      })),
    );
  }

  @Authorized('setSubscriptionAutoRenew')
  @Mutation(() => SetSubscriptionAutoRenewPayload, { description: 'SUB-7: turns autorenew on or off' })
  setSubscriptionAutoRenew(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: SetSubscriptionAutoRenewInput): Promise<SetSubscriptionAutoRenewPayload> {
    return mutate(ctx, SetSubscriptionAutoRenewPayload, async (tx) => ({ subscription: await subscriptionLifecycle.setAutoRenew(tx, input.subscriptionId, input.enabled) }));
  }

  @Authorized('suspendSubscription')
  @Mutation(() => SuspendSubscriptionPayload, { description: 'SUB-6: blocks access at once; billing continues' })
  suspendSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: SuspendSubscriptionInput): Promise<SuspendSubscriptionPayload> {
    return mutate(ctx, SuspendSubscriptionPayload, (tx) => subscriptionLifecycle.suspend(tx, input.subscriptionId));
  }

  @Authorized('reactivateSubscription')
  @Mutation(() => ReactivateSubscriptionPayload, { description: 'SUB-6: restores access of a suspended subscription within its term' })
  reactivateSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: ReactivateSubscriptionInput): Promise<ReactivateSubscriptionPayload> {
    return mutate(ctx, ReactivateSubscriptionPayload, (tx) => subscriptionLifecycle.reactivate(tx, input.subscriptionId));
  }

  @Authorized('cancelSubscription')
  @Mutation(() => CancelSubscriptionPayload, { description: 'SUB-5: cancels within 168 hours of the term start, with a prorated refund' })
  cancelSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CancelSubscriptionInput): Promise<CancelSubscriptionPayload> {
    return mutateWithFacts(ctx, CancelSubscriptionPayload, (c) => subscriptionCancellationFacts(c, input.subscriptionId), (tx, offer) => cancelSubscription(tx, input.subscriptionId, offer));
  }

  @Authorized('setSubscriptionFriendlyName')
  @Mutation(() => SetSubscriptionFriendlyNamePayload, { description: 'SUB-1: renames a subscription' })
  setSubscriptionFriendlyName(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: SetSubscriptionFriendlyNameInput): Promise<SetSubscriptionFriendlyNamePayload> {
    return mutate(ctx, SetSubscriptionFriendlyNamePayload, async (tx) => ({ subscription: await subscriptionLifecycle.setFriendlyName(tx, input.subscriptionId, input.friendlyName) }));
  }

  @Authorized('setSubscriptionReseller')
  @Mutation(() => SetSubscriptionResellerPayload, { description: 'RES-4: sets the reseller of record by PartnerID' })
  setSubscriptionReseller(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: SetSubscriptionResellerInput): Promise<SetSubscriptionResellerPayload> {
    return mutateWithFacts(ctx, SetSubscriptionResellerPayload, (c) => resellerOfRecordFacts(c, input.resellerPartnerId), async (tx, facts) => ({
      subscription: await subscriptionLifecycle.setReseller(tx, input.subscriptionId, facts),
    }));
  }

  @Authorized('setSupportContact')
  @Mutation(() => SetSupportContactPayload, { description: 'RES-3: names a reseller as support contact of a subscription' })
  setSupportContact(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: SetSupportContactInput): Promise<SetSupportContactPayload> {
    return mutateWithFacts(ctx, SetSupportContactPayload, (c) => supportContactFacts(c, input.resellerId), async (tx, facts) => ({
      subscription: await subscriptionLifecycle.setSupportContact(tx, input.subscriptionId, facts),
    }));
  }
}
