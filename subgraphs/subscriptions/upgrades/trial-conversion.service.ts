import { BusinessRuleError, ensure } from '../../../shared/errors';
import type { BillingFrequency } from '../../../shared/graphql/enums';
import { positiveInt } from '../../../shared/validation';
import type { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { provisionSubscription } from '../checkout/provisioning.service';
import { scheduledChanges } from '../lifecycle/scheduled-change.service';
import { subscriptionLifecycle } from '../lifecycle/subscription.service';
import { CONVERSION_DEFAULTS, transition } from '../transitions/subscription-transitions';
import { applyOutcome, orRefuse, stateOf } from '../transitions/transition-effects';
import type { ChangeFacts } from './upgrade-facts';
import { assertTargetCaps, eligibleTarget, freshFacts, soldWith } from './upgrade-rules';

export interface ConversionRequest {
  subscriptionId: string;
  targetOfferId: string;
  quantity?: number | null;
  termDuration?: string | null;
  billingFrequency?: BillingFrequency | null;
  targetSubscriptionId?: string | null;
  timing?: 'NOW' | 'AT_RENEWAL' | null;
}

export interface Conversion {
  /** The paid subscription that holds the licenses (for a scheduled conversion, the trial itself). */
  subscription: Subscription;
  trial: Subscription;
}

/** CAT-9/TRI-3: a trial's licenses, the fewest a conversion now may keep. */
export const TRIAL_LICENSES = 25;

/**
 * TRI-3: a trial converted at any time to its paid equivalent or a higher SKU (CAT-10, asked of
 * the catalog before the unit): now into a new subscription (chosen term and billing, at least
 * 25 licenses) or into an existing one (the trial's licenses are added, it keeps its term and
 * billing, it ends no earlier than the trial); with fewer licenses only at the end of the trial
 * (a scheduled conversion, which needs autorenew). The trial then ends; a scheduled change is
 * deleted (SCH-2); promotions never apply.
 */
export class TrialConversionService {
  async convert(tx: SubscriptionsContext, input: ConversionRequest, known: ChangeFacts | null): Promise<Conversion> {
    const trial = await subscriptionLifecycle.owned(tx, input.subscriptionId);
    const now = await tx.clock.now();
    // The trial's state refusals first (not a trial, not ACTIVE, SUB-8).
    const ending = transition(stateOf(trial), { kind: 'convertTrialOut', into: trial.id }, now);
    if (!ending.ok) orRefuse(ending);
    const facts = freshFacts(known, trial);
    const target = eligibleTarget(facts, input.targetOfferId, 'TRI-3', true);
    if (input.timing === 'AT_RENEWAL') {
      ensure(!input.targetSubscriptionId, 'TARGET_SUBSCRIPTION_INVALID', 'A scheduled conversion converts the trial itself at its end; convert NOW into an existing subscription', 'TRI-3', ['targetSubscriptionId']);
      const subscription = await scheduledChanges.schedule(
        tx,
        { subscriptionId: trial.id, offerId: target.id, quantity: input.quantity ?? trial.quantity, termDuration: input.termDuration, billingFrequency: input.billingFrequency },
        facts,
      );
      return { subscription, trial: subscription };
    }
    if (input.targetSubscriptionId) return this.intoExisting(tx, trial, input, target, now);
    const quantity = positiveInt(input.quantity ?? trial.quantity, 'quantity');
    ensure(
      quantity >= TRIAL_LICENSES,
      'TRIAL_MINIMUM',
      `A conversion now keeps at least ${TRIAL_LICENSES} licenses; schedule it (timing AT_RENEWAL) to convert with ${quantity} at the end of the trial`,
      'TRI-3',
      ['quantity'],
    );
    const termDuration = input.termDuration ?? CONVERSION_DEFAULTS.termDuration;
    const billingFrequency = input.billingFrequency ?? CONVERSION_DEFAULTS.billingFrequency;
    soldWith(target, termDuration, billingFrequency);
    await assertTargetCaps(tx, trial.customerId, target, quantity, quantity);
    // The new subscription takes the trial's place in the directory (ORD-4): the trial ends with it.
    const subscription = await provisionSubscription(tx, {
      partnerId: trial.partnerId,
      customerId: trial.customerId,
      offerId: target.id,
      quantity,
      termDuration,
      billingFrequency,
      unitPrice: target.price.amount,
      currency: target.price.currency,
      resellerPartnerId: trial.resellerPartnerId,
      resellerTenantId: trial.resellerTenantId,
      batchKind: 'CONVERSION',
      now,
    });
    await applyOutcome(tx, trial, transition(stateOf(trial), { kind: 'convertTrialOut', into: subscription.id }, now), now);
    return { subscription, trial };
  }

  /** TRI-3: the trial's licenses are added to an existing subscription of the target SKU, which keeps its term and billing. */
  private async intoExisting(tx: SubscriptionsContext, trial: Subscription, input: ConversionRequest, target: ReturnType<typeof eligibleTarget>, now: Date): Promise<Conversion> {
    const existing = await subscriptionLifecycle.owned(tx, input.targetSubscriptionId!);
    ensure(
      input.quantity === undefined || input.quantity === null || input.quantity === trial.quantity,
      'TRIAL_MINIMUM',
      `Into an existing subscription the trial's ${trial.quantity} licenses are added, no more and no fewer`,
      'TRI-3',
      ['quantity'],
    );
    if ((input.termDuration && input.termDuration !== existing.termDuration) || (input.billingFrequency && input.billingFrequency !== existing.billingFrequency)) {
      throw new BusinessRuleError(
        'TARGET_SUBSCRIPTION_INVALID',
        `Subscription ${existing.id} keeps its own term (${existing.termDuration}) and billing (${existing.billingFrequency})`,
        'TRI-3',
        ['targetSubscriptionId'],
      );
    }
    const into = transition(stateOf(existing), { kind: 'upgradeInto', from: stateOf(trial), quantity: trial.quantity, offerId: target.id, conversion: true }, now);
    orRefuse(into);
    await assertTargetCaps(tx, trial.customerId, target, existing.quantity + trial.quantity, trial.quantity);
    await applyOutcome(tx, trial, transition(stateOf(trial), { kind: 'convertTrialOut', into: existing.id }, now), now);
    await applyOutcome(tx, existing, into, now);
    return { subscription: existing, trial };
  }
}

export const trialConversions = new TrialConversionService();
