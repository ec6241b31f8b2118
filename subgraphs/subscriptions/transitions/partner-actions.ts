import Decimal from 'decimal.js';
import { ChargeType, SubscriptionStatus } from '../../../shared/graphql/enums';
import { formatMoney } from '../../../shared/money';
import { addedCharge, unusedAmount, unusedCredit } from '../billing/schedule/billing-schedule';
import { planReduction, type BatchFacts } from './license-batches';
import { isPastTerm, renewalInstant } from './term';
import {
  batch,
  cancellationDeadline,
  counted,
  done,
  event,
  guard,
  refuse,
  UNSCHEDULE,
  type BaseFacts,
  type Effect,
  type Outcome,
  type SubscriptionState,
} from './model';

/**
 * SUB-2/SUB-3: an increase adds a batch with its own 168-hour window and a prorated charge; a
 * reduction consumes open batches, most recent first, and refunds the unused days.
 */
export function changeQuantity(state: SubscriptionState, quantity: number, batches: readonly BatchFacts[], now: Date): Outcome {
  const refused = guard('changeQuantity', state, now);
  if (refused) return refused;
  const delta = quantity - state.quantity;
  // Nothing changed: audited as asked (AUD-1), but no webhook event and no update counted.
  if (delta === 0) return done(state, [event(undefined, { quantity })]);
  const effects: Effect[] = [];
  if (delta > 0) {
    effects.push(batch('INCREASE', delta, now));
    // BIL-2: to the end of the current period; later periods bill the new quantity. After the
    // end date (renewal pending, SUB-8) nothing of this term is left to charge.
    effects.push(...addedCharge(state, delta, ChargeType.ADD_QUANTITY, `${delta} license(s) added`, now));
  } else {
    const reduction = planReduction(batches, -delta, now);
    if (!reduction.ok) {
      return refuse(
        'REDUCTION_WINDOW_CLOSED',
        reduction.available
          ? `Only ${reduction.available} license(s) are still within their 168-hour window; ${-delta} cannot be removed`
          : 'No licenses are within their 168-hour window: the quantity can no longer be reduced',
        'SUB-2',
        ['quantity'],
      );
    }
    effects.push({ kind: 'removeLicenses', plan: reduction.plan });
    // BIL-2/SUB-3: what was billed for the removed licenses and not used.
    effects.push(...unusedCredit(state, 'REFUND', ChargeType.REMOVE_QUANTITY, -delta, `${-delta} license(s) removed`, now));
  }
  const next = counted(state, { quantity });
  // SCH-2: a quantity change deletes the change saved for the renewal.
  effects.push(UNSCHEDULE, event('SUBSCRIPTION_UPDATED', { quantity, previousQuantity: state.quantity }));
  return done(next, effects);
}

/** SUB-7: autorenew on or off (read-only while a renewal is processed, SUB-8); off deletes a scheduled change (SCH-2). */
export function setAutoRenew(state: SubscriptionState, enabled: boolean, now: Date): Outcome {
  return guard('setAutoRenew', state, now) ?? done(counted(state, { autoRenew: enabled }), [...(enabled ? [] : [UNSCHEDULE]), event('SUBSCRIPTION_UPDATED', { enabled })]);
}

/**
 * SUB-6: suspension blocks access at once, keeps billing (no ledger line) and turns autorenew
 * off. `withBase`: an add-on suspended because its base was (SUB-6, SUB-9).
 */
export function suspend(state: SubscriptionState, withBase: string | undefined, now: Date): Outcome {
  if (withBase) {
    if (state.status !== SubscriptionStatus.ACTIVE) return refuse('INVALID_STATE', `Cannot suspend a subscription that is ${state.status}`, 'SUB-1');
  } else {
    const refused = guard('suspend', state, now);
    if (refused) return refused;
  }
  const next = counted(state, { status: SubscriptionStatus.SUSPENDED, autoRenew: false });
  // Autorenew goes off: the change saved for the renewal is deleted with it (SCH-2).
  return done(next, [UNSCHEDULE, event('SUBSCRIPTION_UPDATED', withBase ? { withBase } : {})]);
}

/**
 * SUB-6: reactivation within the term restores access; autorenew stays off until turned on.
 * SUB-9: an add-on runs only on an active base. `withBase`: an add-on coming back with its base.
 */
export function reactivate(state: SubscriptionState, base: BaseFacts | null | undefined, withBase: string | undefined, now: Date): Outcome {
  if (withBase) {
    if (state.status !== SubscriptionStatus.SUSPENDED) return refuse('INVALID_STATE', `Cannot reactivate a subscription that is ${state.status}`, 'SUB-1');
  } else {
    const refused = guard('reactivate', state, now);
    if (refused) return refused;
    if (now.getTime() > state.termEnd.getTime()) return refuse('INVALID_STATE', 'The term has ended: a suspended subscription can no longer be reactivated', 'SUB-6');
    if (state.baseSubscriptionId && base && base.status !== SubscriptionStatus.ACTIVE) {
      return refuse('INVALID_STATE', `Cannot reactivate an add-on while its base subscription is ${base.status}`, 'SUB-9');
    }
  }
  return done(counted(state, { status: SubscriptionStatus.ACTIVE }), [event('SUBSCRIPTION_UPDATED', withBase ? { withBase } : {})]);
}

