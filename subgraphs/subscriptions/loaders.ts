import { raw } from '@mikro-orm/core';
import { inKeyOrder } from '../../shared/db/loader-results';
import { readModels } from '../../shared/db/read-model';
import DataLoader from 'dataloader';
import type { Identity } from '../../shared/auth/roles';
import type { EntityManager } from '../../shared/db/orm';
import type { RequestClock } from '../../shared/clock';
import { Subscription } from './entities/subscription.entity';
import { createLifecycleLoaders, type LifecycleLoaders } from './lifecycle/lifecycle.loaders';
import { createOrderLoaders, type OrderLoaders } from './reads/order.loaders';
import { createUpgradeLoaders, type UpgradeLoaders } from './upgrades/upgrade.loaders';
import { createSoftwareLoaders, type SoftwareLoaders } from './software/software.loaders';
import { createInvoiceLoaders, type InvoiceLoaders } from './billing/invoices/invoice.loaders';
import { RELATIONSHIP_HOLDING_STATUSES } from './checkout/license-caps';
import { pagesPerParent, perParentPageLoader, type ParentPage, type ParentPageKey } from '../../shared/db/parent-pages';

export interface SubscriptionsLoaders extends LifecycleLoaders, OrderLoaders, SoftwareLoaders, UpgradeLoaders, InvoiceLoaders {
  /** Read models (shared/db/read-model.ts): what `subscription(id)`, references and order lines show. */
  subscription: DataLoader<string, Subscription | null>;
  /** A page of subscriptions per customer (`filter`: a status); all customers of a list in one query. */
  customerSubscriptions: DataLoader<ParentPageKey, ParentPage<Subscription>, string>;
  /** REL-7: ACTIVE (or PENDING) subscriptions the caller holds per customer; suspended ones do not count. */
  activeSubscriptionCount: DataLoader<string, number>;
}


/** Per-request loaders, every one within the tenant scope of `em` (ACT-1, ACT-2: shared/db/tenant-filter.ts). */
export function createLoaders(em: EntityManager, _identity: Identity | undefined, clock: RequestClock): SubscriptionsLoaders {
  return {
    ...createLifecycleLoaders(em, clock),
    ...createOrderLoaders(em),
    ...createUpgradeLoaders(em),
    ...createSoftwareLoaders(em),
    ...createInvoiceLoaders(em),
    subscription: new DataLoader(async (ids) => inKeyOrder(ids, await readModels(em, Subscription, { id: { $in: [...ids] } }), (s) => s.id)),
    customerSubscriptions: perParentPageLoader((customerIds, page, status, columns) =>
      pagesPerParent(
        em,
        { entity: Subscription, parent: { property: 'customerId', column: 'customer_id' }, where: status ? { status: status as Subscription['status'] } : {}, columns },
        customerIds,
        page,
      ),
    ),
    activeSubscriptionCount: new DataLoader(async (customerIds) => {
      const counted = em
        .createQueryBuilder(Subscription, 's')
        .select(['s.customerId', raw('count(*)::int as n')])
        .where({ customerId: { $in: [...customerIds] }, status: { $in: [...RELATIONSHIP_HOLDING_STATUSES] } })
        .groupBy('s.customerId');
      // A builder of its own applies the tenant filter when asked.
      await counted.applyFilters();
      const rows = await counted.execute<{ customer_id: string; n: number }[]>('all', false);
      const counts = new Map(rows.map((row) => [row.customer_id, Number(row.n)]));
      return customerIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
