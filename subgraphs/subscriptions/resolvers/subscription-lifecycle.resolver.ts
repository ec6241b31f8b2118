import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { runMutation } from '../../../shared/graphql/payload';
import type { AuditEntry } from '../../../shared/audit';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { subscriptionLifecycle } from '../services/subscription.service';
import {
  CancelSubscriptionInput,
  CancelSubscriptionPayload,
  ReactivateSubscriptionInput,
  ReactivateSubscriptionPayload,
  SetSubscriptionAutoRenewInput,
  SetSubscriptionAutoRenewPayload,
  SetSubscriptionResellerInput,
  SetSubscriptionResellerPayload,
  SetSupportContactInput,
  SetSupportContactPayload,
  SuspendSubscriptionInput,
  SuspendSubscriptionPayload,
  UpdateSubscriptionQuantityInput,
  UpdateSubscriptionQuantityPayload,
} from '../types/lifecycle.types';

/** AUD-1: one record per successful change, written in the mutation's transaction. */
const audit = (operation: string, subscription: Subscription, details?: Record<string, unknown>): AuditEntry => ({
  operation,
  resourceType: 'Subscription',
  resourceId: subscription.id,
  details,
});

/** SPEC §6 lifecycle mutations; rules live in SubscriptionLifecycleService. */
@Resolver(() => Subscription)
export class SubscriptionLifecycleResolver {
  @Authorized('updateSubscriptionQuantity')
  @Mutation(() => UpdateSubscriptionQuantityPayload)
  updateSubscriptionQuantity(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: UpdateSubscriptionQuantityInput): Promise<UpdateSubscriptionQuantityPayload> {
    return runMutation(ctx, UpdateSubscriptionQuantityPayload, async (tx) => {
      const subscription = await subscriptionLifecycle.changeQuantity(tx, input);
      return { result: { subscription }, audit: audit('updateSubscriptionQuantity', subscription, { quantity: subscription.quantity }) };
    });
  }

  @Authorized('setSubscriptionAutoRenew')
  @Mutation(() => SetSubscriptionAutoRenewPayload)
  setSubscriptionAutoRenew(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SetSubscriptionAutoRenewInput): Promise<SetSubscriptionAutoRenewPayload> {
    return runMutation(ctx, SetSubscriptionAutoRenewPayload, async (tx) => {
      const subscription = await subscriptionLifecycle.setAutoRenew(tx, input.subscriptionId, input.enabled);
      return { result: { subscription }, audit: audit('setSubscriptionAutoRenew', subscription, { enabled: input.enabled }) };
    });
  }

  @Authorized('suspendSubscription')
  @Mutation(() => SuspendSubscriptionPayload)
  suspendSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SuspendSubscriptionInput): Promise<SuspendSubscriptionPayload> {
    return runMutation(ctx, SuspendSubscriptionPayload, async (tx) => {
      const { subscription, addOns } = await subscriptionLifecycle.suspend(tx, input.subscriptionId);
      return {
        result: { subscription, addOns },
        audit: [audit('suspendSubscription', subscription), ...addOns.map((a) => audit('suspendSubscription', a, { withBase: subscription.id }))],
      };
    });
  }

  @Authorized('reactivateSubscription')
  @Mutation(() => ReactivateSubscriptionPayload)
  reactivateSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: ReactivateSubscriptionInput): Promise<ReactivateSubscriptionPayload> {
    return runMutation(ctx, ReactivateSubscriptionPayload, async (tx) => {
      const { subscription, addOns } = await subscriptionLifecycle.reactivate(tx, input.subscriptionId);
      return {
        result: { subscription, addOns },
        audit: [audit('reactivateSubscription', subscription), ...addOns.map((a) => audit('reactivateSubscription', a, { withBase: subscription.id }))],
      };
    });
  }

  @Authorized('cancelSubscription')
  @Mutation(() => CancelSubscriptionPayload)
  cancelSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: CancelSubscriptionInput): Promise<CancelSubscriptionPayload> {
    return runMutation(ctx, CancelSubscriptionPayload, async (tx) => {
      const { subscription, refund, cancellationDeadline, addOns } = await subscriptionLifecycle.cancel(tx, input.subscriptionId);
      return {
        result: { subscription, refund, cancellationDeadline, addOns },
        audit: [
          audit('cancelSubscription', subscription, { refund: refund.amount, currency: refund.currency }),
          ...addOns.map((a) => audit('cancelSubscription', a, { withBase: subscription.id })),
        ],
      };
    });
  }

  @Authorized('setSubscriptionReseller')
  @Mutation(() => SetSubscriptionResellerPayload)
  setSubscriptionReseller(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SetSubscriptionResellerInput): Promise<SetSubscriptionResellerPayload> {
    return runMutation(ctx, SetSubscriptionResellerPayload, async (tx) => {
      const subscription = await subscriptionLifecycle.setReseller(tx, input.subscriptionId, input.resellerPartnerId);
      return { result: { subscription }, audit: audit('setSubscriptionReseller', subscription, { resellerPartnerId: subscription.resellerPartnerId }) };
    });
  }

  @Authorized('setSupportContact')
  @Mutation(() => SetSupportContactPayload)
  setSupportContact(@Ctx() ctx: SubscriptionsContext, @Arg('input') input: SetSupportContactInput): Promise<SetSupportContactPayload> {
    return runMutation(ctx, SetSupportContactPayload, async (tx) => {
      const subscription = await subscriptionLifecycle.setSupportContact(tx, input.subscriptionId, input.resellerId);
      return { result: { subscription }, audit: audit('setSupportContact', subscription, { supportContactId: subscription.supportContactId }) };
    });
  }
}
