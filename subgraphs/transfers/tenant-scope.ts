import type { FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../../shared/auth/roles';
import type { TransferRequest } from './entities/transfer-request.entity';

/**
 * The tenant scope of this subgraph's transfer requests (ACT-2, XFR-1), applied by the entity's
 * tenant filter (shared/db/tenant-filter.ts) to every ORM query: a request is seen by the
 * partners it names, as source or target, and by the platform's own work (expiry, results).
 * What a caller may not see is simply not found.
 */
export function visibleTransfers(identity: Identity | undefined): FilterQuery<TransferRequest> {
  if (identity?.tenantKind === 'PLATFORM') return {};
  if (identity?.tenantKind !== 'PARTNER') return { id: { $in: [] as string[] } };
  return { $or: [{ sourceTenantId: identity.tenantId }, { targetTenantId: identity.tenantId }] };
}
