import { ChargeType, SubscriptionStatus, type BillingFrequency } from '../../../shared/graphql/enums';
import { chargeForUnusedDays, startBilling, unusedCredit } from '../billing/schedule/billing-schedule';
import { planMoveOut } from './license-batches';
import { HOURS_168_MS, isPastTerm, monthsOf, renewalInstant, termEndFor } from './term';
import { create } from './moves';
import {
  batch,
  cancellationDeadline,
  counted,
  done,
  event,
  guard,
  refuse,
  UNSCHEDULE,
  UPDATE_LIMIT,
  type Effect,
  type NewSubscription,
  type Outcome,
  type PricedOffer,
  type Refused,
  type SubscriptionState,
} from './model';

/**
 * Upgrades now (SPEC §7: UPG-1…UPG-7) and the mid-term end of a converted trial (TRI-3), as
 * transitions. Eligibility of the SKU path is the catalog's (CAT-10), checked by the caller;
 * these decide what happens to each subscription involved and what it costs: the unused days
 * of the old SKU are credited and the new SKU is charged for the same days (SUB-3 daily
 * proration). Upgrades cannot be undone (UPG-2): their licenses come with no reduction window
 * and the cancellation window of an upgraded term is closed.
 */

/** UPG-2: a window that closed at `now` (the cancellation deadline is `now`). */
function closedWindow(now: Date): Date {
  return new Date(now.getTime() - HOURS_168_MS);
}

/** UPG-2: licenses an upgrade added, with their reduction window already closed. */
function upgradedBatch(quantity: number, now: Date): Effect {
  return { kind: 'addBatch', batchKind: 'UPGRADE', quantity, addedAt: now, reducibleUntil: now };
}

/** UPG-1/TRI-3/SUB-8: why the source of an upgrade cannot be upgraded now, or null. */
export function upgradeRefusal(state: SubscriptionState, now: Date): Refused | null {
  return guard('upgrade', state, now) ?? (state.isTrial ? refuse('UPGRADE_NOT_ELIGIBLE', 'A trial is converted (convertTrial), not upgraded', 'TRI-3') : null);
}

/** UPG-6: an upgrade keeps or lengthens the term, never shortens it (the one place this is decided). */
export function termShortening(currentTerm: string, requestedTerm: string): Refused | null {
  if (monthsOf(requestedTerm) >= monthsOf(currentTerm)) return null;
  return refuse('UPGRADE_NOT_ELIGIBLE', `An upgrade cannot shorten the term from ${currentTerm} to ${requestedTerm}`, 'UPG-6', ['termDuration']);
}

/**
 * UPG-1/UPG-3/UPG-6: a full upgrade now keeps the subscription and moves all its licenses to
 * the target SKU. The same term type keeps the end date; a longer term starts a full new term
 * now; a shorter one is not an upgrade. SCH-2: a scheduled change is deleted (UPG-2).
 */
export function upgrade(state: SubscriptionState, target: PricedOffer, termDuration: string | undefined, billingFrequency: BillingFrequency | undefined, now: Date): Outcome {
  const refused = upgradeRefusal(state, now);
  if (refused) return refused;
  const duration = termDuration ?? state.termDuration;
  const shortened = termShortening(state.termDuration, duration);
  if (shortened) return shortened;
  const longer = monthsOf(duration) > monthsOf(state.termDuration);
  const termStart = longer ? now : state.termStart;
  const termEnd = longer ? termEndFor(now, duration) : state.termEnd;
  const upgraded = counted(state, {
    offerId: target.offerId,
    unitPrice: target.unitPrice,
    // BIL-5: an upgrade is no qualifying purchase: the new SKU is billed at its list price.
    listUnitPrice: null,
    promotionId: null,
    currency: target.currency,
    termDuration: duration,
    billingFrequency: billingFrequency ?? state.billingFrequency,
    termStart,
    termEnd,
    windowOpenedAt: closedWindow(now),
  });
  // BIL-2: the old SKU is credited for the rest of the period and the new one charged for it (a
  // longer term starts a new term, billed from its first period).
  const effects: Effect[] = [{ kind: 'closeBatches', at: now }];
  effects.push(...unusedCredit(state, 'CREDIT', ChargeType.UPGRADE, state.quantity, `Upgraded from ${state.offerId}`, now));
  const billed = longer
    ? startBilling(upgraded, now, ChargeType.UPGRADE, now)
    : chargeForUnusedDays(upgraded, state.quantity, ChargeType.UPGRADE, `Upgraded to ${target.offerId}`, now);
  const next = billed.state;
  effects.push(...billed.effects);
  effects.push(UNSCHEDULE, event('SUBSCRIPTION_UPDATED', { previousOfferId: state.offerId, previousTermEnd: state.termEnd.toISOString() }, 'upgradeSubscription'));
  return done(next, effects);
}

