import { ChargeType, SubscriptionStatus } from '../../../shared/graphql/enums';
import { startBilling } from '../billing/schedule/billing-schedule';
import { addDays, GRACE_DAYS, isPastTerm, renewalInstant, termEndFor } from './term';
import { batch, CONVERSION_DEFAULTS, done, event, refuse, UNSCHEDULE, type Action, type BaseFacts, type Effect, type Outcome, type PricedOffer, type ScheduledChange, type SubscriptionState } from './model';

/**
 * What the system does at and after a term end (SUB-6, SUB-7, SUB-9, TRI-2, SCH-1), as
 * transitions. The end date is inclusive: a term is over from 00:00 UTC of the next day.
 */

/** Facts the due work reads before choosing what happens to a due subscription. */
export interface DueFacts {
  /** The base of an add-on (SUB-9), null when it is gone. */
  base?: BaseFacts | null;
  /** TRI-2: the trial's paid equivalent, when one is known. */
  paid?: PricedOffer | null;
  /** SCH-1: the change scheduled for this renewal, if any (TRI-3: a trial's scheduled conversion). */
  scheduledChange?: ScheduledChange | null;
}

/**
 * The transition a due subscription takes at `now`, or null when nothing is due: an EXPIRED
 * subscription ends after its grace (SUB-7); a suspended one ends at its term end without
 * grace (SUB-6); an autorenewing trial converts (TRI-2); an autorenewing subscription renews,
 * with its scheduled change if any (SUB-7, SCH-1); anything else expires — also an add-on
 * whose base is not active (SUB-9) and a trial without a paid equivalent.
 */
export function dueAction(state: SubscriptionState, facts: DueFacts, now: Date): Action | null {
  if (state.status === SubscriptionStatus.EXPIRED) {
    return !state.endedAt && state.graceUntil && state.graceUntil.getTime() <= now.getTime() ? { kind: 'end' } : null;
  }
  if (state.status !== SubscriptionStatus.ACTIVE && state.status !== SubscriptionStatus.SUSPENDED) return null;
  if (!isPastTerm(state.termEnd, now)) return null;
  if (state.status === SubscriptionStatus.SUSPENDED) return { kind: 'end' };
  if (state.isTrial) {
    // TRI-3: a scheduled conversion names its SKU, else the paid equivalent (TRI-2).
    const paid = facts.scheduledChange?.offer ?? facts.paid;
    return state.autoRenew && paid ? { kind: 'convertTrial', paid, change: facts.scheduledChange } : { kind: 'expire' };
  }
  const baseLive = !state.baseSubscriptionId || facts.base?.status === SubscriptionStatus.ACTIVE;
  if (!state.autoRenew || !baseLive) return { kind: 'expire' };
  return facts.scheduledChange ? { kind: 'applyScheduledChange', change: facts.scheduledChange, base: facts.base } : { kind: 'renew', base: facts.base };
}

/** SUB-7: EXPIRED at the end date, recoverable for 30 days. */
export function expire(state: SubscriptionState, now: Date): Outcome {
  if (state.status !== SubscriptionStatus.ACTIVE) return refuse('INVALID_STATE', `Cannot expire a subscription that is ${state.status}`, 'SUB-7');
  if (!isPastTerm(state.termEnd, now)) return refuse('INVALID_STATE', 'The term has not ended yet', 'SUB-7');
  const termOver = renewalInstant(state.termEnd);
  const next = { ...state, status: SubscriptionStatus.EXPIRED, autoRenew: false, expiredAt: termOver, graceUntil: addDays(termOver, GRACE_DAYS) };
  // An add-on expiring with its base may still hold a scheduled change: it has nothing to apply to (SCH-2).
  return done(next, [UNSCHEDULE, event('SUBSCRIPTION_UPDATED', {}, 'expireSubscription')]);
}

/**
 * The subscription ends for good and its data is deleted: after the 30-day grace of an EXPIRED
 * one (SUB-7); at the term end of a suspended one, with no grace (SUB-6); or, during the grace,
 * when a partner buys it again (`recoveredBy`, SUB-7: the new subscription takes over).
 */
