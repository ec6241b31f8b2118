import DataLoader from 'dataloader';
import type { Identity } from '../../shared/auth/roles';
import type { EntityManager } from '../../shared/db/orm';
import { groupedInKeyOrder, inKeyOrder } from '../../shared/db/loader-results';
import { readModels } from '../../shared/db/read-model';
import { unscoped, withinTenant } from '../../shared/db/tenant-filter';
import type { RequestClock } from '../../shared/clock';
import { EaRenewalSchedule } from './entities/ea-renewal-schedule.entity';
import { EaSubscription, EnterpriseAgreement } from './entities/enterprise-agreement.entity';
import { TransferItem, TransferRequest } from './entities/transfer-request.entity';
import { isEligible } from './services/ea-renewal.policy';
import { HOLDING_STATUSES } from './types/ea.types';

export interface TransfersLoaders {
  /** EA-2-eligible agreements per customer (read models); one query per batch. */
  agreementsByCustomer: DataLoader<string, EnterpriseAgreement[]>;
  /** Agreements by id, read models (EA-2 not applied: callers check it). */
  agreement: DataLoader<string, EnterpriseAgreement | null>;
  /** The subscriptions of each agreement (read models, by id); one query per batch. */
  agreementSubscriptions: DataLoader<string, EaSubscription[]>;
  /** EA subscriptions by id, with their agreement. */
  eaSubscription: DataLoader<string, EaSubscription | null>;
  /**
   * Per EA subscription: the schedule holding it (any partner's, EA-3/EA-6) and the caller's
   * own schedules, newest first; one query per batch.
   */
  schedulesByEaSubscription: DataLoader<string, EaRenewalSchedule[]>;
  /** The caller's schedules by id (ACT-2: another partner's is null). */
  schedule: DataLoader<string, EaRenewalSchedule | null>;
  /** Transfer requests by id that name the caller as source or target (ACT-2, XFR-1). */
  transfer: DataLoader<string, TransferRequest | null>;
  transferItems: DataLoader<string, TransferItem[]>;
  /** UPG-3: CSP offer ids a customer still holds through its running EA agreements; one query per batch. */
  eaHeldOfferIds: DataLoader<string, string[]>;
}


/** Schedules and transfer requests are partners' business: other callers look them up as null (the platform's work reads them directly). */
const isPartner = (identity: Identity | undefined) => identity?.tenantKind === 'PARTNER';

export function createLoaders(em: EntityManager, identity: Identity | undefined, clock: RequestClock): TransfersLoaders {
  // ACT-2: the tenant filter scopes every read to the caller (shared/db/tenant-filter.ts).
  return {
    // Agreements and their subscriptions are only shown here: read models (shared/db/read-model.ts).
    agreementsByCustomer: new DataLoader(async (customerIds) => {
      const now = await clock.now();
      // A customer has a handful of agreements: EA-2 is decided by the one policy function.
      const rows = await readModels(em, EnterpriseAgreement, { customerId: { $in: [...customerIds] }, renewed: false }, { orderBy: { endDate: 'asc', id: 'asc' } });
      const eligible = rows.filter((row) => isEligible(row, now));
      return groupedInKeyOrder(customerIds, eligible, (row) => row.customerId);
    }),
    agreement: new DataLoader(async (ids) => inKeyOrder(ids, await readModels(em, EnterpriseAgreement, { id: { $in: [...ids] } }), (row) => row.id)),
    agreementSubscriptions: new DataLoader(async (agreementIds) => {
      const rows = await readModels(em, EaSubscription, { agreement: { $in: [...agreementIds] } }, { orderBy: { id: 'asc' } });
      // A read model's relation holds the related row's primary key.
      return groupedInKeyOrder(agreementIds, rows, (row) => row.agreement as unknown as string);
    }),
    eaSubscription: new DataLoader(async (ids) =>
      inKeyOrder(ids, await em.find(EaSubscription, { id: { $in: [...ids] } }, { populate: ['agreement'] }), (row) => row.id),
    ),
    schedulesByEaSubscription: new DataLoader(async (eaSubscriptionIds) => {
      // EA-3/EA-6: the holding schedule may be another partner's, so the read is unscoped; the
      // caller's own schedules are those within its tenant filter's condition (one statement).
      const own = isPartner(identity) ? [await withinTenant(em, EaRenewalSchedule, {})] : [];
      const rows = await em.find(
        EaRenewalSchedule,
        { eaSubscriptionId: { $in: [...eaSubscriptionIds] }, $or: [{ status: { $in: [...HOLDING_STATUSES] } }, ...own] },
        unscoped({ orderBy: { id: 'desc' as const } }),
      );
      return groupedInKeyOrder(eaSubscriptionIds, rows, (row) => row.eaSubscriptionId);
    }),
    schedule: new DataLoader(async (ids) => (isPartner(identity) ? inKeyOrder(ids, await em.find(EaRenewalSchedule, { id: { $in: [...ids] } }), (row) => row.id) : ids.map(() => null))),
    transfer: new DataLoader(async (ids) => (isPartner(identity) ? inKeyOrder(ids, await em.find(TransferRequest, { id: { $in: [...ids] } }), (row) => row.id) : ids.map(() => null))),
    eaHeldOfferIds: new DataLoader(async (customerIds) => {
      const today = (await clock.now()).toISOString().slice(0, 10);
      const rows = await em.find(
        EaSubscription,
        { agreement: { customerId: { $in: [...customerIds] }, renewed: false, endDate: { $gte: today } }, endDate: { $gte: today }, offerId: { $ne: null } },
        { populate: ['agreement'] },
      );
      return customerIds.map((id) => [...new Set(rows.filter((row) => row.agreement.customerId === id).map((row) => row.offerId!))].sort());
    }),
    transferItems: new DataLoader(async (transferIds) => {
      const rows = await em.find(TransferItem, { transferId: { $in: [...transferIds] } }, { orderBy: { transferId: 'asc', position: 'asc' } });
      return groupedInKeyOrder(transferIds, rows, (row) => row.transferId);
    }),
  };
}