/**
 * UPG-4/UPG-3/UPG-7: the source side of an upgrade whose licenses go to another subscription
 * (a new one of a partial upgrade, or an existing one). A partial upgrade keeps the rest and
 * may not leave fewer than the suite's minimum (BELOW_MINIMUM); moving every license empties
 * the source, which ends. The moved licenses' unused days are credited.
 */
export function upgradeOut(
  state: SubscriptionState,
  action: { quantity: number; minimum: number; into: string; targetOfferId: string; batches: Parameters<typeof planMoveOut>[0] },
  now: Date,
): Outcome {
  const refused = upgradeRefusal(state, now);
  if (refused) return refused;
  const moved = action.quantity;
  if (!Number.isInteger(moved) || moved <= 0 || moved > state.quantity) {
    return refuse('UPGRADE_NOT_ELIGIBLE', `Between 1 and the subscription's ${state.quantity} licenses can be upgraded, not ${moved}`, 'UPG-4', ['quantity']);
  }
  const remaining = state.quantity - moved;
  if (remaining > 0 && remaining < action.minimum) {
    return refuse('BELOW_MINIMUM', `A partial upgrade may not leave fewer than the suite's minimum of ${action.minimum} licenses (${remaining} would remain)`, 'UPG-4', ['quantity']);
  }
  // BIL-2: the moved licenses' rest of the period is credited.
  const credit = unusedCredit(state, 'CREDIT', ChargeType.UPGRADE, moved, `${moved} license(s) upgraded to ${action.targetOfferId}`, now);
  const details = { upgradedInto: action.into, targetOfferId: action.targetOfferId, movedLicenses: moved, previousQuantity: state.quantity };
  if (remaining === 0) {
    // Every license moved into an existing subscription: this one ends, with nothing left to bill.
    const ended = { ...state, status: SubscriptionStatus.CANCELLED, autoRenew: false, cancelledAt: now, endedAt: now, nextChargeAt: null };
    return done(ended, [...credit, UNSCHEDULE, event('SUBSCRIPTION_UPDATED', details, 'upgradeSubscription')]);
  }
  const effects: Effect[] = [{ kind: 'removeLicenses', plan: planMoveOut(action.batches, moved) }, ...credit, UNSCHEDULE];
  effects.push(event('SUBSCRIPTION_UPDATED', { ...details, quantity: remaining }, 'upgradeSubscription'));
  return done(counted(state, { quantity: remaining }), effects);
}

/**
 * UPG-5 (TRI-3 for a converted trial): an existing target must be an active subscription of the
 * target SKU for the same customer, outside its cancellation window, of the same term duration,
 * ending no earlier than the source. Null when it may receive the licenses.
 */
export function targetRefusal(target: SubscriptionState, from: SubscriptionState, offerId: string, conversion: boolean, now: Date): Refused | null {
  const rule = conversion ? 'TRI-3' : 'UPG-5';
  const invalid = (reason: string) => refuse('TARGET_SUBSCRIPTION_INVALID', `Subscription ${target.id} cannot receive the licenses: ${reason}`, rule, ['targetSubscriptionId']);
  if (target.id === from.id) return invalid('it is the subscription being upgraded');
  if (target.customerId !== from.customerId) return invalid('it belongs to another customer');
  if (target.status !== SubscriptionStatus.ACTIVE) return invalid(`it is ${target.status}, not ACTIVE`);
  if (target.isTrial) return invalid('it is a trial');
  if (target.offerId !== offerId) return invalid(`it is a subscription of ${target.offerId}, not of ${offerId}`);
  if (isPastTerm(target.termEnd, now)) return refuse('CONFLICT', `Subscription ${target.id} is being renewed; retry once the renewal is done (SUB-8)`, 'SUB-8');
  if (!conversion) {
    const deadline = cancellationDeadline(target);
    if (now.getTime() < deadline.getTime()) return invalid(`it is still within its cancellation window (until ${deadline.toISOString()})`);
    if (target.termDuration !== from.termDuration) return invalid(`its term ${target.termDuration} does not match ${from.termDuration}`);
  }
  if (renewalInstant(target.termEnd).getTime() < renewalInstant(from.termEnd).getTime()) {
    return invalid(`it ends on ${target.termEnd.toISOString().slice(0, 10)}, before ${from.termEnd.toISOString().slice(0, 10)}`);
  }
  if (target.updateCount >= UPDATE_LIMIT) return refuse('UPDATE_LIMIT_REACHED', `Subscription ${target.id} has been updated ${UPDATE_LIMIT} times and accepts no further updates`, 'SUB-4');
  return null;
}

