import { groupedInKeyOrder } from '../../../shared/db/loader-results';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../../shared/db/orm';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { LicenseBatch } from '../entities/license-batch.entity';
import type { RequestClock } from '../../../shared/clock';
import type { BatchFacts } from '../transitions/license-batches';
import { reducibleBatchFacts } from './batch-facts';

/**
 * Per-request loaders for the lifecycle fields of Subscription (SUB-2 batches, SUB-3 ledger):
 * one query for all subscriptions of a list. Callers pass only ids of subscriptions they were
 * allowed to load (ACT-2), so no further scoping is needed here.
 */
export interface LifecycleLoaders {
  licenseBatches: DataLoader<string, LicenseBatch[]>;
  /** SUB-2: what `reducibleLicenses` needs at the request's now (batch-facts.ts), not every batch. */
  reducibleBatches: DataLoader<string, BatchFacts[]>;
  ledgerEntries: DataLoader<string, LedgerEntry[]>;
}

export function createLifecycleLoaders(em: EntityManager, clock: RequestClock): LifecycleLoaders {
  return {
    reducibleBatches: new DataLoader(async (ids) => groupedInKeyOrder(ids, await reducibleBatchFacts(em, ids, await clock.now()), (row) => row.subscriptionId)),
    licenseBatches: new DataLoader(async (ids) =>
      groupedInKeyOrder(ids, await em.find(LicenseBatch, { subscriptionId: { $in: [...ids] } }, { orderBy: { addedAt: 'asc', id: 'asc' } }), (row) => row.subscriptionId),
    ),
    ledgerEntries: new DataLoader(async (ids) => groupedInKeyOrder(ids, await em.find(LedgerEntry, { subscriptionId: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }), (row) => row.subscriptionId)),
  };
}
