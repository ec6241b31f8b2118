import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { renewalInstant, termEndFor } from './term';
import { counted, done, event, guard, refuse, UNSCHEDULE, type Outcome, type PlannedChange, type SubscriptionState } from './model';

/**
 * SCH-1: a change saved for the next renewal (SKU upgrade, quantity up or down, term duration,
 * billing frequency, coterminous end date), only on an ACTIVE subscription with autorenew on;
 * on a trial it is its scheduled conversion (TRI-3). It replaces any saved change. Read-only
 * while the renewal is processed (SUB-8: CONFLICT). What it may contain (eligible SKU, sold
 * terms) is checked by the caller against the catalog.
 */
export function scheduleChange(state: SubscriptionState, change: PlannedChange, now: Date): Outcome {
  const refused = guard('scheduleChange', state, now);
  if (refused) return refused;
  if (!state.autoRenew) {
    return refuse('AUTORENEW_REQUIRED', 'A change can be scheduled only while autorenew is on: without it the subscription does not renew', state.isTrial ? 'TRI-3' : 'SCH-1');
  }
  return done(counted(state), [{ kind: 'saveScheduledChange', change }, event('SUBSCRIPTION_UPDATED', { scheduledChange: describeChange(change) })]);
}

/** SCH-1: the saved change is removed (SUB-8: not while the renewal is processed); nothing to remove is no change. */
export function removeScheduledChange(state: SubscriptionState, exists: boolean, now: Date): Outcome {
  const refused = guard('removeScheduledChange', state, now);
  if (refused) return refused;
  if (!exists) return done(state, [event(undefined, { scheduledChange: null })]);
  return done(counted(state), [UNSCHEDULE, event('SUBSCRIPTION_UPDATED', { scheduledChange: null })]);
}

/** A saved change as event details (AUD-1, AUD-2): only what it sets. */
export function describeChange(change: PlannedChange): Record<string, unknown> {
  const described: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(change)) if (value !== undefined && value !== null) described[key] = value instanceof Date ? value.toISOString() : value;
  return described;
}

/** The facts of the subscription a scheduled change aligns the next term with. */
export interface CoterminousFacts {
  id: string;
  status: SubscriptionStatus;
  autoRenew: boolean;
  termEnd: Date;
  termDuration: string;
}

export type CoterminousEnd = { ok: true; termEnd: Date } | { ok: false; reason: string };

/**
 * SCH-1/UPG-6: the end date of the next term aligned with another subscription of the customer:
 * that subscription's end date as it falls within the next term (a later term of it when it
 * renews first). The next term starts the day after `current`'s end date and may not outgrow a
 * full term of `duration`. Pure.
 */
export function coterminousEnd(current: { termEnd: Date }, duration: string, other: CoterminousFacts): CoterminousEnd {
  if (other.status !== SubscriptionStatus.ACTIVE) return { ok: false, reason: `subscription ${other.id} is ${other.status}, not ACTIVE` };
  const start = renewalInstant(current.termEnd);
  const fullEnd = termEndFor(start, duration);
  let end = other.termEnd;
  // Its later terms, while it renews and ends before the next term starts (bounded: at most 3 years of monthly terms).
  for (let i = 0; i < 40 && end.getTime() < start.getTime(); i++) {
    if (!other.autoRenew) return { ok: false, reason: `subscription ${other.id} ends on ${other.termEnd.toISOString().slice(0, 10)} without renewing, before the next term starts` };
    end = termEndFor(renewalInstant(end), other.termDuration);
  }
  if (end.getTime() < start.getTime()) return { ok: false, reason: `subscription ${other.id} ends before the next term starts` };
  if (end.getTime() > fullEnd.getTime()) {
    return { ok: false, reason: `subscription ${other.id} ends on ${end.toISOString().slice(0, 10)}, after a full ${duration} term (${fullEnd.toISOString().slice(0, 10)})` };
  }
  return { ok: true, termEnd: end };
}