export function end(state: SubscriptionState, recoveredBy: string | undefined, now: Date): Outcome {
  if (state.status === SubscriptionStatus.EXPIRED && !state.endedAt && state.graceUntil) {
    if (recoveredBy) {
      if (now.getTime() >= state.graceUntil.getTime()) return refuse('INVALID_STATE', 'The grace period is over: the subscription can no longer be recovered', 'SUB-7');
      return done({ ...state, endedAt: now }, [event('SUBSCRIPTION_UPDATED', { recoveredBy }, 'endSubscription')]);
    }
    if (state.graceUntil.getTime() > now.getTime()) return refuse('INVALID_STATE', 'The grace period has not ended yet', 'SUB-7');
    return done({ ...state, endedAt: state.graceUntil }, [event('SUBSCRIPTION_UPDATED', {}, 'endSubscription')]);
  }
  if (state.status === SubscriptionStatus.SUSPENDED && !recoveredBy) {
    if (!isPastTerm(state.termEnd, now)) return refuse('INVALID_STATE', 'The term has not ended yet', 'SUB-6');
    // Reported as EXPIRED (not CANCELLED: nothing is refunded), ended at once: no grace period.
    const termOver = renewalInstant(state.termEnd);
    const next = { ...state, status: SubscriptionStatus.EXPIRED, autoRenew: false, expiredAt: termOver, graceUntil: undefined, endedAt: termOver };
    return done(next, [event('SUBSCRIPTION_UPDATED', {}, 'endSubscription')]);
  }
  return refuse('INVALID_STATE', `Cannot end a subscription that is ${state.status}${state.endedAt ? ' and already ended' : ''}`, 'SUB-7');
}

/** A new term from the day after the end date, its batch and its charge; the window opens `now`. */
function nextTerm(
  state: SubscriptionState,
  changes: Partial<SubscriptionState>,
  batchKind: 'RENEWAL' | 'CONVERSION',
  description: string,
  base: BaseFacts | null | undefined,
  customEnd: Date | undefined,
  now: Date,
): { next: SubscriptionState; effects: Effect[] } {
  const start = renewalInstant(state.termEnd);
  const duration = changes.termDuration ?? state.termDuration;
  let end = customEnd ?? termEndFor(start, duration);
  // SUB-9: an add-on stays aligned with its base's term.
  if (base && base.termEnd.getTime() >= start.getTime() && base.termEnd.getTime() < end.getTime()) end = base.termEnd;
  const renewed: SubscriptionState = { ...state, ...changes, termStart: start, termEnd: end, windowOpenedAt: now };
  // BIL-1: the new term's first billing period is charged at its start; later ones at theirs.
  const billed = startBilling(renewed, now, batchKind === 'CONVERSION' ? ChargeType.CONVERSION : ChargeType.RENEW, start);
  const effects: Effect[] = [batch(batchKind, renewed.quantity, now), ...billed.effects.map((e, i) => (i === 0 && e.kind === 'ledger' ? { ...e, description } : e))];
  return { next: billed.state, effects };
}

function renewable(state: SubscriptionState, now: Date, rule: string): Outcome | null {
  if (state.status !== SubscriptionStatus.ACTIVE) return refuse('INVALID_STATE', `Cannot renew a subscription that is ${state.status}`, rule);
  if (!state.autoRenew) return refuse('AUTORENEW_REQUIRED', 'Autorenew is off: the subscription expires at its end date', rule);
  if (!isPastTerm(state.termEnd, now)) return refuse('INVALID_STATE', 'The term has not ended yet', rule);
  return null;
}

function baseRefusal(state: SubscriptionState, base: BaseFacts | null | undefined): Outcome | null {
  if (state.baseSubscriptionId && base?.status !== SubscriptionStatus.ACTIVE) return refuse('INVALID_STATE', 'An add-on renews only with an active base subscription', 'SUB-9');
  return null;
}

/**
 * SUB-7: a new term from the day after the end date, a new 168-hour reduction and cancellation
 * window from the moment the renewal completes (`now`), and a new charge (SUB-3).
 */
export function renew(state: SubscriptionState, base: BaseFacts | null | undefined, now: Date): Outcome {
  const refused = renewable(state, now, 'SUB-7') ?? (state.isTrial ? refuse('INVALID_STATE', 'A trial converts or ends; it does not renew', 'TRI-2') : null) ?? baseRefusal(state, base);
  if (refused) return refused;
  const { next, effects } = nextTerm(state, {}, 'RENEWAL', 'Renewal term charge', base, undefined, now);
  return done(next, [...effects, event('SUBSCRIPTION_RENEWED', {}, 'renewSubscription')]);
}

