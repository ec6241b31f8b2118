import { decide } from '../../../shared/auth/role-matrix';
import { isProduction } from '../../../shared/config';
import { readModels } from '../../../shared/db/read-model';
import type { ConnectionShape } from '../../../shared/graphql/connection';
import { emptyConnection, soonestConnection, type SoonestPage } from '../../../shared/graphql/soonest-first';
import { EnterpriseAgreement } from '../entities/enterprise-agreement.entity';
import { TransferRequest } from '../entities/transfer-request.entity';
import type { TransfersContext } from '../context';
import { TransferStatus } from '../types/transfer.types';
import { customerAccess, mayRenew } from './access';
import { isEligible } from './ea-renewal.policy';

/**
 * The partner dashboard's transfers lists (API.md "Dashboard fields"), soonest first. ACT-2:
 * only the signed-in partner's own dashboard has rows; any other partner's is empty.
 */
function ownPartner(ctx: TransfersContext, partnerId: string): boolean {
  return ctx.identity?.tenantKind === 'PARTNER' && ctx.identity.tenantId === partnerId;
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * EA-2: the agreements the partner may renew (EA-1: a relationship in the customer's region,
 * asked for all their customers at once) that end between today and `until`. Roles that may not view agreements get an empty list rather than an error,
 * so the rest of a dashboard still loads.
 */
export async function eaAgreementsExpiring(ctx: TransfersContext, partnerId: string, now: Date, until: Date, page: SoonestPage): Promise<ConnectionShape<EnterpriseAgreement>> {
  if (!ownPartner(ctx, partnerId) || decide('viewEnterpriseAgreements', ctx.identity, isProduction()) !== 'ALLOW') return emptyConnection();
  // Agreements are few (imported by the operator); the relationship filter needs the customers
  // subgraph. Read models: their subscriptions come from the batched loader when asked.
  const candidates = await readModels(ctx.em, EnterpriseAgreement, { renewed: false, endDate: { $gte: day(now), $lte: day(until) } }, { orderBy: { endDate: 'asc', id: 'asc' } });
  const access = await customerAccess(ctx).loadMany([...new Set(candidates.map((row) => row.customerId))]);
  const renewable = new Set(access.flatMap((entry) => (entry instanceof Error || !mayRenew(entry) ? [] : [entry.customerId])));
  const visible = candidates.filter((row) => renewable.has(row.customerId) && isEligible(row, now));
  const after = page.after;
  const rest = after ? visible.filter((row) => row.endDate > after.key || (row.endDate === after.key && row.id > after.id)) : visible;
  return soonestConnection(rest.slice(0, page.first + 1), page, visible.length, (row) => row.endDate);
}

/** XFR-1: PENDING requests naming the partner as source (to answer) or target (awaiting the source), the soonest to expire first. */
export async function pendingTransfers(ctx: TransfersContext, partnerId: string, page: SoonestPage): Promise<ConnectionShape<TransferRequest>> {
  if (!ownPartner(ctx, partnerId)) return emptyConnection();
  // ACT-2: the tenant filter keeps those naming the caller, as source or target (shared/db/tenant-filter.ts).
  const where = { status: TransferStatus.PENDING };
  const after = page.after;
  const cursor = after ? { $or: [{ expiresAt: { $gt: new Date(after.key) } }, { expiresAt: new Date(after.key), id: { $gt: after.id } }] } : {};
  const rows = page.first ? await ctx.em.find(TransferRequest, { $and: [where, cursor] }, { orderBy: { expiresAt: 'asc', id: 'asc' }, limit: page.first + 1 }) : [];
  // Counted only if the query shows totalCount.
  const totalCount = () => ctx.em.count(TransferRequest, where);
  return soonestConnection(rows, page, totalCount, (row) => row.expiresAt.toISOString());
}
