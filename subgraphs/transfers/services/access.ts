import DataLoader from 'dataloader';
import { requireIdentity } from '../../../shared/context';
import { regionOf } from '../../../shared/regions';
import type { TransfersContext } from '../context';
import { customersPeer, type PartnerFacts } from '../peers/customers';

export type { PartnerFacts };

/** One customer as the calling partner may act on it (EA-1, REL-1, REL-3). */
export interface CustomerAccess {
  customerId: string;
  /** The caller has an active reseller relationship with the customer as transacting partner. */
  relationship: boolean;
  /** The customer's country lies in the caller's CSP region. */
  sameRegion: boolean;
  country: string | null;
  /** BIL-5: the customer's segment (promotions are per segment). */
  segment: string | null;
}

/**
 * Facts of the customers subgraph, asked as the caller through the graph (never inside a unit
 * of work): the caller itself and every customer of a request in one `_entities` call. A
 * customer the caller may not see comes back null, so it has no relationship.
 */
export async function readAccess(ctx: TransfersContext, customerIds: readonly string[]): Promise<{ partner: PartnerFacts | null; customers: CustomerAccess[] }> {
  const identity = requireIdentity(ctx);
  if (identity.tenantKind !== 'PARTNER') return { partner: null, customers: customerIds.map((id) => noAccess(id)) };
  const { partner, customers } = await customersPeer.access(ctx.graph, identity.tenantId, customerIds);
  return {
    partner,
    customers: customerIds.map((id, index) => {
      const customer = customers[index];
      if (!customer || !partner) return noAccess(id);
      return { customerId: id, relationship: customer.relationshipActive, sameRegion: regionOf(customer.country) === partner.region, country: customer.country, segment: customer.segment };
    }),
  };
}

function noAccess(customerId: string): CustomerAccess {
  return { customerId, relationship: false, sameRegion: false, country: null, segment: null };
}

const perRequest = new WeakMap<object, DataLoader<string, CustomerAccess>>();

/**
 * EA-1 for reads: the caller's access to customers, batched per request (a dashboard of many
 * customers asks the customers subgraph once).
 */
export function customerAccess(ctx: TransfersContext): DataLoader<string, CustomerAccess> {
  let loader = perRequest.get(ctx.clock);
  if (!loader) {
    loader = new DataLoader(async (ids) => (await readAccess(ctx, ids)).customers);
    perRequest.set(ctx.clock, loader);
  }
  return loader;
}

/** EA-1: agreements and schedules are for partners with a relationship in the customer's region. */
export function mayRenew(access: CustomerAccess): boolean {
  return access.relationship && access.sameRegion;
}
