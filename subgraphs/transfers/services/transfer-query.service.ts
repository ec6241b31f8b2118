import { requireIdentity } from '../../../shared/context';
import type { FilterQuery } from '@mikro-orm/core';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { TransferRequest } from '../entities/transfer-request.entity';
import type { TransfersContext } from '../context';
import { TransferDirection, type TransferRequestFilter } from '../types/transfer.types';

/** XFR-1/ACT-2: the requests naming the caller as source (INCOMING) or target (OUTGOING), oldest first. */
export async function listTransfers(ctx: TransfersContext, filter: TransferRequestFilter | undefined, page: Page) {
  const identity = requireIdentity(ctx);
  if (identity.tenantKind !== 'PARTNER') return toConnection<TransferRequest>([], page, 0);
  const caller = identity.tenantId;
  // The tenant filter keeps the requests naming the caller; the direction picks a side.
  const side: FilterQuery<TransferRequest> =
    filter?.direction === TransferDirection.INCOMING ? { sourceTenantId: caller } : filter?.direction === TransferDirection.OUTGOING ? { targetTenantId: caller } : {};
  const where: FilterQuery<TransferRequest> = { ...side, ...(filter?.status ? { status: filter.status } : {}) };
  const rows = await ctx.em.find(TransferRequest, { $and: [where, page.afterId ? { id: { $gt: page.afterId } } : {}] }, { orderBy: { id: 'asc' }, limit: page.first + 1 });
  // Counted only if the query shows totalCount.
  const totalCount = () => ctx.em.count(TransferRequest, where);
  return toConnection(rows, page, totalCount);
}
