import type { EntityManager } from '../../../shared/db/orm';
import type { BatchFacts } from '../transitions/license-batches';

/**
 * The subscription's license batches that still hold licenses, as plain facts; with `openAt`,
 * only those whose 168-hour window is still open then (what a SUB-2 reduction may consume; an
 * upgrade, UPG-4, moves licenses whatever their windows). Not every batch the subscription ever
 * had: a subscription changed every day for years reads about as many rows as a new one, and
 * nothing is loaded into the unit that it will not change (the effects load the batches they
 * change). Read in the unit after the subscription's claim, before any write of it (raw SQL does
 * not flush); raw SQL is not filtered: the caller owns the subscription.
 */
export async function batchesWithLicenses(em: EntityManager, subscriptionId: string, openAt?: Date): Promise<BatchFacts[]> {
  const rows = await em.execute<{ id: string; quantity: number; removed: number; added_ms: string; until_ms: string }[]>(
    `select id, quantity, removed, extract(epoch from added_at) * 1000 as added_ms, extract(epoch from reducible_until) * 1000 as until_ms
       from subscriptions.license_batch where subscription_id = ? and quantity > removed${openAt ? ' and reducible_until > ?' : ''}`,
    openAt ? [subscriptionId, openAt.toISOString()] : [subscriptionId],
  );
  return rows.map((row) => ({
    id: row.id,
    quantity: Number(row.quantity),
    removed: Number(row.removed),
    addedAt: new Date(Number(row.added_ms)),
    reducibleUntil: new Date(Number(row.until_ms)),
  }));
}
