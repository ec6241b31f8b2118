import type { EntityManager } from '../../shared/db/orm';

/**
 * The per-customer lock of this subgraph (held until the transaction ends). Checkouts,
 * license increases under the per-customer cap (CAT-6) and relationship facts (REL-1) of one
 * customer take it, so counts and relationship checks made under it cannot race each other.
 */
export async function lockCustomer(em: EntityManager, customerId: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`checkout:${customerId}`]);
}
