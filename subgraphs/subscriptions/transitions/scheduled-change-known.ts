import type { Subscription } from '../entities/subscription.entity';

/**
 * SCH-1/SCH-2: subscriptions a unit read together with the fact that no change is scheduled for
 * them (`readOwned` in lifecycle/subscription.service.ts), so that deleting their scheduled
 * change reads nothing. Sound because every write of a scheduled change updates its
 * subscription's row in the same transaction (its outcome is `counted`, so the version moves):
 * a unit that read the row and the fact in one snapshot, and whose update then succeeds at the
 * version it read, has seen every scheduled change there was. Kept per entity instance, which
 * lives in one unit only.
 */
const withoutScheduledChange = new WeakSet<Subscription>();

/** The unit read `subscription` with no scheduled change. */
export function readWithoutScheduledChange(subscription: Subscription): void {
  withoutScheduledChange.add(subscription);
}

/** Whether the unit knows `subscription` has no scheduled change (false: it does not know). */
export function knownWithoutScheduledChange(subscription: Subscription): boolean {
  return withoutScheduledChange.has(subscription);
}

/** `subscription` has a scheduled change now (the unit saved one). */
export function scheduledChangeSaved(subscription: Subscription): void {
  withoutScheduledChange.delete(subscription);
}
