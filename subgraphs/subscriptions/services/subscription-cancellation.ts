import Decimal from 'decimal.js';
import { requireIdentity } from '../../../shared/context';
import { conflict, ensure, forbidden } from '../../../shared/errors';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { Money } from '../../../shared/graphql/types';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { cancellationDeadline } from './lifecycle.policy';
import { addLedger } from './provisioning.service';
import type { OfferCancellationFacts } from './subscription-offers';
import { recordSubscriptionEvent } from './subscription-events';
import { subscriptionLifecycle } from './subscription.service';
import { proratedRemoval } from './term';

export interface Cancellation {
  subscription: Subscription;
  refund: Money;
  cancellationDeadline: Date;
  addOns: Subscription[];
}

/**
 * SUB-5: cancellation within the first 168 hours of the current term, with the prorated
 * refund of the unused days (SUB-3); afterwards CANCELLATION_WINDOW_CLOSED. Marketplace SaaS
 * is refunded in full within its window. SW-4: software only by an ADMIN_AGENT; Red Hat and
 * SUSE plans never (NOT_CANCELLABLE). CANCELLED is terminal. Cancellation is allowed even at
 * the update cap (SUB-4 blocks updates only). The catalog facts were read before the unit.
 */
export async function cancelSubscription(tx: SubscriptionsContext, id: string, offer: OfferCancellationFacts | null): Promise<Cancellation> {
  const { subscription, now } = await subscriptionLifecycle.prepare(tx, id, 'cancel');
  // The facts describe the offer the subscription had when they were read (a trial may convert meanwhile).
  if (!offer || offer.offerId !== subscription.offerId) throw conflict(`Subscription ${subscription.id} changed while its catalog facts were read; retry`);
  if (offer.isSoftware && !requireIdentity(tx).roles.includes('ADMIN_AGENT')) throw forbidden('Only an ADMIN_AGENT can cancel software (SW-4)');
  ensure(offer.cancellable, 'NOT_CANCELLABLE', 'This plan can never be cancelled', 'SW-4');
  const deadline = cancellationDeadline(subscription.termStart);
  ensure(
    now.getTime() < deadline.getTime(),
    'CANCELLATION_WINDOW_CLOSED',
    `Cancellation was possible until ${deadline.toISOString()} (168 hours after the term started); the full term is billed`,
    'SUB-5',
  );
  const amount = offer.publisher === 'ISV' ? await termPaid(tx, subscription) : unusedValue(subscription, now);
  close(tx, subscription, amount, now);
  const refund = Object.assign(new Money(), { amount: amount.toFixed(4), currency: subscription.currency ?? 'USD' });
  recordSubscriptionEvent(tx, 'SUBSCRIPTION_CANCELLED', subscription, { refund: refund.amount, currency: refund.currency });
  // SUB-9: add-ons cannot run without their base: they are cancelled with it, each refunded
  // for its unused days (their own window does not apply, the partner did not choose it).
  const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: { $in: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED] } });
  for (const addOn of addOns) {
    close(tx, addOn, unusedValue(addOn, now), now);
    recordSubscriptionEvent(tx, 'SUBSCRIPTION_CANCELLED', addOn, { withBase: subscription.id });
  }
  return { subscription, refund, cancellationDeadline: deadline, addOns };
}

function close(tx: SubscriptionsContext, subscription: Subscription, refund: Decimal, now: Date): void {
  if (subscription.unitPrice || refund.gt(0)) addLedger(tx, subscription, 'REFUND', refund.toFixed(4), subscription.quantity, 'Cancellation refund', now);
  subscription.status = SubscriptionStatus.CANCELLED;
  subscription.autoRenew = false;
  subscription.cancelledAt = now;
  subscription.endedAt = now;
}

/** SUB-3: the current licenses' value for the days not yet used. */
function unusedValue(subscription: Subscription, now: Date): Decimal {
  if (!subscription.unitPrice) return new Decimal(0);
  return proratedRemoval(subscription.unitPrice, subscription.quantity, subscription.termDuration, subscription.termStart, subscription.termEnd, now);
}

/** SUB-5 marketplace SaaS: everything charged for the current term, less what was refunded. */
async function termPaid(tx: SubscriptionsContext, subscription: Subscription): Promise<Decimal> {
  const entries = await tx.em.find(LedgerEntry, { subscriptionId: subscription.id, at: { $gte: subscription.termStart } });
  return entries.reduce((sum, e) => (e.kind === 'CHARGE' ? sum.plus(e.amountValue) : sum.minus(e.amountValue)), new Decimal(0));
}
