import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { SubscriptionStatus, type UpgradeKind } from '../../../shared/graphql/enums';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import { OfferRef, offerRef } from '../entities/refs';
import { ScheduledChange } from '../entities/scheduled-change.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { scheduledChanges } from '../lifecycle/scheduled-change.service';
import { trialConversions } from '../upgrades/trial-conversion.service';
import { readChangeFacts } from '../upgrades/upgrade-facts';
import { upgradeTargetsLoader } from '../upgrades/upgrade.loaders';
import { upgradeService } from '../upgrades/upgrade.service';
import {
  ConvertTrialInput,
  ConvertTrialPayload,
  RemoveScheduledChangeInput,
  RemoveScheduledChangePayload,
  ScheduleRenewalChangeInput,
  ScheduleRenewalChangePayload,
  UpgradeOption,
  UpgradeSubscriptionInput,
  UpgradeSubscriptionPayload,
} from '../types/upgrade.types';

/** SPEC §7: upgrades, scheduled changes and trial conversions; rules live in their services. */
@Resolver(() => Subscription)
export class UpgradeResolver {
  @Authorized('upgradeSubscription')
  @Mutation(() => UpgradeSubscriptionPayload, { description: 'UPG-1..UPG-7: upgrades licences to a higher SKU, now or at renewal' })
  upgradeSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: UpgradeSubscriptionInput): Promise<UpgradeSubscriptionPayload> {
    return mutateWithFacts(ctx, UpgradeSubscriptionPayload, (c) => readChangeFacts(c, input.subscriptionId, input.targetOfferId), (tx, facts) => upgradeService.upgrade(tx, input, facts));
  }

  @Authorized('scheduleRenewalChange')
  @Mutation(() => ScheduleRenewalChangePayload, { description: 'SCH-1: saves a change for the next renewal (replaces any saved one)' })
  scheduleRenewalChange(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: ScheduleRenewalChangeInput): Promise<ScheduleRenewalChangePayload> {
    return mutateWithFacts(ctx, ScheduleRenewalChangePayload, (c) => readChangeFacts(c, input.subscriptionId, input.offerId), async (tx, facts) => ({ subscription: await scheduledChanges.schedule(tx, input, facts) }));
  }

  @Authorized('removeScheduledChange')
  @Mutation(() => RemoveScheduledChangePayload, { description: 'SCH-1: removes the change saved for the next renewal' })
  removeScheduledChange(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: RemoveScheduledChangeInput): Promise<RemoveScheduledChangePayload> {
    return mutate(ctx, RemoveScheduledChangePayload, async (tx) => ({ subscription: await scheduledChanges.remove(tx, input.subscriptionId) }));
  }

  @Authorized('convertTrial')
  @Mutation(() => ConvertTrialPayload, { description: 'TRI-3: converts a trial to a paid subscription, now or at its end' })
  convertTrial(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: ConvertTrialInput): Promise<ConvertTrialPayload> {
    return mutateWithFacts(ctx, ConvertTrialPayload, (c) => readChangeFacts(c, input.subscriptionId, input.targetOfferId), (tx, facts) => trialConversions.convert(tx, input, facts));
  }

  @FieldResolver(() => [UpgradeOption], { description: 'UPG-1/CAT-10: eligible upgrades of an ACTIVE paid subscription, as the catalog lists them (a trial converts instead)' })
  async upgradeOptions(@Ctx() ctx: SubscriptionsContext, @Root() subscription: Subscription): Promise<UpgradeOption[]> {
    if (subscription.status !== SubscriptionStatus.ACTIVE || subscription.isTrial) return [];
    const targets = await upgradeTargetsLoader(ctx).load(subscription.offerId);
    return targets.map((t) => Object.assign(new UpgradeOption(), { offer: offerRef(t.offer.id), kind: t.kind as UpgradeKind }));
  }

  @FieldResolver(() => ScheduledChange, { nullable: true, description: 'SCH-1: the change saved for the next renewal, if any' })
  scheduledChange(@Ctx() ctx: SubscriptionsContext, @Root() subscription: Subscription): Promise<ScheduledChange | null> {
    return ctx.loaders.scheduledChange.load(subscription.id);
  }
}

@Resolver(() => ScheduledChange)
export class ScheduledChangeResolver {
  @FieldResolver(() => OfferRef, { nullable: true, description: 'The SKU the renewal upgrades (a trial converts) to; null keeps the SKU (a trial: its paid equivalent)' })
  offer(@Root() change: ScheduledChange): OfferRef | null {
    return change.offerId ? offerRef(change.offerId) : null;
  }
}
