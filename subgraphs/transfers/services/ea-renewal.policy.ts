import { EaRenewalStatus, EaSubscriptionAvailability, HOLDING_STATUSES } from '../types/ea.enums';
import { eaVisibilityWindow } from './ea-window';

/** Pure EA→CSP renewal rules of SPEC §9, unit-tested without a database. */

const DAY_MS = 24 * 60 * 60 * 1000;
const NOON_MS = 12 * 60 * 60 * 1000;

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** 00:00 UTC of the day after a `YYYY-MM-DD` day (an EA end date is inclusive). */
export function dayAfter(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);
}

/**
 * EA-7: the EA service a renewal follows ends on the later of the agreement's end date and the
 * EA subscription's own: a subscription that ends after its agreement is never renewed mid-term.
 * Pass the result as `eaEndDate` to {@link processAt}, {@link alignedTermStart} and {@link cspTermStart}.
 */
export function eaServiceEnd(subscription: { endDate: string; agreement: { endDate: string } }): string {
  return subscription.endDate > subscription.agreement.endDate ? subscription.endDate : subscription.agreement.endDate;
}

/**
 * EA-7: a schedule submitted before the EA end is processed from 12:00 UTC of the day after the
 * end date; one submitted after the agreement expired, from 12:00 UTC of the day after its
 * submission. Both read "noon of the day after the later of the end date and the submission
 * day", with the end date of {@link eaServiceEnd}. The only place this is decided: the due
 * scan (ea-processing.service.ts) asks it too.
 */
export function processAt(eaEndDate: string, submittedAt: Date): Date {
  const submittedDay = dayOf(submittedAt);
  const later = submittedDay > eaEndDate ? submittedDay : eaEndDate;
  return new Date(dayAfter(later).getTime() + NOON_MS);
}

/**
 * EA-8: a renewal scheduled before the EA end starts its CSP term where the EA ends (no double
 * service or billing); null for one scheduled after expiry: its term starts when it is processed.
 */
export function alignedTermStart(eaEndDate: string, submittedAt: Date): Date | null {
  const eaOver = dayAfter(eaEndDate);
  return submittedAt.getTime() < eaOver.getTime() ? eaOver : null;
}

/** EA-8: when the CSP term of a renewal processed at `processedAt` starts. */
export function cspTermStart(eaEndDate: string, submittedAt: Date, processedAt: Date): Date {
  return alignedTermStart(eaEndDate, submittedAt) ?? processedAt;
}

/**
 * EA-5: a schedule can be edited, resubmitted or cancelled while it is SCHEDULED and the
 * agreement has not ended — for a schedule made after the agreement expired, until it is
 * processed. Returns the reason when it cannot.
 */
export function editRefusal(status: EaRenewalStatus, eaEndDate: string, submittedAt: Date, now: Date): string | null {
  if (status !== EaRenewalStatus.SCHEDULED) return `The schedule is ${status} and can no longer be changed`;
  const eaOver = dayAfter(eaEndDate).getTime();
  const madeBeforeEnd = submittedAt.getTime() < eaOver;
  if (madeBeforeEnd && now.getTime() >= eaOver) return `The agreement ended on ${eaEndDate}: the schedule is locked until it is processed`;
  return null;
}

export interface AgreementFacts {
  endDate: string;
  inExtendedTerm: boolean;
  renewed: boolean;
}

/**
 * EA-2: non-renewed agreements that expired in the last 90 days or expire within the next 6
 * months; agreements in their extended term count.
 */
export function isEligible(agreement: AgreementFacts, now: Date): boolean {
  if (agreement.renewed) return false;
  if (agreement.inExtendedTerm) return true;
  const window = eaVisibilityWindow(now);
  return agreement.endDate >= window.from && agreement.endDate <= window.to;
}

export interface ScheduleFacts {
  partnerId: string;
  status: EaRenewalStatus;
}

export interface Availability {
  availability: EaSubscriptionAvailability;
  reason: string | null;
}

/**
 * EA-3, per viewing partner: SCHEDULED_BY_YOU when the caller holds it, NOT_AVAILABLE when
 * another partner does (never naming it), NOT_AVAILABLE_IN_CSP when CSP has no such SKU or it
 * is not commercial (the manual path), else AVAILABLE. EA-4: end-of-sale SKUs are available.
 */
export function availabilityFor(
  subscription: { offerId?: string | null; commercial: boolean },
  schedules: readonly ScheduleFacts[],
  viewerId: string,
): Availability {
  const holder = schedules.find((s) => HOLDING_STATUSES.includes(s.status));
  if (holder && holder.partnerId === viewerId) return { availability: EaSubscriptionAvailability.SCHEDULED_BY_YOU, reason: null };
  if (holder) return { availability: EaSubscriptionAvailability.NOT_AVAILABLE, reason: 'Another partner has scheduled the renewal of this subscription to CSP' };
  return cspAvailability(subscription);
}

/** EA-3/EA-4, whoever holds it: whether CSP renews this SKU at all (commercial, with a CSP offer). */
export function cspAvailability(subscription: { offerId?: string | null; commercial: boolean }): Availability {
  if (!subscription.commercial) {
    return { availability: EaSubscriptionAvailability.NOT_AVAILABLE_IN_CSP, reason: 'Channel transfers renew commercial SKUs only: buy public-sector SKUs from the catalog (manual path)' };
  }
  if (!subscription.offerId) return { availability: EaSubscriptionAvailability.NOT_AVAILABLE_IN_CSP, reason: 'This SKU is not offered in CSP' };
  return { availability: EaSubscriptionAvailability.AVAILABLE, reason: null };
}
