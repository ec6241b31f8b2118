import DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context';
import { inKeyOrder } from '../../../shared/db/loader-results';
import type { EntityManager } from '../../../shared/db/orm';
import { ScheduledChange } from '../entities/scheduled-change.entity';
import { catalogPeer, type UpgradeTarget } from '../peers/catalog';

/**
 * Per-request loaders of the upgrade fields of Subscription: the change saved for the next
 * renewal (SCH-1) and the catalog's upgrade targets of an offer (CAT-10), each one query or
 * one catalog call for all subscriptions of a list. Callers pass only ids of subscriptions they
 * were allowed to load (ACT-2).
 */
export interface UpgradeLoaders {
  scheduledChange: DataLoader<string, ScheduledChange | null>;
}

export function createUpgradeLoaders(em: EntityManager): UpgradeLoaders {
  return {
    scheduledChange: new DataLoader(async (ids) => {
      return inKeyOrder(ids, await em.find(ScheduledChange, { subscriptionId: { $in: [...ids] } }), (row) => row.subscriptionId);
    }),
  };
}

export type { UpgradeTarget };

const targetLoaders = new WeakMap<object, DataLoader<string, UpgradeTarget[]>>();

/** CAT-10 through the graph, as the caller: the upgrade targets of offers, batched per request. */
export function upgradeTargetsLoader(ctx: RequestContext<unknown>): DataLoader<string, UpgradeTarget[]> {
  let loader = targetLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (offerIds) => {
      return catalogPeer.upgradeTargets(ctx.graph, offerIds);
    });
    targetLoaders.set(ctx, loader);
  }
  return loader;
}