/**
 * UPG-3/UPG-7/TRI-3: an existing subscription receives `quantity` licenses; it keeps its term
 * and billing and charges its own price for its remaining days. Upgraded licenses cannot be
 * removed (UPG-2); a converted trial's licenses are added like an increase (SUB-2 window).
 */
export function upgradeInto(state: SubscriptionState, action: { from: SubscriptionState; quantity: number; offerId: string; conversion?: boolean }, now: Date): Outcome {
  const conversion = action.conversion ?? false;
  const refused = targetRefusal(state, action.from, action.offerId, conversion, now);
  if (refused) return refused;
  const added = action.quantity;
  const next = counted(state, { quantity: state.quantity + added });
  const effects: Effect[] = [conversion ? batch('CONVERSION', added, now) : upgradedBatch(added, now)];
  if (state.unitPrice) {
    // BIL-2: the added licenses are charged for the rest of the target's current period.
    const origin = conversion ? `converted from trial ${action.from.id}` : `upgraded from ${action.from.offerId}`;
    const billed = chargeForUnusedDays(state, added, conversion ? ChargeType.CONVERSION : ChargeType.UPGRADE, `${added} license(s) ${origin}`, now);
    effects.push(...billed.effects);
  }
  // SCH-2: its quantity changed.
  effects.push(UNSCHEDULE);
  const origin = conversion ? { convertedFrom: action.from.id } : { upgradedFrom: action.from.id, previousOfferId: action.from.offerId };
  effects.push(event('SUBSCRIPTION_UPDATED', { ...origin, quantity: next.quantity, previousQuantity: state.quantity, addedLicenses: added }));
  return done(next, effects);
}

/**
 * UPG-4/UPG-6: the new subscription of a partial upgrade. Of the same term type it is
 * coterminous with the source and billed for the source's remaining days (the days credited
 * there); of a longer term it starts a full new term, billed in full. No cancellation window.
 */
export function createUpgraded(terms: NewSubscription, from: SubscriptionState, now: Date): Outcome {
  const created = create(null, 'UPGRADE', terms, true, now);
  if (!created.ok) return created;
  const longer = monthsOf(terms.termDuration) > monthsOf(from.termDuration);
  const opened = { ...created.state, windowOpenedAt: closedWindow(now) };
  const effects: Effect[] = [upgradedBatch(terms.quantity, now)];
  // BIL-2: charged for the days the source is credited (a longer term: billed from its first period).
  const billed = longer
    ? startBilling(opened, now, ChargeType.UPGRADE, now)
    : chargeForUnusedDays(opened, terms.quantity, ChargeType.UPGRADE, `${terms.quantity} license(s) upgraded from ${from.offerId}`, now);
  const state = billed.state;
  effects.push(...billed.effects);
  const createdEvent = created.effects.find((e) => e.kind === 'event');
  const details = createdEvent?.kind === 'event' ? createdEvent.details : {};
  effects.push(event('SUBSCRIPTION_CREATED', { ...details, upgradedFrom: from.id, previousOfferId: from.offerId }, 'createSubscription'));
  return done(state, effects);
}

/**
 * TRI-3: a trial converted mid-term into another subscription (a new one, or an existing one
 * that received its licenses) ends at once; nothing is refunded (a trial is free), and a
 * scheduled conversion is deleted (SCH-2).
 */
export function convertTrialOut(state: SubscriptionState, into: string, now: Date): Outcome {
  const refused = guard('convertTrialOut', state, now);
  if (refused) return refused;
  if (!state.isTrial) return refuse('INVALID_STATE', 'Only a trial converts; a paid subscription is upgraded', 'TRI-3');
  const ended = { ...state, status: SubscriptionStatus.EXPIRED, autoRenew: false, expiredAt: now, graceUntil: undefined, endedAt: now };
  return done(ended, [UNSCHEDULE, event('SUBSCRIPTION_UPDATED', { convertedInto: into }, 'convertTrial')]);
}
