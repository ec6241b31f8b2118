import type { EntityManager } from '../../../shared/db/orm';
import { textArray } from '../../../shared/db/prepared';
import type { BatchFacts } from '../transitions/license-batches';

/** What both reads select of a batch (instants as epoch ms, read back without the ORM's mapping). */
const COLUMNS = `subscription_id, id, quantity, removed, extract(epoch from added_at) * 1000 as added_ms, extract(epoch from reducible_until) * 1000 as until_ms`;

/** A batch of {@link batchesWithLicenses}, with the subscription it belongs to. */
export type HeldBatch = BatchFacts & { subscriptionId: string };

/**
 * The license batches of the subscriptions that still hold licenses, as plain facts, oldest
 * first; with `openAt`, only those whose 168-hour window is still open then (what a SUB-2
 * reduction may consume; an upgrade, UPG-4, and a transfer, XFR-3, move licenses whatever their
 * windows). Not every batch a subscription ever had: one changed every day for years reads about
 * as many rows as a new one, and nothing is loaded into the unit that it will not change (the
 * effects load the batches they change). Read in the unit after the subscriptions' claim, before
 * any write of them (raw SQL does not flush); raw SQL is not filtered: the caller owns them.
 */
export async function batchesWithLicenses(em: EntityManager, subscriptionIds: readonly string[], openAt?: Date): Promise<HeldBatch[]> {
  if (!subscriptionIds.length) return [];
  const rows = await em.execute<BatchRow[]>(
    `select ${COLUMNS} from subscriptions.license_batch where subscription_id = any(?::text[]) and quantity > removed${openAt ? ' and reducible_until > ?' : ''}
      order by added_at, id`,
    openAt ? [textArray(subscriptionIds), openAt.toISOString()] : [textArray(subscriptionIds)],
  );
  return rows.map(heldBatch);
}

interface BatchRow {
  subscription_id: string;
  id: string;
  quantity: number;
  removed: number;
  added_ms: string;
  until_ms: string;
}

function heldBatch(row: BatchRow): HeldBatch {
  return {
    subscriptionId: row.subscription_id,
    id: row.id,
    quantity: Number(row.quantity),
    removed: Number(row.removed),
    addedAt: new Date(Number(row.added_ms)),
    reducibleUntil: new Date(Number(row.until_ms)),
  };
}

/**
 * SUB-2 `reducibleLicenses` of the subscriptions at `now`: the batches a reduction may consume
 * (window open, licenses left) and, for the reason when there are none, the batch whose window
 * closes last; as plain facts, not every batch a subscription ever had. One statement for all.
 */
export async function reducibleBatchFacts(em: EntityManager, subscriptionIds: readonly string[], now: Date): Promise<HeldBatch[]> {
  if (!subscriptionIds.length) return [];
  const rows = await em.execute<BatchRow[]>(
    `select ${COLUMNS} from subscriptions.license_batch where subscription_id = any(?::text[]) and quantity > removed and reducible_until > ?
     union
     select last.* from unnest(?::text[]) as s(id) cross join lateral (
       select ${COLUMNS} from subscriptions.license_batch where subscription_id = s.id order by reducible_until desc, id desc limit 1) as last`,
    [textArray(subscriptionIds), now.toISOString(), textArray(subscriptionIds)],
  );
  return rows.map(heldBatch);
}
