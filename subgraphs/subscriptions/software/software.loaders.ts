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

/** A holding of {@link SoftwareLoaders.customerOfferHoldings}: null id when the caller may not see it. */
export type CustomerHolding = Omit<OfferHoldingRow, 'subscriptionId'> & { customerId: string; subscriptionId: string | null };

/** Per-request loaders of the software fields (SW-5) and of what a customer holds (CAT-4). */
export interface SoftwareLoaders {
  /** SW-5: charges and credits per perpetual order line; callers pass lines they were allowed to load. */
  softwareLedger: DataLoader<string, SoftwareLedgerEntry[]>;
  /** CAT-4: live subscriptions per customer, within the caller's scope (ACT-2). */
  offerHoldings: DataLoader<string, OfferHoldingRow[]>;
  /**
   * CAT-4: per customer, the live subscriptions that decide the rule, through every partner: per
   * offer and status the first of all partners and the first the caller may see; ids of those
   * outside the caller's scope left out.
   */
  customerOfferHoldings: DataLoader<string, Omit<CustomerHolding, 'customerId'>[]>;
}

/**
 * CAT-4 ranks the holdings of an offer: the caller's own before another partner's, a live one
 * before a suspended one, the earliest first. Per offer and status, the first subscription of all
 * partners and the first the caller may see are therefore all the rule needs, however many
 * subscriptions the customer has: two rows at most per offer and status.
 */
const FIRST_PER_OFFER_AND_STATUS = {
  fields: ['id', 'customerId', 'offerId', 'status'],
  distinctOn: ['customerId', 'offerId', 'status'],
  orderBy: { customerId: 'asc', offerId: 'asc', status: 'asc', id: 'asc' },
} as const;

/** The holdings of both reads, earliest first; the id of one the caller may not see left out (ACT-2). */
export function firstHoldings(all: readonly Subscription[], seen: readonly Subscription[]): CustomerHolding[] {
  const visible = new Set(seen.map((s) => s.id));
  // The first of all partners is the caller's own exactly when it is also the first the caller sees.
  const rows = new Map([...seen, ...all].map((s) => [s.id, s]));
  return [...rows.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => ({ customerId: s.customerId, offerId: s.offerId, subscriptionId: visible.has(s.id) ? s.id : null, status: s.status }));
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
      // CAT-4: what the customer holds through every partner counts, so the first read is unscoped;
      // the second, within the caller's scope, tells which of them the caller may see (ACT-2).
      const where = { customerId: { $in: [...customerIds] }, status: { $in: [...LIVE_STATUSES] } };
      const all = await readModels(em, Subscription, where, { ...FIRST_PER_OFFER_AND_STATUS, unscoped: true });
      const seen = await readModels(em, Subscription, where, FIRST_PER_OFFER_AND_STATUS);
      return groupedInKeyOrder(customerIds, firstHoldings(all, seen), (h) => h.customerId).map((held) => held.map(({ customerId: _, ...holding }) => holding));
    }),
  };
}
