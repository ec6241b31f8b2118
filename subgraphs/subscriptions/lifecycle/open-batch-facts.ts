import type { EntityManager } from '../../../shared/db/orm';
import type { BatchFacts } from '../transitions/license-batches';

/**
 * SUB-2: the batches a reduction may consume at `now` (window still open, licenses left), as
 * plain facts. Not every batch the subscription ever had: a subscription changed every day for
 * years reads the rows of its last 168 hours, like a new one, and nothing is loaded into the
 * unit that will not change. Read in the unit after the subscription's claim, before any write of
 * it (raw SQL does not flush); raw SQL is not filtered, the caller owns the subscription.
 */
export async function openBatchFacts(em: EntityManager, subscriptionId: string, now: Date): Promise<BatchFacts[]> {
  const rows = await em.execute<{ id: string; quantity: number; removed: number; added_ms: string; until_ms: string }[]>(
    `select id, quantity, removed, extract(epoch from added_at) * 1000 as added_ms, extract(epoch from reducible_until) * 1000 as until_ms
       from subscriptions.license_batch where subscription_id = ? and reducible_until > ? and quantity > removed`,
    [subscriptionId, now.toISOString()],
  );
  return rows.map((row) => ({
    id: row.id,
    quantity: Number(row.quantity),
    removed: Number(row.removed),
    addedAt: new Date(Number(row.added_ms)),
    reducibleUntil: new Date(Number(row.until_ms)),
  }));
}
