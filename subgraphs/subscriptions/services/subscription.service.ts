import Decimal from 'decimal.js';
import { requireIdentity } from '../../../shared/context';
import { BusinessRuleError, conflict, ensure, forbidden, notFound } from '../../../shared/errors';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { Money } from '../../../shared/graphql/types';
import { positiveInt, requiredText } from '../../../shared/validation';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { LicenseBatch } from '../entities/license-batch.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { assertAllowed, assertReactivationInTerm, cancellationDeadline, planReduction, type LifecycleAction } from './lifecycle.policy';
import { addBatch, addLedger, chargeFor } from './provisioning.service';
import { cancellationFacts } from './subscription-offers';
import { assertWithinLicenseCaps } from './subscription-limits';
import { resellerDirectory } from './subscription-resellers';
import { proratedRemoval } from './term';

export interface QuantityChange {
  subscriptionId: string;
  quantity: number;
  expectedVersion?: number | null;
}

/**
 * Lifecycle changes of one subscription (SPEC §6). Every method runs inside the mutation's
 * transaction (runMutation); the subscription's `version` makes concurrent writers conflict
 * instead of losing an update (SUB-11).
 */
export class SubscriptionLifecycleService {
  /** The caller's own subscription for a change, or NOT_FOUND (ACT-2). */
  async owned(tx: SubscriptionsContext, id: string): Promise<Subscription> {
    const identity = requireIdentity(tx);
    const subscription = await tx.em.findOne(Subscription, { id, partnerId: identity.tenantId });
    if (!subscription) throw notFound('Subscription', id);
    return subscription;
  }

