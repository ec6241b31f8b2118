import { ChargeType, SubscriptionStatus } from '../../../shared/graphql/enums';
import { chargeForUnusedDays, startBilling, unusedCredit } from '../billing/schedule/billing-schedule';
import { batch, done, event, refuse, UNSCHEDULE, type BatchKind, type CarriedBatch, type Effect, type NewSubscription, type Outcome, type SubscriptionState } from './model';
import { unusedValue } from './partner-actions';

/** BIL-3: the charge type of the first charge of a new subscription, by how it came into being. */
const FIRST_CHARGE: Record<BatchKind, ChargeType> = {
  PURCHASE: ChargeType.NEW,
  RENEWAL: ChargeType.NEW,
  INCREASE: ChargeType.ADD_QUANTITY,
  UPGRADE: ChargeType.UPGRADE,
  TRANSFER: ChargeType.TRANSFER_IN,
  CONVERSION: ChargeType.CONVERSION,
};

/**
 * A subscription comes into being: a purchase (ORD-1), an EA renewal (EA-8, batch RENEWAL), a
 * transfer in (XFR-2, batch TRANSFER), the new subscription of a partial upgrade or a trial
 * conversion. ACTIVE at once, with its first license batch (SUB-2: 168 hours from `now`, the
 * moment provisioning completes, which also opens the cancellation window of SUB-5/EA-8) and
 * its first charge for the term as given (SUB-3; an add-on aligned with its base pays only its
 * days, SUB-9; ORD-6: nothing during a marketplace free trial). XFR-3: a subscription transferred
 * in continues the source's windows instead of opening new ones.
 */
export function create(
  current: SubscriptionState | null,
  origin: BatchKind,
  terms: NewSubscription,
  freeOfCharge: boolean,
  now: Date,
  transferredFrom?: SubscriptionState,
  transferredBatches?: readonly CarriedBatch[],
): Outcome {
  if (current) return refuse('INVALID_STATE', `Subscription ${current.id} already exists`, 'SUB-1');
  if (!Number.isInteger(terms.quantity) || terms.quantity <= 0) return refuse('INVALID_STATE', 'A subscription holds at least one license', 'SUB-1', ['quantity']);
  if (terms.termEnd.getTime() < terms.termStart.getTime()) return refuse('INVALID_STATE', 'A term cannot end before it starts', 'SUB-1', ['termEnd']);
  let state: SubscriptionState = {
    ...terms,
    status: SubscriptionStatus.ACTIVE,
    autoRenew: terms.autoRenew ?? true,
    isTrial: terms.isTrial ?? false,
    // XFR-3: a transfer never opens a new cancellation window; the source's deadline holds.
    windowOpenedAt: transferredFrom ? (transferredFrom.windowOpenedAt ?? transferredFrom.termStart) : now,
    updateCount: 0,
    nextChargeAt: null,
  };
  const effects: Effect[] = transferredFrom ? carriedBatches(terms.quantity, transferredBatches ?? [], now) : [batch(origin, terms.quantity, now)];
  if (transferredFrom) {
    // XFR-2/BIL-2: the target pays exactly what the source is credited (transferOut): the rest of
    // the current period; later periods bill the target.
    const amount = transferredFrom.unitPrice ? unusedValue(transferredFrom, now) : undefined;
    const billed = chargeForUnusedDays(state, terms.quantity, ChargeType.TRANSFER_IN, 'Transferred from another partner: rest of the billing period', now, amount);
    state = billed.state;
    effects.push(...billed.effects);
  } else if (state.unitPrice && !freeOfCharge) {
    // BIL-1: the first billing period is charged at once, the later ones at their start.
    const billed = startBilling(state, now, FIRST_CHARGE[origin], now);
    state = billed.state;
    effects.push(...billed.effects);
  }
  const origins = { orderId: terms.orderId ?? null, resellerPartnerId: terms.resellerPartnerId ?? null, isTrial: state.isTrial, origin };
  effects.push(event('SUBSCRIPTION_CREATED', origins, 'createSubscription'));
  return done(state, effects);
}

/**
 * XFR-3: the source's license batches move with their own addition time and reduction deadline;
 * licenses no batch accounts for arrive with their window closed. Nothing becomes reducible
 * that was not reducible at the source.
 */
function carriedBatches(quantity: number, batches: readonly CarriedBatch[], now: Date): Effect[] {
  const effects: Effect[] = [];
  let left = quantity;
  for (const carried of batches) {
    const take = Math.min(carried.quantity, left);
    if (take <= 0) continue;
    effects.push({ kind: 'addBatch', batchKind: 'TRANSFER', quantity: take, addedAt: carried.addedAt, reducibleUntil: carried.reducibleUntil });
    left -= take;
  }
  if (left > 0) effects.push({ kind: 'addBatch', batchKind: 'TRANSFER', quantity: left, addedAt: now, reducibleUntil: now });
  return effects;
}

/**
 * XFR-2: the source partner's subscription ends when the customer moves to another partner
 * (its replacement is created in the target's billing account in the same transaction, with
 * no downtime). Billing stops: the unused days are credited (SUB-3).
 */
export function transferOut(state: SubscriptionState, transferId: string | undefined, targetPartnerId: string | undefined, now: Date): Outcome {
  if (state.status !== SubscriptionStatus.ACTIVE && state.status !== SubscriptionStatus.SUSPENDED) {
    return refuse('TRANSFER_INVALID', `Cannot transfer a subscription that is ${state.status}`, 'XFR-2');
  }
  // BIL-2: the rest of the current period is credited; billing stops.
  const effects: Effect[] = [...unusedCredit(state, 'CREDIT', ChargeType.TRANSFER_OUT, state.quantity, 'Transferred to another partner', now)];
  effects.push(UNSCHEDULE, event('SUBSCRIPTION_CANCELLED', { transferId: transferId ?? null, targetPartnerId: targetPartnerId ?? null }, 'transferSubscriptionOut'));
  return done({ ...state, status: SubscriptionStatus.CANCELLED, autoRenew: false, cancelledAt: now, endedAt: now, nextChargeAt: null }, effects);
}
