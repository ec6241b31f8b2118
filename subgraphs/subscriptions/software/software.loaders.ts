import { groupedInKeyOrder } from '../../../shared/db/loader-results';
import { readModels } from '../../../shared/db/read-model';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../../shared/db/orm';
import type { SubscriptionStatus } from '../../../shared/graphql/enums';
import { SoftwareLedgerEntry } from '../entities/software-ledger.entity';
import { Subscription } from '../entities/subscription.entity';
import { LIVE_STATUSES } from '../checkout/license-caps';

export interface OfferHoldingRow {
  offerId: string;
  subscriptionId: string;
  status: SubscriptionStatus;
}

/** Per-request loaders of the software fields (SW-5) and of what a customer holds (CAT-4). */
export interface SoftwareLoaders {
  /** SW-5: charges and credits per perpetual order line; callers pass lines they were allowed to load. */
  softwareLedger: DataLoader<string, SoftwareLedgerEntry[]>;
  /** CAT-4: live subscriptions per customer, within the caller's scope (ACT-2). */
  offerHoldings: DataLoader<string, OfferHoldingRow[]>;
  /** CAT-4: live subscriptions per customer through every partner; ids of those outside the caller's scope left out. */
  customerOfferHoldings: DataLoader<string, (Omit<OfferHoldingRow, 'subscriptionId'> & { subscriptionId: string | null })[]>;
}

export function createSoftwareLoaders(em: EntityManager): SoftwareLoaders {
  return {
    softwareLedger: new DataLoader(async (lineIds) => {
      const rows = await em.find(SoftwareLedgerEntry, { orderLineId: { $in: [...lineIds] } }, { orderBy: { at: 'asc', id: 'asc' } });
      return groupedInKeyOrder(lineIds, rows, (row) => row.orderLineId);
    }),
    offerHoldings: new DataLoader(async (customerIds) => {
      const rows = await em.find(Subscription, { customerId: { $in: [...customerIds] }, status: { $in: [...LIVE_STATUSES] } }, { orderBy: { id: 'asc' } });
      return groupedInKeyOrder(customerIds, rows, (s) => s.customerId).map((held) => held.map((s) => ({ offerId: s.offerId, subscriptionId: s.id, status: s.status })));
    }),
    customerOfferHoldings: new DataLoader(async (customerIds) => {
      // CAT-4: what the customer holds through every partner counts, so this read is unscoped; the ids are then shown only within the scope.
      const rows = await readModels(
        em,
        Subscription,
        { customerId: { $in: [...customerIds] }, status: { $in: [...LIVE_STATUSES] } },
        { orderBy: { id: 'asc' }, fields: ['id', 'customerId', 'offerId', 'status'], unscoped: true },
      );
      const ids = rows.map((s) => s.id);
      const seen = new Set(ids.length ? (await readModels(em, Subscription, { id: { $in: ids } }, { fields: ['id'] })).map((s) => s.id) : []);
      return groupedInKeyOrder(customerIds, rows, (s) => s.customerId).map((held) => held.map((s) => ({ offerId: s.offerId, subscriptionId: seen.has(s.id) ? s.id : null, status: s.status })));
    }),
  };
}
