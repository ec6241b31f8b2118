import DataLoader from 'dataloader';
import type { EntityManager } from '../../shared/db/orm';
import type { Identity } from '../../shared/auth/roles';
import type { RequestContext } from '../../shared/context';
import { Customer } from './entities/customer.entity';
import { Partner } from './entities/partner.entity';
import { visibleCustomersWhere } from './services/visibility';

export interface CustomersLoaders {
  /** Customers the caller may see (ACT-2), null otherwise; one query per batch. */
  customer: DataLoader<string, Customer | null>;
  partner: DataLoader<string, Partner | null>;
}

export type CustomersContext = RequestContext<CustomersLoaders>;

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(em: EntityManager, identity: Identity | undefined): CustomersLoaders {
  return {
    customer: new DataLoader(async (ids) =>
      byId(ids, identity ? await em.find(Customer, { $and: [{ id: { $in: [...ids] } }, visibleCustomersWhere(identity)] }) : []),
    ),
    partner: new DataLoader(async (ids) => byId(ids, await em.find(Partner, { id: { $in: [...ids] } }))),
  };
}
