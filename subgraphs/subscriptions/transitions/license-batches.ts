/**
 * SUB-2 license batches as plain data: each addition of licenses (purchase, renewal, mid-term
 * increase) is its own batch with its own 168-hour deadline. Pure, unit-tested.
 */

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

export interface ReductionStep {
  batchId: string;
  take: number;
}

export type ReductionPlan = { ok: true; plan: ReductionStep[] } | { ok: false; available: number };

function openBatches(batches: readonly BatchFacts[], now: Date): BatchFacts[] {
  return batches.filter((b) => b.reducibleUntil.getTime() > now.getTime() && b.quantity - b.removed > 0);
}

/**
 * SUB-2: licenses reducible now are those of batches whose 168-hour window is still open.
 * `until` is the earliest deadline among those batches: up to then the full `quantity` may
 * be removed; after it, fewer (ask again). When none are reducible, `reason` says why.
 */
export function reducible(batches: readonly BatchFacts[], now: Date, status: string, isTrial: boolean): Reducible {
  if (status !== 'ACTIVE') return { quantity: 0, until: null, reason: `The subscription is ${status}: licenses cannot be removed` };
  if (isTrial) return { quantity: 0, until: null, reason: 'A trial keeps its 25 licenses during the trial (TRI-1)' };
  const open = openBatches(batches, now);
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
 * SUB-2: which open batches a reduction of `count` consumes, most recent first; not ok (with
 * what is still removable) when the open batches do not hold enough licenses.
 */
export function planReduction(batches: readonly BatchFacts[], count: number, now: Date): ReductionPlan {
  const open = newestFirst(openBatches(batches, now));
  const available = open.reduce((sum, b) => sum + b.quantity - b.removed, 0);
  if (available < count) return { ok: false, available };
  return { ok: true, plan: consume(open, count) };
}

/**
 * UPG-4/UPG-7: which batches `count` licenses leave when they move to another subscription by
 * an upgrade, most recent first, whatever their windows (an upgrade is not a SUB-2 reduction).
 */
export function planMoveOut(batches: readonly BatchFacts[], count: number): ReductionStep[] {
  return consume(newestFirst(batches.filter((b) => b.quantity - b.removed > 0)), count);
}

/** Most recently added first, ties by id. */
function newestFirst(batches: readonly BatchFacts[]): BatchFacts[] {
  return [...batches].sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime() || (b.id < a.id ? -1 : 1));
}

/** Takes `count` licenses from the batches in their order, each up to what it still holds. */
function consume(batches: readonly BatchFacts[], count: number): ReductionStep[] {
  const plan: ReductionStep[] = [];
  let left = count;
  for (const batch of batches) {
    if (!left) break;
    const take = Math.min(left, batch.quantity - batch.removed);
    plan.push({ batchId: batch.id, take });
    left -= take;
  }
  return plan;
}
