import { BusinessRuleError, conflict, ensure } from '../../../shared/errors';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { HOURS_168_MS, isPastTerm, renewalInstant } from './term';

/** Pure lifecycle rules of SPEC §6, unit-tested without a database. */

/** SUB-4: updates a subscription accepts over its lifetime. */
export const UPDATE_LIMIT = 1200;

export type LifecycleAction = 'changeQuantity' | 'setAutoRenew' | 'suspend' | 'reactivate' | 'cancel' | 'setReseller' | 'setSupportContact';

/** SUB-1/SUB-5/SUB-6: the states each action may start from. CANCELLED is terminal. */
const ALLOWED_FROM: Record<LifecycleAction, readonly SubscriptionStatus[]> = {
  changeQuantity: [SubscriptionStatus.ACTIVE],
  setAutoRenew: [SubscriptionStatus.ACTIVE],
  suspend: [SubscriptionStatus.ACTIVE],
  reactivate: [SubscriptionStatus.SUSPENDED],
  cancel: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED],
  setReseller: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED],
  setSupportContact: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED],
};

/** SUB-8: read-only while a renewal (or the expiry at the term end) is being processed. */
const FROZEN_WHILE_RENEWING: ReadonlySet<LifecycleAction> = new Set(['setAutoRenew', 'suspend', 'reactivate']);

/** TRI-1: a trial's quantity and status cannot change during the trial. */
const TRIAL_LOCKED: ReadonlySet<LifecycleAction> = new Set(['changeQuantity', 'suspend', 'reactivate', 'cancel']);

export interface LifecycleFacts {
  id: string;
  status: SubscriptionStatus;
  isTrial: boolean;
  updateCount: number;
  termStart: Date;
  termEnd: Date;
}

/**
 * Throws the refusal for `action` on `subscription` at `now`, in the order a partner would
 * want to hear it: renewal in progress (CONFLICT, retry), illegal state, trial lock, update cap.
 */
export function assertAllowed(action: LifecycleAction, subscription: LifecycleFacts, now: Date): void {
  const live = subscription.status === SubscriptionStatus.ACTIVE || subscription.status === SubscriptionStatus.SUSPENDED;
  if (live && FROZEN_WHILE_RENEWING.has(action) && isPastTerm(subscription.termEnd, now)) {
    throw conflict(
      `Subscription ${subscription.id} is being renewed (term ended ${subscription.termEnd.toISOString().slice(0, 10)}, processing since ${renewalInstant(subscription.termEnd).toISOString()}); retry once the renewal is done (SUB-8)`,
    );
  }
  ensure(
    ALLOWED_FROM[action].includes(subscription.status),
    'INVALID_STATE',
    `Cannot ${describe(action)} a subscription that is ${subscription.status}`,
    subscription.status === SubscriptionStatus.CANCELLED ? 'SUB-5' : 'SUB-1',
  );
  ensure(!(subscription.isTrial && TRIAL_LOCKED.has(action)), 'TRIAL_LOCKED', 'A trial keeps its quantity and status until it ends or is converted', 'TRI-1');
  if (action !== 'cancel') {
    ensure(
      subscription.updateCount < UPDATE_LIMIT,
      'UPDATE_LIMIT_REACHED',
      `This subscription has been updated ${UPDATE_LIMIT} times and accepts no further updates; buy a second subscription instead`,
      'SUB-4',
    );
  }
}

function describe(action: LifecycleAction): string {
  return {
    changeQuantity: 'change the quantity of',
    setAutoRenew: 'change autorenew of',
    suspend: 'suspend',
    reactivate: 'reactivate',
    cancel: 'cancel',
    setReseller: 'set the reseller of',
    setSupportContact: 'set the support contact of',
  }[action];
}

/** SUB-5: the end of the cancellation window of the current term. */
export function cancellationDeadline(termStart: Date): Date {
  return new Date(termStart.getTime() + HOURS_168_MS);
}

/** SUB-6: reactivation only within the term. */
export function assertReactivationInTerm(termEnd: Date, now: Date): void {
  ensure(now.getTime() <= termEnd.getTime(), 'INVALID_STATE', 'The term has ended: a suspended subscription can no longer be reactivated', 'SUB-6');
}

export interface BatchFacts {
  id: string;
  quantity: number;
  removed: number;
  addedAt: Date;
  reducibleUntil: Date;
}

export interface Reducible {
  quantity: number;
  /** Earliest deadline among the open batches: the whole quantity is reducible until then. */
  until: Date | null;
  reason: string | null;
}

/**
 * SUB-2: licenses reducible now are those of batches whose 168-hour window is still open.
 * `until` is the earliest deadline among those batches: up to then the full `quantity` may
 * be removed; after it, fewer (ask again). When none are reducible, `reason` says why.
 */
export function reducible(batches: readonly BatchFacts[], now: Date, status: SubscriptionStatus, isTrial: boolean): Reducible {
  if (status !== SubscriptionStatus.ACTIVE) return { quantity: 0, until: null, reason: `The subscription is ${status}: licenses cannot be removed` };
  if (isTrial) return { quantity: 0, until: null, reason: 'A trial keeps its 25 licenses during the trial (TRI-1)' };
  const open = batches.filter((b) => b.reducibleUntil.getTime() > now.getTime() && b.quantity - b.removed > 0);
  if (!open.length) {
    const last = [...batches].sort((a, b) => b.reducibleUntil.getTime() - a.reducibleUntil.getTime())[0];
    const when = last ? ` (the last window closed ${last.reducibleUntil.toISOString()})` : '';
    return { quantity: 0, until: null, reason: `Licenses can be removed only within 168 hours after they were added${when}` };
  }
  const quantity = open.reduce((sum, b) => sum + b.quantity - b.removed, 0);
  const until = new Date(Math.min(...open.map((b) => b.reducibleUntil.getTime())));
  return { quantity, until, reason: null };
}

/**
 * SUB-2: which open batches a reduction of `count` consumes, most recent first; throws
 * REDUCTION_WINDOW_CLOSED when the open batches do not hold enough licenses.
 */
export function planReduction(batches: readonly BatchFacts[], count: number, now: Date): { batchId: string; take: number }[] {
  const open = batches
    .filter((b) => b.reducibleUntil.getTime() > now.getTime() && b.quantity - b.removed > 0)
    .sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime() || (b.id < a.id ? -1 : 1));
  const available = open.reduce((sum, b) => sum + b.quantity - b.removed, 0);
  if (available < count) {
    throw new BusinessRuleError(
      'REDUCTION_WINDOW_CLOSED',
      available
        ? `Only ${available} license(s) are still within their 168-hour window; ${count} cannot be removed`
        : 'No licenses are within their 168-hour window: the quantity can no longer be reduced',
      'SUB-2',
      ['quantity'],
    );
  }
  const plan: { batchId: string; take: number }[] = [];
  let left = count;
  for (const batch of open) {
    if (!left) break;
    const take = Math.min(left, batch.quantity - batch.removed);
    plan.push({ batchId: batch.id, take });
    left -= take;
  }
  return plan;
}
