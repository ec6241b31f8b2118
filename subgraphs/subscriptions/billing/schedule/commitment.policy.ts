import Decimal from 'decimal.js';
import { SubscriptionStatus } from '../../../../shared/graphql/enums';
import { netCharged } from '../../../../shared/money';
import type { SubscriptionState } from '../../transitions/model';
import { renewalInstant, termEndFor } from '../../transitions/term';
import { periodAt, periodCharge, periodsOf } from './billing-periods';

/** BIL-1: the commitment of the current term and the next charge, exact (formatted by the caller). */
export interface BillingSummary {
  total: Decimal;
  billed: Decimal;
  remaining: Decimal;
  nextChargeAt: Date | null;
  nextChargeAmount: Decimal | null;
}

/** A ledger line as the summary reads it. */
export interface BilledLine {
  kind: string;
  amountValue: string;
  at: Date;
  chargeStart?: Date | null;
}

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

const LIVE: readonly SubscriptionStatus[] = [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED];

/**
 * BIL-1: what the current term commits the partner to — what it has billed net (charges less
 * refunds and credits of this term's days) plus the periods still to bill at the current quantity
 * and price — and the next charge: the next period of the term, or the renewal's first period
 * when the subscription renews (SUB-7). A cancelled or ended term is never billed further.
 */
export function billingSummary(state: SubscriptionState, lines: readonly BilledLine[]): BillingSummary {
  const termDay = startOfDay(state.termStart).getTime();
  const billed = netCharged(lines.filter((l) => (l.chargeStart ?? l.at).getTime() >= termDay));
  const live = LIVE.includes(state.status) && !state.endedAt;
  if (!live || !state.unitPrice) return { total: billed, billed, remaining: new Decimal(0), nextChargeAt: null, nextChargeAmount: null };
  const unitPrice = state.unitPrice;
  const next = state.nextChargeAt ?? null;
  const unbilled = next ? periodsOf(state).filter((p) => p.start.getTime() >= next.getTime()) : [];
  const remaining = unbilled.reduce((sum, p) => sum.plus(periodCharge(unitPrice, state.quantity, state, p)), new Decimal(0));
  if (next) {
    const period = periodAt(state, next);
    return { total: billed.plus(remaining), billed, remaining, nextChargeAt: next, nextChargeAmount: period ? periodCharge(unitPrice, state.quantity, state, period) : null };
  }
  if (state.status !== SubscriptionStatus.ACTIVE || !state.autoRenew || state.isTrial) return { total: billed, billed, remaining, nextChargeAt: null, nextChargeAmount: null };
  // SUB-7: the renewal bills the next term's first period at the current quantity and price.
  const start = renewalInstant(state.termEnd);
  const renewed = { ...state, termStart: start, termEnd: termEndFor(start, state.termDuration) };
  const first = periodAt(renewed, start)!;
  return { total: billed, billed, remaining, nextChargeAt: start, nextChargeAmount: periodCharge(unitPrice, state.quantity, renewed, first) };
}
