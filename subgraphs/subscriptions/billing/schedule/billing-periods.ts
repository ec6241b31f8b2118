import Decimal from 'decimal.js';
import { BillingFrequency } from '../../../../shared/graphql/enums';
import { addMonthsToDay, monthsOf, renewalInstant } from '../../transitions/term';

/**
 * BIL-1/BIL-2: the billing periods of a term and what each costs, pure and exact. A term is cut
 * into periods of its billing frequency (MONTHLY one month, ANNUAL one year, TRIENNIAL the whole
 * term, never longer than the term). Periods are counted back from the first day after the term:
 * for a term of whole periods they run from the term start's day of month; a term coterminous
 * with another (an add-on, a transfer, a partial upgrade) shares that term's periods and its
 * first one is shorter, prorated by the day.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const FREQUENCY_MONTHS: Record<BillingFrequency, number> = { MONTHLY: 1, ANNUAL: 12, TRIENNIAL: 36 };

/** What the billing of a term depends on. */
export interface BilledTerm {
  termStart: Date;
  termEnd: Date;
  termDuration: string;
  billingFrequency: BillingFrequency;
}

/** One billing period: `start` included, `end` excluded (the next period's start); `fullStart` is where a full period would start. */
export interface BillingPeriod {
  start: Date;
  end: Date;
  fullStart: Date;
}

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function days(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/** BIL-1: months in one billing period of a term. */
export function periodMonths(term: Pick<BilledTerm, 'termDuration' | 'billingFrequency'>): number {
  return Math.min(FREQUENCY_MONTHS[term.billingFrequency] ?? monthsOf(term.termDuration), monthsOf(term.termDuration));
}

/** BIL-1: the period that contains `at` (the first one before the term starts), or null once the term is over. */
export function periodAt(term: BilledTerm, at: Date): BillingPeriod | null {
  const after = renewalInstant(term.termEnd);
  const termDay = startOfDay(term.termStart);
  const day = startOfDay(at).getTime() < termDay.getTime() ? termDay : startOfDay(at);
  if (day.getTime() >= after.getTime()) return null;
  const months = periodMonths(term);
  let end = after;
  for (let k = 1; ; k++) {
    const fullStart = addMonthsToDay(after, -k * months);
    if (fullStart.getTime() <= day.getTime()) return { start: fullStart.getTime() < termDay.getTime() ? termDay : fullStart, end, fullStart };
    end = fullStart;
  }
}

/** BIL-1: every period of a term, in order. */
export function periodsOf(term: BilledTerm): BillingPeriod[] {
  const periods: BillingPeriod[] = [];
  for (let p = periodAt(term, term.termStart); p; p = periodAt(term, p.end)) periods.push(p);
  return periods;
}

/** BIL-1: the price of one license for one full period of the term (the price is per license per month). */
export function periodUnitPrice(unitPricePerMonth: Decimal.Value, term: Pick<BilledTerm, 'termDuration' | 'billingFrequency'>): Decimal {
  return new Decimal(unitPricePerMonth).mul(periodMonths(term));
}

/** The share of a full period's `amount` for the days from `from` (included) to the period's end, exact to 4 places. */
function share(amount: Decimal, period: BillingPeriod, from: Date): Decimal {
  const first = from.getTime() < period.start.getTime() ? period.start : startOfDay(from);
  const used = Math.max(0, days(first, period.end));
  const full = days(period.fullStart, period.end);
  if (used >= full) return amount;
  return amount.mul(used).div(full).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

/** BIL-1: what `quantity` licenses cost for the whole of `period` (a shorter first period by the day). */
export function periodCharge(unitPricePerMonth: Decimal.Value, quantity: number, term: BilledTerm, period: BillingPeriod): Decimal {
  return share(periodUnitPrice(unitPricePerMonth, term).mul(quantity), period, period.start);
}

/** BIL-2: licenses added at `at` are charged from that day (included) to the end of its period. */
export function chargeToPeriodEnd(unitPricePerMonth: Decimal.Value, quantity: number, term: BilledTerm, period: BillingPeriod, at: Date): Decimal {
  return share(periodUnitPrice(unitPricePerMonth, term).mul(quantity), period, at);
}

/**
 * BIL-2/SUB-3: what was billed for `quantity` licenses and is not used after `at`: the days of the
 * period after the day of `at` (that day counts as used). Credits, refunds, and the charge of a
 * transfer's or upgrade's target for the same days.
 */
export function unusedInPeriod(unitPricePerMonth: Decimal.Value, quantity: number, term: BilledTerm, period: BillingPeriod, at: Date): Decimal {
  return share(periodUnitPrice(unitPricePerMonth, term).mul(quantity), period, new Date(startOfDay(at).getTime() + DAY_MS));
}
