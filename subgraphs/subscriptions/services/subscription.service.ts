import Decimal from 'decimal.js';
import { recordEvent, requireIdentity } from '../../../shared/context';
import { BusinessRuleError, conflict, ensure, notFound } from '../../../shared/errors';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { positiveInt } from '../../../shared/validation';
import { LicenseBatch } from '../entities/license-batch.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { assertAllowed, assertReactivationInTerm, planReduction, type LifecycleAction } from './lifecycle.policy';
import { addBatch, addLedger, chargeFor } from './provisioning.service';
import { assertWithinLicenseCaps, type LicenseCapFacts } from './subscription-limits';
import { recordSubscriptionEvent, subscriptionState } from './subscription-events';
import type { ResellerOfRecordFacts, SupportContactFacts } from './subscription-resellers';
import { proratedRemoval } from './term';

export interface QuantityChange {
  subscriptionId: string;
  quantity: number;
  expectedVersion?: number | null;
}

export interface WithAddOns {
  subscription: Subscription;
  addOns: Subscription[];
}

/**
 * Lifecycle changes of one subscription (SPEC §6). Every method runs inside the mutation's
 * unit of work with the facts of other subgraphs already read; the subscription's `version`
 * makes concurrent writers conflict instead of losing an update (SUB-11). Each change records
 * its audit row (AUD-1) and its webhook event (AUD-2).
 */
export class SubscriptionLifecycleService {
  /** The caller's own subscription for a change, or NOT_FOUND (ACT-2). */
  async owned(tx: SubscriptionsContext, id: string): Promise<Subscription> {
    const identity = requireIdentity(tx);
    const subscription = await tx.em.findOne(Subscription, { id, partnerId: identity.tenantId });
    if (!subscription) throw notFound('Subscription', id);
    return subscription;
  }

  async prepare(tx: SubscriptionsContext, id: string, action: LifecycleAction): Promise<{ subscription: Subscription; now: Date }> {
    const subscription = await this.owned(tx, id);
    const now = await tx.clock.now();
    assertAllowed(action, subscription, now);
    return { subscription, now };
  }

  /** SUB-4: every successful update counts. */
  private counted(subscription: Subscription): Subscription {
    subscription.updateCount += 1;
    return subscription;
  }

