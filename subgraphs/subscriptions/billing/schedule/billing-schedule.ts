import Decimal from 'decimal.js';
import { ChargeType } from '../../../../shared/graphql/enums';
import { ledger, type Effect, type LedgerKind, type SubscriptionState } from '../../transitions/model';
import { renewalInstant } from '../../transitions/term';
import { chargeToPeriodEnd, periodAt, periodCharge, periodUnitPrice, unusedInPeriod, type BillingPeriod } from './billing-periods';

/**
 * BIL-1/BIL-2: the billing schedule of a subscription as ledger lines, pure. A term is billed
 * period by period (`nextChargeAt` is the next period not billed yet); a change within a period
 * charges or credits the rest of it, by the day. Every transition of an existing subscription
 * first bills the periods that have begun (`billDue`), so a credit is always of what was billed.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** The last instant of a period (inclusive, like a term's end date). */
function lastInstant(period: Pick<BillingPeriod, 'end'>): Date {
  return new Date(period.end.getTime() - 1);
}

/** Where billing resumes after `period`: its end, or null when that is the end of the term. */
function after(state: Pick<SubscriptionState, 'termEnd'>, period: BillingPeriod): Date | null {
  return period.end.getTime() >= renewalInstant(state.termEnd).getTime() ? null : period.end;
}

/** The period of the current term containing `at`, or null once the term is over. */
export function currentPeriod(state: SubscriptionState, at: Date): BillingPeriod | null {
  return periodAt(state, at);
}

/** A ledger line of the billing schedule (BIL-3: with its charge type, days and period price). */
export function billingLine(
  state: SubscriptionState,
  entryKind: LedgerKind,
  chargeType: ChargeType,
  amount: Decimal.Value,
  quantity: number,
  days: { start: Date; end: Date },
  description: string,
  at: Date,
): Effect {
  const unitPrice = state.unitPrice ? periodUnitPrice(state.unitPrice, state).toFixed(4) : undefined;
  return ledger(state, entryKind, amount, quantity, description, at, { chargeType, chargeStart: days.start, chargeEnd: days.end, unitPrice, offerId: state.offerId, termDuration: state.termDuration, billingFrequency: state.billingFrequency });
}

/**
 * BIL-1: charges every period that has begun by `now` and is not billed yet, at the current
 * quantity and price; the first one with `firstType` (and dated `firstAt` when given), the
 * others as cycle charges dated at their start. Returns the state with its next charge moved on.
 */
export function billDue(state: SubscriptionState, now: Date, firstType: ChargeType = ChargeType.CYCLE_CHARGE, firstAt?: Date): { state: SubscriptionState; effects: Effect[] } {
  const effects: Effect[] = [];
  if (!state.unitPrice) return { state, effects };
  let next = state.nextChargeAt ?? null;
  let chargeType = firstType;
  let at = firstAt;
  while (next && next.getTime() <= now.getTime()) {
    const period = periodAt(state, next);
    if (!period) {
      next = null;
      break;
    }
    const amount = periodCharge(state.unitPrice, state.quantity, state, period);
    const label = chargeType === ChargeType.CYCLE_CHARGE ? 'Billing period charge' : `${chargeType} charge`;
    effects.push(billingLine(state, 'CHARGE', chargeType, amount, state.quantity, { start: period.start, end: lastInstant(period) }, `${label} ${period.start.toISOString().slice(0, 10)} to ${lastInstant(period).toISOString().slice(0, 10)}`, at ?? period.start));
    next = after(state, period);
    chargeType = ChargeType.CYCLE_CHARGE;
    at = undefined;
  }
  return { state: { ...state, nextChargeAt: next }, effects };
}

/**
 * BIL-1: a term starts being billed: its first period is charged at once (`chargeType`, dated
 * `at`), and any later period that has already begun (a term starting in the past, EA-8).
 */
export function startBilling(state: SubscriptionState, now: Date, chargeType: ChargeType, at: Date): { state: SubscriptionState; effects: Effect[] } {
  if (!state.unitPrice) return { state: { ...state, nextChargeAt: null }, effects: [] };
  const from = { ...state, nextChargeAt: startOfDay(state.termStart) };
  const until = now.getTime() > state.termStart.getTime() ? now : state.termStart;
  return billDue(from, until, chargeType, at);
}

/** BIL-2: `quantity` licenses added at `now` are charged to the end of the current period. */
export function addedCharge(state: SubscriptionState, quantity: number, chargeType: ChargeType, description: string, now: Date): Effect[] {
  const period = periodAt(state, now);
  if (!state.unitPrice || !period) return [];
  const amount = chargeToPeriodEnd(state.unitPrice, quantity, state, period, now);
  if (amount.isZero()) return [];
  return [billingLine(state, 'CHARGE', chargeType, amount, quantity, { start: startOfDay(now), end: lastInstant(period) }, description, now)];
}

/** BIL-2/SUB-3: what `quantity` licenses were billed for and will not use after the day of `now`. */
export function unusedAmount(state: SubscriptionState, quantity: number, now: Date): Decimal {
  const period = periodAt(state, now);
  if (!state.unitPrice || !period) return new Decimal(0);
  return unusedInPeriod(state.unitPrice, quantity, state, period, now);
}

/** The days after the day of `now` to the end of its period (what a credit or a matching charge covers). */
export function unusedDays(state: SubscriptionState, now: Date): { start: Date; end: Date } {
  const period = periodAt(state, now);
  const start = new Date(startOfDay(now).getTime() + DAY_MS);
  return { start, end: period ? lastInstant(period) : start };
}

/** BIL-2: a credit (or refund) of the unused days of `quantity` licenses, or nothing when the subscription has no price. */
export function unusedCredit(state: SubscriptionState, entryKind: LedgerKind, chargeType: ChargeType, quantity: number, description: string, now: Date, amount?: Decimal): Effect[] {
  if (!state.unitPrice && !amount?.gt(0)) return [];
  return [billingLine(state, entryKind, chargeType, amount ?? unusedAmount(state, quantity, now), quantity, unusedDays(state, now), description, now)];
}

/**
 * BIL-2: the same unused days charged on another subscription (a transfer's target, an
 * upgrade's new SKU), priced by `state`'s own price and periods; billing resumes after them.
 */
export function chargeForUnusedDays(state: SubscriptionState, quantity: number, chargeType: ChargeType, description: string, now: Date, amount?: Decimal): { state: SubscriptionState; effects: Effect[] } {
  const period = periodAt(state, now);
  if (!period) return { state: { ...state, nextChargeAt: null }, effects: [] };
  const next = { ...state, nextChargeAt: after(state, period) };
  if (!state.unitPrice && !amount) return { state: next, effects: [] };
  const value = amount ?? unusedInPeriod(state.unitPrice!, quantity, state, period, now);
  return { state: next, effects: [billingLine(state, 'CHARGE', chargeType, value, quantity, unusedDays(state, now), description, now)] };
}
