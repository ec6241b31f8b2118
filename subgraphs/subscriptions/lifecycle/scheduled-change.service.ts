import { badInput, BusinessRuleError, ensure } from '../../../shared/errors';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { positiveInt } from '../../../shared/validation';
import { ScheduledChange } from '../entities/scheduled-change.entity';
import type { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { LicenseReassignment } from '../types/upgrade.types';
import { perSubscriptionCap } from '../checkout/license-caps';
import { subscriptionLifecycle } from './subscription.service';
import { CONVERSION_DEFAULTS, coterminousEnd, reassignment, transition, type PlannedChange } from '../transitions/subscription-transitions';
import { isTermDuration } from '../transitions/term';
import { applyOutcome, orRefuse, stateOf } from '../transitions/transition-effects';
import type { CatalogSku, ChangeFacts } from '../upgrades/upgrade-facts';
import { eligibleTarget, freshFacts, soldWith } from '../upgrades/upgrade-rules';

export interface ScheduleRequest {
  subscriptionId: string;
  offerId?: string | null;
  quantity?: number | null;
  termDuration?: string | null;
  billingFrequency?: BillingFrequency | null;
  coterminousWithSubscriptionId?: string | null;
}

/** What an upgrade scheduled at renewal reports (SCH-3). */
export interface ScheduledUpgrade {
  source: Subscription;
  target: null;
  licenseReassignment: LicenseReassignment;
  warnings: string[];
}

/**
 * Scheduled changes (SCH-1…SCH-3): the change a partner saves for a subscription's next renewal,
 * viewable, replaceable and removable until then; the renewal due work applies it. On a trial it
 * is the scheduled conversion (TRI-3: fewer than 25 licenses only this way). The state machine
 * refuses it on a subscription that is not ACTIVE with autorenew on, and while the renewal is
 * processed (SUB-8: CONFLICT).
 */
export class ScheduledChangeService {
  /** SCH-1: saves (or replaces) the change of the next renewal, checked against the catalog facts read before the unit. */
  async schedule(tx: SubscriptionsContext, input: ScheduleRequest, known: ChangeFacts | null): Promise<Subscription> {
    const subscription = await subscriptionLifecycle.owned(tx, input.subscriptionId);
    const now = await tx.clock.now();
    this.refusalOfState(subscription, now);
    const facts = freshFacts(known, subscription);
    const changesSku = Boolean(input.offerId) && (subscription.isTrial || input.offerId !== subscription.offerId);
    // A trial converts to its paid equivalent unless the change names another SKU (TRI-3).
    const sku = changesSku ? eligibleTarget(facts, input.offerId!, subscription.isTrial ? 'TRI-3' : 'SCH-1', subscription.isTrial) : subscription.isTrial ? facts.paidEquivalent : facts.current;
    if (!sku) throw new BusinessRuleError('UPGRADE_NOT_ELIGIBLE', `Offer ${subscription.offerId} has no paid equivalent in the catalog`, 'TRI-2');
    const change: PlannedChange = { offerId: changesSku ? sku.id : null };
    if (input.quantity !== undefined && input.quantity !== null) change.quantity = this.quantityFor(subscription, sku, input.quantity);
    if (input.termDuration) {
      if (!isTermDuration(input.termDuration)) throw badInput('termDuration must be P1M, P1Y or P3Y', ['termDuration']);
      change.termDuration = input.termDuration;
    }
    if (input.billingFrequency) change.billingFrequency = input.billingFrequency;
    const defaults = subscription.isTrial ? CONVERSION_DEFAULTS : subscription;
    const termDuration = change.termDuration ?? defaults.termDuration;
    soldWith(sku, termDuration, change.billingFrequency ?? defaults.billingFrequency);
    if (input.coterminousWithSubscriptionId) Object.assign(change, await this.coterminous(tx, subscription, input.coterminousWithSubscriptionId, termDuration));
    const { offerId: _offerId, ...rest } = change;
    if (!changesSku && !subscription.isTrial && Object.values(rest).every((v) => v === undefined)) {
      throw badInput('A scheduled change sets at least one of offerId, quantity, termDuration, billingFrequency, coterminousWithSubscriptionId');
    }
    return applyOutcome(tx, subscription, transition(stateOf(subscription), { kind: 'scheduleChange', change }, now), now);
  }

  /** UPG-2: an upgrade at term end is a scheduled change of SKU (and quantity, term, billing if they change). */
  async scheduleUpgrade(
    tx: SubscriptionsContext,
    source: Subscription,
    request: { offerId: string; quantity: number; termDuration: string; billingFrequency: BillingFrequency },
    target: CatalogSku,
  ): Promise<ScheduledUpgrade> {
    const now = await tx.clock.now();
    const change: PlannedChange = {
      offerId: request.offerId,
      quantity: request.quantity === source.quantity ? null : this.quantityFor(source, target, request.quantity),
      termDuration: request.termDuration === source.termDuration ? null : request.termDuration,
      billingFrequency: request.billingFrequency === source.billingFrequency ? null : request.billingFrequency,
    };
    await applyOutcome(tx, source, transition(stateOf(source), { kind: 'scheduleChange', change }, now), now);
    // SCH-3: automatic only for an unchanged quantity.
    const manual = reassignment(source, true, change.quantity) === 'MANUAL';
    const warnings = manual ? ['The scheduled upgrade changes the number of licenses: they must be reassigned manually at the renewal (SCH-3)'] : [];
    return { source, target: null, licenseReassignment: manual ? LicenseReassignment.MANUAL : LicenseReassignment.AUTOMATIC, warnings };
  }

  /** SCH-1: removes the saved change (a no-op when there is none; SUB-8: CONFLICT while the renewal is processed). */
  async remove(tx: SubscriptionsContext, id: string): Promise<Subscription> {
    const subscription = await subscriptionLifecycle.owned(tx, id);
    const saved = await tx.em.findOne(ScheduledChange, { subscriptionId: subscription.id });
    return subscriptionLifecycle.apply(tx, subscription, { kind: 'removeScheduledChange', exists: Boolean(saved) });
  }

  /** The state machine's refusal of a scheduled change (state, autorenew, SUB-8, SUB-4), before any other check. */
  private refusalOfState(subscription: Subscription, now: Date): void {
    const outcome = transition(stateOf(subscription), { kind: 'scheduleChange', change: {} }, now);
    if (!outcome.ok) orRefuse(outcome);
  }

  /** Licenses of the next term: within the SKU's cap and minimum (CAT-1); a trial may convert with fewer than 25 (TRI-3). */
  private quantityFor(subscription: Subscription, sku: CatalogSku, requested: number): number {
    const quantity = positiveInt(requested, 'quantity');
    if (!subscription.isTrial) ensure(quantity >= sku.minQuantity, 'BELOW_MINIMUM', `${sku.provisioningId} needs at least ${sku.minQuantity} licenses`, 'SCH-1', ['quantity']);
    const cap = perSubscriptionCap(sku, quantity);
    if (cap) throw new BusinessRuleError(cap.code, cap.message, cap.rule, ['quantity']);
    return quantity;
  }

  /** SCH-1/UPG-6: the next term ends with another active subscription of the customer held by the caller. */
  private async coterminous(tx: SubscriptionsContext, subscription: Subscription, otherId: string, termDuration: string): Promise<PlannedChange> {
    const other = await subscriptionLifecycle.owned(tx, otherId);
    const aligned =
      other.customerId !== subscription.customerId || other.id === subscription.id
        ? { ok: false as const, reason: `subscription ${other.id} is not another subscription of this customer` }
        : coterminousEnd(subscription, termDuration, other);
    if (!aligned.ok) throw new BusinessRuleError('TARGET_SUBSCRIPTION_INVALID', `The next term cannot end with ${other.id}: ${aligned.reason}`, 'SCH-1', ['coterminousWithSubscriptionId']);
    return { termEnd: aligned.termEnd, coterminousWithSubscriptionId: other.id };
  }
}

export const scheduledChanges = new ScheduledChangeService();
