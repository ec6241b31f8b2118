import DataLoader from 'dataloader';
import { placeholders, type EntityManager } from '../../../shared/db/orm';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { LicenseBatch } from '../entities/license-batch.entity';

/**
 * Per-request loaders for the lifecycle fields of Subscription (SUB-2 batches, SUB-3 ledger):
 * one query for all subscriptions of a list. Callers pass only ids of subscriptions they were
 * allowed to load (ACT-2), so no further scoping is needed here.
 */
export interface LifecycleLoaders {
  licenseBatches: DataLoader<string, LicenseBatch[]>;
  ledgerEntries: DataLoader<string, LedgerEntry[]>;
}

export function createLifecycleLoaders(em: EntityManager): LifecycleLoaders {
  return {
    licenseBatches: new DataLoader(async (ids) => {
      const rows = await em.execute(`select * from subscriptions.license_batch where subscription_id in (${placeholders(ids)}) order by added_at, id`, [...ids]);
      return group(ids, rows.map((row) => em.map(LicenseBatch, row)));
    }),
    ledgerEntries: new DataLoader(async (ids) => {
      const rows = await em.execute(`select * from subscriptions.ledger_entry where subscription_id in (${placeholders(ids)}) order by at, id`, [...ids]);
      return group(ids, rows.map((row) => em.map(LedgerEntry, row)));
    }),
  };
}

function group<T extends { subscriptionId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const map = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) map.get(row.subscriptionId)?.push(row);
  return ids.map((id) => map.get(id)!);
}
