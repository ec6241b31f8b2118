import Decimal from 'decimal.js';
import { requireIdentity } from '../../../shared/context';
import { conflict, forbidden } from '../../../shared/errors';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { Money } from '../../../shared/graphql/types';
import { formatMoney, netCharged } from '../../../shared/money';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import type { OfferCancellationFacts } from './subscription-offers';
import { cancellationDeadline, transition } from '../transitions/subscription-transitions';
import { applyOutcome, stateOf } from '../transitions/transition-effects';
import { subscriptionLifecycle } from './subscription.service';

export interface Cancellation {
  subscription: Subscription;
  refund: Money;
  cancellationDeadline: Date;
  addOns: Subscription[];
}

/**
 * SUB-5: cancellation within the current term's 168-hour window with the prorated refund
 * (SUB-3), as the state machine decides it; SW-4: software only by an ADMIN_AGENT. The catalog
 * facts were read before the unit. SUB-9: the add-ons of a base are cancelled with it. The
 * software cancellation passes `software` so a closed window is refused under SW-4.
 */
export async function cancelSubscription(tx: SubscriptionsContext, id: string, offer: OfferCancellationFacts | null, options: { software?: boolean } = {}): Promise<Cancellation> {
  const subscription = await subscriptionLifecycle.owned(tx, id);
  // The facts describe the offer the subscription had when they were read (a trial may convert meanwhile).
  if (!offer || offer.offerId !== subscription.offerId) throw conflict(`Subscription ${subscription.id} changed while its catalog facts were read; retry`);
  if (offer.isSoftware && !requireIdentity(tx).roles.includes('ADMIN_AGENT')) throw forbidden('Only an ADMIN_AGENT can cancel software (SW-4)');
  const termPaid = offer.publisher === 'ISV' ? (await paidThisTerm(tx, subscription)).toString() : undefined;
  const now = await tx.clock.now();
  const outcome = transition(stateOf(subscription), { kind: 'cancel', offer, termPaid, software: options.software }, now);
  await applyOutcome(tx, subscription, outcome, now);
  const refunded = outcome.ok ? outcome.effects.find((e) => e.kind === 'ledger' && e.entryKind === 'REFUND') : undefined;
  const refund = refunded?.kind === 'ledger' ? refunded.amount : '0';
  const currency = subscription.currency ?? 'USD';
  const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: { $in: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED] } }, { orderBy: { id: 'asc' } });
  for (const addOn of addOns) await subscriptionLifecycle.apply(tx, addOn, { kind: 'cancel', withBase: subscription.id });
  return {
    subscription,
    refund: Object.assign(new Money(), { amount: formatMoney(refund, currency), currency }),
    cancellationDeadline: cancellationDeadline(subscription),
    addOns,
  };
}

/** SUB-5 marketplace SaaS: everything charged for the current term, less what was refunded. */
async function paidThisTerm(tx: SubscriptionsContext, subscription: Subscription): Promise<Decimal> {
  const entries = await tx.em.find(LedgerEntry, { subscriptionId: subscription.id, at: { $gte: subscription.termStart } });
  return netCharged(entries);
}