  private async prepare(tx: SubscriptionsContext, id: string, action: LifecycleAction): Promise<{ subscription: Subscription; now: Date }> {
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
  async changeQuantity(tx: SubscriptionsContext, input: QuantityChange): Promise<Subscription> {
    const quantity = positiveInt(input.quantity, 'quantity');
    const { subscription, now } = await this.prepare(tx, input.subscriptionId, 'changeQuantity');
    if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== subscription.version) {
      throw conflict(`Subscription ${subscription.id} is at version ${subscription.version}, not ${input.expectedVersion}: reload and retry (SUB-11)`);
    }
    const delta = quantity - subscription.quantity;
    if (delta === 0) return subscription;
    if (delta > 0) {
      await assertWithinLicenseCaps(tx, subscription, quantity);
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
    return this.counted(subscription);
  }

  /** SUB-7: autorenew on or off (read-only while a renewal is processed, SUB-8). */
  async setAutoRenew(tx: SubscriptionsContext, id: string, enabled: boolean): Promise<Subscription> {
    const { subscription } = await this.prepare(tx, id, 'setAutoRenew');
    subscription.autoRenew = enabled;
    return this.counted(subscription);
  }

  /**
   * SUB-6: suspension blocks access at once, keeps billing (no ledger entry), turns autorenew
   * off, and suspends the add-ons of this base subscription. Returns the add-ons suspended.
   */
  async suspend(tx: SubscriptionsContext, id: string): Promise<{ subscription: Subscription; addOns: Subscription[] }> {
    const { subscription } = await this.prepare(tx, id, 'suspend');
    subscription.status = SubscriptionStatus.SUSPENDED;
    subscription.autoRenew = false;
    const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: SubscriptionStatus.ACTIVE });
    for (const addOn of addOns) {
      addOn.status = SubscriptionStatus.SUSPENDED;
      addOn.autoRenew = false;
      addOn.updateCount += 1;
    }
    return { subscription: this.counted(subscription), addOns };
  }

  /**
   * SUB-6: reactivation within the term restores access; autorenew stays off until turned on.
   * Add-ons suspended with their base come back with it (they cannot run without it, SUB-9).
   */
  async reactivate(tx: SubscriptionsContext, id: string): Promise<{ subscription: Subscription; addOns: Subscription[] }> {
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
    return { subscription: this.counted(subscription), addOns };
  }

  /**
   * SUB-5: cancellation within the first 168 hours of the current term, with the prorated
   * refund of the unused days (SUB-3); afterwards CANCELLATION_WINDOW_CLOSED. Marketplace SaaS
   * is refunded in full within its window. SW-4: software only by an ADMIN_AGENT; Red Hat and
   * SUSE plans never (NOT_CANCELLABLE). CANCELLED is terminal. Cancellation is allowed even at
   * the update cap (SUB-4 blocks updates only).
   */
  async cancel(tx: SubscriptionsContext, id: string): Promise<{ subscription: Subscription; refund: Money; cancellationDeadline: Date; addOns: Subscription[] }> {
    const { subscription, now } = await this.prepare(tx, id, 'cancel');
    const offer = await cancellationFacts(tx, subscription.offerId);
    if (offer.isSoftware && !requireIdentity(tx).roles.includes('ADMIN_AGENT')) throw forbidden('Only an ADMIN_AGENT can cancel software (SW-4)');
    ensure(offer.cancellable, 'NOT_CANCELLABLE', 'This plan can never be cancelled', 'SW-4');
    const deadline = cancellationDeadline(subscription.termStart);
    ensure(
      now.getTime() < deadline.getTime(),
      'CANCELLATION_WINDOW_CLOSED',
      `Cancellation was possible until ${deadline.toISOString()} (168 hours after the term started); the full term is billed`,
      'SUB-5',
    );
    const amount = offer.publisher === 'ISV' ? await this.termPaid(tx, subscription) : this.unusedValue(subscription, now);
    this.close(tx, subscription, amount, now);
    // SUB-9: add-ons cannot run without their base: they are cancelled with it, each refunded
    // for its unused days (their own window does not apply, the partner did not choose it).
    const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: { $in: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED] } });
    for (const addOn of addOns) this.close(tx, addOn, this.unusedValue(addOn, now), now);
    const refund = Object.assign(new Money(), { amount: amount.toFixed(4), currency: subscription.currency ?? 'USD' });
    return { subscription, refund, cancellationDeadline: deadline, addOns };
  }

  private close(tx: SubscriptionsContext, subscription: Subscription, refund: Decimal, now: Date): void {
    if (subscription.unitPrice || refund.gt(0)) addLedger(tx, subscription, 'REFUND', refund.toFixed(4), subscription.quantity, 'Cancellation refund', now);
    subscription.status = SubscriptionStatus.CANCELLED;
    subscription.autoRenew = false;
    subscription.cancelledAt = now;
    subscription.endedAt = now;
  }

  /** SUB-3: the current licenses' value for the days not yet used. */
  private unusedValue(subscription: Subscription, now: Date): Decimal {
    if (!subscription.unitPrice) return new Decimal(0);
    return proratedRemoval(subscription.unitPrice, subscription.quantity, subscription.termDuration, subscription.termStart, subscription.termEnd, now);
  }

  /** SUB-5 marketplace SaaS: everything charged for the current term, less what was refunded. */
  private async termPaid(tx: SubscriptionsContext, subscription: Subscription): Promise<Decimal> {
    const entries = await tx.em.find(LedgerEntry, { subscriptionId: subscription.id, at: { $gte: subscription.termStart } });
    return entries.reduce((sum, e) => (e.kind === 'CHARGE' ? sum.plus(e.amountValue) : sum.minus(e.amountValue)), new Decimal(0));
  }

  /** RES-3/RES-4: the reseller of record, a verified PartnerID of an onboarded reseller with a signed MPA. */
  async setReseller(tx: SubscriptionsContext, id: string, resellerPartnerId: string): Promise<Subscription> {
    const partnerId = requiredText(resellerPartnerId, 'resellerPartnerId', 50);
    const { subscription } = await this.prepare(tx, id, 'setReseller');
    const verification = await resellerDirectory.verify(tx, partnerId);
    if (!verification.valid) {
      throw new BusinessRuleError(
        'INVALID_RESELLER',
        `PartnerID ${partnerId} is not a verified indirect reseller with a signed partner agreement${verification.reason ? ` (${verification.reason})` : ''}`,
        'RES-4',
        ['resellerPartnerId'],
      );
    }
    const partnered = await resellerDirectory.partneredResellers(tx);
    subscription.resellerPartnerId = verification.partnerId;
    // The reseller's read-only view (ACT-1) needs its tenant; known when it is partnered with the caller.
    subscription.resellerTenantId = partnered.find((r) => r.partnerId === verification.partnerId)?.id;
    return this.counted(subscription);
  }

  /** RES-3: designate one of the provider's partnered resellers as support contact. */
  async setSupportContact(tx: SubscriptionsContext, id: string, resellerId: string): Promise<Subscription> {
    const wanted = requiredText(resellerId, 'resellerId', 100);
    const { subscription } = await this.prepare(tx, id, 'setSupportContact');
    const partnered = await resellerDirectory.partneredResellers(tx);
    const reseller = partnered.find((r) => r.id === wanted || r.partnerId === wanted);
    ensure(reseller, 'INVALID_RESELLER', `${wanted} is not an indirect reseller partnered with you`, 'RES-3', ['resellerId']);
    subscription.supportContactId = reseller.id;
    return this.counted(subscription);
  }
}

export const subscriptionLifecycle = new SubscriptionLifecycleService();
