import DataLoader from 'dataloader';
import type { EntityManager } from '../../shared/db/orm';
import type { RequestClock } from '../../shared/clock';
import type { RequestContext } from '../../shared/context';
import { EnterpriseAgreement } from './entities/enterprise-agreement.entity';
import { eaVisibilityWindow } from './services/ea-window';

export interface TransfersLoaders {
  /** EA-2-visible agreements per customer, with their subscriptions; one query per batch. */
  agreementsByCustomer: DataLoader<string, EnterpriseAgreement[]>;
}

export type TransfersContext = RequestContext<TransfersLoaders>;

export function createLoaders(em: EntityManager, _identity: unknown, clock: RequestClock): TransfersLoaders {
  return {
    agreementsByCustomer: new DataLoader(async (customerIds) => {
      const window = eaVisibilityWindow(await clock.now());
      const rows = await em.find(
        EnterpriseAgreement,
        { customerId: { $in: [...customerIds] }, $or: [{ endDate: { $gte: window.from, $lte: window.to } }, { inExtendedTerm: true }] },
        { populate: ['subscriptions'], orderBy: { endDate: 'asc', id: 'asc' } },
      );
      return customerIds.map((id) => rows.filter((row) => row.customerId === id));
    }),
  };
}
