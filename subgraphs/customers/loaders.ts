import { inKeyOrder } from '../../shared/db/loader-results';
import { readModels } from '../../shared/db/read-model';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../shared/db/orm';
import type { Identity } from '../../shared/auth/roles';
import { Customer } from './entities/customer.entity';
import { Partner } from './entities/partner.entity';
import { CustomerRelationship } from './entities/relationship.entity';

export interface CustomersLoaders {
  /** Customers the caller may see (ACT-2), null otherwise; one query per batch; read models (shared/db/read-model.ts). */
  customer: DataLoader<string, Customer | null>;
  /** Partners as entities, for services that write with them. */
  partner: DataLoader<string, Partner | null>;
  /** The same partners as read models (shared/db/read-model.ts), for what is only answered: references and the REL-3 region. */
  partnerModel: DataLoader<string, Partner | null>;
  /**
   * The caller's active relationship with each customer (REL-1): its own as transacting
   * partner, else the one naming the caller as indirect reseller (ACT-1); one query per batch.
   */
  callerRelationship: DataLoader<string, CustomerRelationship | null>;
}


const byId = <T extends { id: string }>(ids: readonly string[], rows: T[]) => inKeyOrder(ids, rows, (row) => row.id);

async function callerRelationships(em: EntityManager, identity: Identity | undefined, customerIds: readonly string[]) {
  if (!identity || identity.tenantKind !== 'PARTNER') return customerIds.map(() => null);
  // Read models: only answered, never written (a checkout asks this on every call).
  const rows = await readModels(em, CustomerRelationship, {
    customer: { $in: [...customerIds] },
    status: 'ACTIVE',
    // ACT-2: the tenant scope keeps those the caller holds or that name it as reseller (services/visibility.ts).
  });
  const own = new Map<string, CustomerRelationship>();
  for (const row of rows) {
    const key = customerIdOf(row);
    const current = own.get(key);
    if (!current || (current.partnerId !== identity.tenantId && row.partnerId === identity.tenantId)) own.set(key, row);
  }
  return customerIds.map((id) => own.get(id) ?? null);
}

/** A read model's many-to-one holds the key the mapper gives it: the id, or a reference with it. */
function customerIdOf(row: CustomerRelationship): string {
  const customer = row.customer as unknown as string | { id: string };
  return typeof customer === 'string' ? customer : customer.id;
}

export function createLoaders(em: EntityManager, identity: Identity | undefined): CustomersLoaders {
  return {
    customer: new DataLoader(async (ids) =>
      byId(ids, identity ? await readModels(em, Customer, { id: { $in: [...ids] } }) : []),
    ),
    partner: new DataLoader(async (ids) => byId(ids, await em.find(Partner, { id: { $in: [...ids] } }))),
    partnerModel: new DataLoader(async (ids) => byId(ids, await readModels(em, Partner, { id: { $in: [...ids] } }))),
    callerRelationship: new DataLoader((ids) => callerRelationships(em, identity, ids)),
  };
}