  /**
   * SUB-2: increases add a batch with its own 168-hour window and a prorated charge;
   * reductions consume open batches, most recent first, and refund the unused days (SUB-3).
   */
  async changeQuantity(tx: SubscriptionsContext, input: QuantityChange, caps: LicenseCapFacts | null): Promise<Subscription> {
    const quantity = positiveInt(input.quantity, 'quantity');
    const { subscription, now } = await this.prepare(tx, input.subscriptionId, 'changeQuantity');
    if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== subscription.version) {
      throw conflict(`Subscription ${subscription.id} is at version ${subscription.version}, not ${input.expectedVersion}: reload and retry (SUB-11)`);
    }
    const delta = quantity - subscription.quantity;
    if (delta === 0) {
      // Nothing changed: audited as asked (AUD-1), but no webhook event for a no-op.
      recordEvent(tx, { resourceType: 'Subscription', resourceId: subscription.id, tenantId: subscription.partnerId, data: { ...subscriptionState(subscription), quantity } });
      return subscription;
    }
    if (delta > 0) {
      await assertWithinLicenseCaps(tx, subscription, quantity, caps);
      addBatch(tx, subscription, delta, 'INCREASE', now);
      const charge = chargeFor(subscription, delta, now);
      // After the end date (renewal pending, SUB-8) nothing of this term is left to charge.
      if (charge && !new Decimal(charge).isZero()) addLedger(tx, subscription, 'CHARGE', charge, delta, `${delta} license(s) added`, now);
    } else {
      const batches = await tx.em.find(LicenseBatch, { subscriptionId: subscription.id });
      const plan = planReduction(batches, -delta, now);
      const byId = new Map(batches.map((b) => [b.id, b]));
      for (const step of plan) byId.get(step.batchId)!.removed += step.take;
      if (subscription.unitPrice) {
        const refund = proratedRemoval(subscription.unitPrice, -delta, subscription.termDuration, subscription.termStart, subscription.termEnd, now);
        addLedger(tx, subscription, 'REFUND', refund.toFixed(4), -delta, `${-delta} license(s) removed`, now);
      }
    }
    subscription.quantity = quantity;
    recordSubscriptionEvent(tx, 'SUBSCRIPTION_UPDATED', subscription, { quantity, previousQuantity: quantity - delta });
    return this.counted(subscription);
  }

  /** SUB-7: autorenew on or off (read-only while a renewal is processed, SUB-8). */
  async setAutoRenew(tx: SubscriptionsContext, id: string, enabled: boolean): Promise<Subscription> {
    const { subscription } = await this.prepare(tx, id, 'setAutoRenew');
    subscription.autoRenew = enabled;
    recordSubscriptionEvent(tx, 'SUBSCRIPTION_UPDATED', subscription, { enabled });
    return this.counted(subscription);
  }

  /**
   * SUB-6: suspension blocks access at once, keeps billing (no ledger entry), turns autorenew
   * off, and suspends the add-ons of this base subscription. Returns the add-ons suspended.
   */
  async suspend(tx: SubscriptionsContext, id: string): Promise<WithAddOns> {
    const { subscription } = await this.prepare(tx, id, 'suspend');
    subscription.status = SubscriptionStatus.SUSPENDED;
    subscription.autoRenew = false;
    const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: SubscriptionStatus.ACTIVE });
    for (const addOn of addOns) {
      addOn.status = SubscriptionStatus.SUSPENDED;
      addOn.autoRenew = false;
      addOn.updateCount += 1;
    }
    return this.withAddOns(tx, subscription, addOns);
  }

  /**
   * SUB-6: reactivation within the term restores access; autorenew stays off until turned on.
   * Add-ons suspended with their base come back with it (they cannot run without it, SUB-9).
   */
  async reactivate(tx: SubscriptionsContext, id: string): Promise<WithAddOns> {
    const { subscription, now } = await this.prepare(tx, id, 'reactivate');
    assertReactivationInTerm(subscription.termEnd, now);
    if (subscription.baseSubscriptionId) {
      // SUB-9: an add-on runs only on an active base.
      const base = await tx.em.findOne(Subscription, { id: subscription.baseSubscriptionId });
      ensure(!base || base.status === SubscriptionStatus.ACTIVE, 'INVALID_STATE', `Cannot reactivate an add-on while its base subscription is ${base?.status}`, 'SUB-9');
    }
    subscription.status = SubscriptionStatus.ACTIVE;
    const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: SubscriptionStatus.SUSPENDED });
    for (const addOn of addOns) {
      addOn.status = SubscriptionStatus.ACTIVE;
      addOn.updateCount += 1;
    }
    return this.withAddOns(tx, subscription, addOns);
  }

  /** Suspension and reactivation change the add-ons with their base: one event each. */
  private withAddOns(tx: SubscriptionsContext, subscription: Subscription, addOns: Subscription[]): WithAddOns {
    recordSubscriptionEvent(tx, 'SUBSCRIPTION_UPDATED', subscription);
    for (const addOn of addOns) recordSubscriptionEvent(tx, 'SUBSCRIPTION_UPDATED', addOn, { withBase: subscription.id });
    return { subscription: this.counted(subscription), addOns };
  }

  /** RES-3/RES-4: the reseller of record, a verified PartnerID of an onboarded reseller with a signed MPA. */
  async setReseller(tx: SubscriptionsContext, id: string, facts: ResellerOfRecordFacts): Promise<Subscription> {
    const { subscription } = await this.prepare(tx, id, 'setReseller');
    const { requested, verification } = facts;
    if (!verification.valid) {
      throw new BusinessRuleError(
        'INVALID_RESELLER',
        `PartnerID ${requested} is not a verified indirect reseller with a signed partner agreement${verification.reason ? ` (${verification.reason})` : ''}`,
        'RES-4',
        ['resellerPartnerId'],
      );
    }
    subscription.resellerPartnerId = verification.partnerId;
    // The reseller's read-only view (ACT-1) needs its tenant; known when it is partnered with the caller.
    subscription.resellerTenantId = facts.tenantId;
    recordSubscriptionEvent(tx, 'SUBSCRIPTION_UPDATED', subscription, { resellerPartnerId: subscription.resellerPartnerId });
    return this.counted(subscription);
  }

  /** RES-3: designate one of the provider's partnered resellers as support contact. */
  async setSupportContact(tx: SubscriptionsContext, id: string, facts: SupportContactFacts): Promise<Subscription> {
    const { subscription } = await this.prepare(tx, id, 'setSupportContact');
    const reseller = facts.reseller;
    ensure(reseller, 'INVALID_RESELLER', `${facts.requested} is not an indirect reseller partnered with you`, 'RES-3', ['resellerId']);
    subscription.supportContactId = reseller.id;
    recordSubscriptionEvent(tx, 'SUBSCRIPTION_UPDATED', subscription, { supportContactId: subscription.supportContactId });
    return this.counted(subscription);
  }
}

export const subscriptionLifecycle = new SubscriptionLifecycleService();