/** SUB-3/BIL-2: what the current licenses were billed for and will not use (the rest of the current period). */
export function unusedValue(state: SubscriptionState, now: Date): Decimal {
  return unusedAmount(state, state.quantity, now);
}

/**
 * SUB-5: cancellation within 168 hours of the moment the current term was put in place
 * (purchase, renewal completion, EA processing completion), with the prorated refund of the
 * unused days (SUB-3); afterwards CANCELLATION_WINDOW_CLOSED. Marketplace SaaS is refunded what
 * was paid for the term (`termPaid`). SW-4: some plans are never cancellable. CANCELLED is
 * terminal. `withBase`: an add-on cancelled with its base, refunded for its unused days (SUB-9:
 * its own window does not apply, the partner did not choose it).
 */
export function cancel(
  state: SubscriptionState,
  action: { offer?: { publisher: string; cancellable: boolean }; termPaid?: string; withBase?: string; software?: boolean },
  now: Date,
): Outcome {
  let refund: Decimal;
  if (action.withBase) {
    if (state.status !== SubscriptionStatus.ACTIVE && state.status !== SubscriptionStatus.SUSPENDED) {
      return refuse('INVALID_STATE', `Cannot cancel a subscription that is ${state.status}`, 'SUB-1');
    }
    refund = unusedValue(state, now);
  } else {
    const refused = guard('cancel', state, now);
    if (refused) return refused;
    if (action.offer && !action.offer.cancellable) return refuse('NOT_CANCELLABLE', 'This plan can never be cancelled', 'SW-4');
    const deadline = cancellationDeadline(state);
    // SUB-8: while the renewal is processed the answer is not known yet: the renewed term opens a new window (SUB-5).
    if (state.autoRenew && state.status === SubscriptionStatus.ACTIVE && isPastTerm(state.termEnd, now) && now.getTime() >= deadline.getTime()) {
      return refuse(
        'CONFLICT',
        `Subscription ${state.id} is being renewed (term ended ${state.termEnd.toISOString().slice(0, 10)}, processing since ${renewalInstant(state.termEnd).toISOString()}); retry the cancellation once the renewal is done: the renewed term can be cancelled within 168 hours (SUB-8, SUB-5)`,
        'SUB-8',
      );
    }
    if (now.getTime() >= deadline.getTime()) {
      return refuse(
        'CANCELLATION_WINDOW_CLOSED',
        `Cancellation was possible until ${deadline.toISOString()} (${action.software ? '7 days' : '168 hours'} after the term started or was renewed); the full term is billed`,
        action.software ? 'SW-4' : 'SUB-5',
      );
    }
    refund = action.offer?.publisher === 'ISV' && action.termPaid !== undefined ? new Decimal(action.termPaid) : unusedValue(state, now);
  }
  const effects: Effect[] = [];
  // BIL-2: a cancelled term is never billed further.
  if (state.unitPrice || refund.gt(0)) effects.push(...unusedCredit(state, 'REFUND', ChargeType.CANCEL, state.quantity, 'Cancellation refund', now, refund));
  const currency = state.currency ?? 'USD';
  const details = action.withBase ? { withBase: action.withBase } : { refund: formatMoney(refund, currency), currency };
  effects.push(UNSCHEDULE, event('SUBSCRIPTION_CANCELLED', details));
  return done({ ...state, status: SubscriptionStatus.CANCELLED, autoRenew: false, cancelledAt: now, endedAt: now, nextChargeAt: null }, effects);
}

/** RES-3/RES-4: the reseller of record (verified by the caller before the transition). */
export function setReseller(state: SubscriptionState, resellerPartnerId: string, resellerTenantId: string | null | undefined, now: Date): Outcome {
  return (
    guard('setReseller', state, now) ??
    done(counted(state, { resellerPartnerId, resellerTenantId: resellerTenantId ?? undefined }), [event('SUBSCRIPTION_UPDATED', { resellerPartnerId })])
  );
}

/** RES-3: one of the provider's partnered resellers as support contact. */
export function setSupportContact(state: SubscriptionState, supportContactId: string, now: Date): Outcome {
  return guard('setSupportContact', state, now) ?? done(counted(state, { supportContactId }), [event('SUBSCRIPTION_UPDATED', { supportContactId })]);
}

/** SUB-1: the friendly name (SUB-8: may be changed while a renewal is processed). */
export function setFriendlyName(state: SubscriptionState, friendlyName: string | null, now: Date): Outcome {
  return (
    guard('setFriendlyName', state, now) ??
    done(counted(state, { friendlyName: friendlyName ?? undefined }), [event('SUBSCRIPTION_UPDATED', { friendlyName, previousFriendlyName: state.friendlyName ?? null })])
  );
}
