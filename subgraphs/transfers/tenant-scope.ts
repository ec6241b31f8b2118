import type { FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../../shared/auth/roles';
import type { EaRenewalSchedule } from './entities/ea-renewal-schedule.entity';
import type { EnterpriseAgreement } from './entities/enterprise-agreement.entity';
import type { TransferRequest } from './entities/transfer-request.entity';

/**
 * The tenant scope of this subgraph's transfer requests (ACT-2, XFR-1), applied by the entity's
 * tenant filter (shared/db/tenant-filter.ts) to every ORM query: a request is seen by the
 * partners it names, as source or target, and by the platform's own work (expiry, results).
 * What a caller may not see is simply not found.
 */
const NOTHING = { id: { $in: [] as string[] } };

export function visibleTransfers(identity: Identity | undefined): FilterQuery<TransferRequest> {
  if (identity?.tenantKind === 'PLATFORM') return {};
  if (identity?.tenantKind !== 'PARTNER') return NOTHING;
  return { $or: [{ sourceTenantId: identity.tenantId }, { targetTenantId: identity.tenantId }] };
}

/**
 * EA-5, ACT-2: a renewal schedule is its scheduling partner's alone (and the platform's due
 * work). Which partner holds an EA subscription (EA-3, EA-6) is read across partners, unscoped.
 */
export function ownSchedules(identity: Identity | undefined): FilterQuery<EaRenewalSchedule> {
  if (identity?.tenantKind === 'PLATFORM') return {};
  return identity?.tenantKind === 'PARTNER' ? { partnerId: identity.tenantId } : NOTHING;
}

/**
 * EA-1, EA-2: a customer's agreements. The customer sees its own, the operator all; a partner
 * may see an agreement only with a relationship with the customer in the same region, a fact
 * of the customers subgraph, so the filter lets partners through and the services decide EA-1
 * per customer with that fact (services/access.ts); any other caller sees none.
 */
export function visibleAgreements(identity: Identity | undefined): FilterQuery<EnterpriseAgreement> {
  switch (identity?.tenantKind) {
    case 'PLATFORM':
    case 'PARTNER':
      return {};
    case 'CUSTOMER':
      return { customerId: identity.tenantId };
    default:
      return NOTHING;
  }
}