/** SCH-1: the renewal applies the scheduled change (SKU, quantity, term, billing, coterminous end). */
export function applyScheduledChange(state: SubscriptionState, change: ScheduledChange, base: BaseFacts | null | undefined, now: Date): Outcome {
  const refused = renewable(state, now, 'SCH-1') ?? baseRefusal(state, base);
  if (refused) return refused;
  const changes: Partial<SubscriptionState> = {};
  if (change.offer) Object.assign(changes, { offerId: change.offer.offerId, unitPrice: change.offer.unitPrice, currency: change.offer.currency });
  if (change.quantity) changes.quantity = change.quantity;
  if (change.termDuration) changes.termDuration = change.termDuration;
  if (change.billingFrequency) changes.billingFrequency = change.billingFrequency;
  const { next, effects } = nextTerm(state, changes, 'RENEWAL', 'Renewal term charge (scheduled change applied)', base, alignedEnd(state, change), now);
  const applied = { previousOfferId: state.offerId, previousQuantity: state.quantity, scheduledChange: true, licenseReassignment: reassignment(state, Boolean(change.offer), change.quantity) };
  return done(next, [...effects, UNSCHEDULE, event('SUBSCRIPTION_RENEWED', applied, 'renewSubscription')]);
}

/** SCH-1: a coterminous end applies when it falls within the next term (it was checked when saved). */
function alignedEnd(state: SubscriptionState, change: ScheduledChange): Date | undefined {
  return change.termEnd && change.termEnd.getTime() >= renewalInstant(state.termEnd).getTime() ? change.termEnd : undefined;
}

/** SCH-3: a scheduled SKU upgrade with unchanged quantity reassigns licenses automatically; otherwise manually. */
export function reassignment(state: Pick<SubscriptionState, 'quantity'>, changesSku: boolean, quantity: number | null | undefined): 'AUTOMATIC' | 'MANUAL' | null {
  if (!changesSku) return null;
  return quantity === undefined || quantity === null || quantity === state.quantity ? 'AUTOMATIC' : 'MANUAL';
}

/**
 * TRI-2: at the end of the trial month an autorenewing trial becomes its paid equivalent in
 * place: default annual term, monthly billing, the same licenses, a new 168-hour window and the
 * first paid charge. Promotions never apply to a conversion (TRI-3). A scheduled conversion
 * (TRI-3) sets the SKU, the licenses (fewer than 25 too), the term, billing and coterminous end.
 * ORD-6: a marketplace SaaS free trial converts into its own offer, with the term and billing
 * chosen at purchase, and is charged from then on.
 */
export function convertTrial(state: SubscriptionState, paid: PricedOffer, change: ScheduledChange | null | undefined, now: Date): Outcome {
  if (!state.isTrial) return refuse('INVALID_STATE', 'Only a trial converts', 'TRI-2');
  const refused = renewable(state, now, 'TRI-2');
  if (refused) return refused;
  const ownOffer = paid.offerId === state.offerId;
  const changes: Partial<SubscriptionState> = {
    offerId: paid.offerId,
    unitPrice: paid.unitPrice,
    currency: paid.currency,
    isTrial: false,
    quantity: change?.quantity ?? state.quantity,
    termDuration: change?.termDuration ?? (ownOffer ? state.termDuration : CONVERSION_DEFAULTS.termDuration),
    billingFrequency: change?.billingFrequency ?? (ownOffer ? state.billingFrequency : CONVERSION_DEFAULTS.billingFrequency),
    promotionId: undefined,
  };
  const { next, effects } = nextTerm(state, changes, 'CONVERSION', 'Trial converted to paid', undefined, change ? alignedEnd(state, change) : undefined, now);
  const details = { previousOfferId: state.offerId, ...(change ? { scheduledChange: true, previousQuantity: state.quantity } : {}) };
  return done(next, [...effects, UNSCHEDULE, event('SUBSCRIPTION_UPDATED', details, 'convertTrial')]);
}
