import Decimal from 'decimal.js';

/** Term arithmetic in UTC (SUB-1, SUB-7): pure, unit-tested. */

export const HOURS_168_MS = 168 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const MONTHS: Record<string, number> = { P1M: 1, P1Y: 12, P3Y: 36 };

export function monthsOf(duration: string): number {
  const months = MONTHS[duration];
  if (!months) throw new Error(`unsupported term duration ${duration}`);
  return months;
}

export function isTermDuration(value: string): boolean {
  return value in MONTHS;
}

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** Adds calendar months to a day, clamping to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonthsToDay(day: Date, months: number): Date {
  const target = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day.getUTCDate(), lastDay)));
}

/**
 * SUB-7: the end date is inclusive. A term starting on day D for P1Y ends on the last
 * instant of D + 1 year − 1 day; it renews at 00:00 UTC of the next day.
 */
export function termEndFor(start: Date, duration: string): Date {
  const nextStart = addMonthsToDay(startOfDay(start), monthsOf(duration));
  return new Date(nextStart.getTime() - 1);
}

/** The first instant after a term (00:00 UTC of the day after the end date). */
export function renewalInstant(termEnd: Date): Date {
  return new Date(startOfDay(termEnd).getTime() + DAY_MS);
}

/** Whole days of a term, counting the start and end days. */
export function termDays(termStart: Date, termEnd: Date): number {
  return Math.round((renewalInstant(termEnd).getTime() - startOfDay(termStart).getTime()) / DAY_MS);
}

/** Days of the term not yet begun at `at` (the day of `at` counts as used). */
export function remainingDays(termEnd: Date, at: Date): number {
  return Math.max(0, Math.round((renewalInstant(termEnd).getTime() - startOfDay(at).getTime()) / DAY_MS) - 1);
}

/** Price of `quantity` licenses for a whole term at a monthly unit price, exact (SUB-3). */
export function termAmount(unitPricePerMonth: string, quantity: number, duration: string): Decimal {
  return new Decimal(unitPricePerMonth).mul(quantity).mul(monthsOf(duration));
}

/** SUB-3: daily proration — the share of `amount` for the days not used. */
export function proratedRefund(amount: Decimal, termStart: Date, termEnd: Date, at: Date): Decimal {
  const total = termDays(termStart, termEnd);
  return amount.mul(remainingDays(termEnd, at)).div(total).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

/** SUB-7: days an EXPIRED subscription stays recoverable before it ends. */
export const GRACE_DAYS = 30;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** SUB-7/SUB-8: the term is over and its renewal (or expiry) is due from 00:00 UTC of the next day. */
export function isPastTerm(termEnd: Date, now: Date): boolean {
  return now.getTime() >= renewalInstant(termEnd).getTime();
}

/**
 * SUB-3 daily proration: what `quantity` licenses cost from the day of `from` (counted) to the
 * inclusive end date, as a share of the full term that starts at `termStart`. Add-ons aligned
 * to a shorter base term (SUB-9) pay only their days.
 */
export function proratedCharge(unitPricePerMonth: string, quantity: number, duration: string, termStart: Date, termEnd: Date, from: Date): Decimal {
  const full = termAmount(unitPricePerMonth, quantity, duration);
  const fullDays = termDays(termStart, termEndFor(termStart, duration));
  const first = from.getTime() > termStart.getTime() ? from : termStart;
  if (first.getTime() > termEnd.getTime()) return new Decimal(0);
  const days = termDays(first, termEnd);
  if (days === fullDays) return full;
  return full.mul(days).div(fullDays).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

/**
 * SUB-3: the refund when `quantity` licenses are removed (or the subscription cancelled) at
 * `at`: what they cost minus the prorated days used (the day of `at` counts as used).
 */
export function proratedRemoval(unitPricePerMonth: string, quantity: number, duration: string, termStart: Date, termEnd: Date, at: Date): Decimal {
  const full = termAmount(unitPricePerMonth, quantity, duration);
  const fullDays = termDays(termStart, termEndFor(termStart, duration));
  return full.mul(remainingDays(termEnd, at)).div(fullDays).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}
