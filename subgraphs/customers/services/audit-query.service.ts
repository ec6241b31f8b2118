import { requireIdentity } from '../../../shared/context';
import { badInput } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import type { CustomersContext } from '../context';
import { AuditRecord as AuditRow } from '../../../shared/platform';
import { AuditRecord } from '../types/audit.types';
import { auditWindow } from '../../../shared/audit-window';

/**
 * AUD-1: lists the caller's tenant's audit records from the shared store (written by the unit
 * of work, shared/unit-of-work.ts), by business-clock date range: default the last 30 days,
 * never more than 90 days back.
 */
export class AuditQueryService {
  async list(ctx: CustomersContext, range: { from?: Date | null; to?: Date | null }, page: Page) {
    const identity = requireIdentity(ctx);
    const window = auditWindow(await ctx.clock.now(), range.from, range.to);
    if ('error' in window) throw badInput(window.error, [window.field]);
    const where = { tenantId: identity.tenantId, at: { $gte: window.from, $lte: window.to } };
    const rows = await ctx.em.find(AuditRow, page.afterId ? { ...where, id: { $gt: page.afterId } } : where, {
        fields: ['id', 'operation', 'resourceType', 'resourceId', 'userId', 'at', 'outcome'],
        orderBy: { id: 'asc' },
        limit: page.first + 1,
      });
    // Counted only if the query shows totalCount.
    const totalCount = () => ctx.em.count(AuditRow, where);
    const records = rows.map(({ id, operation, resourceType, resourceId, userId, at, outcome }) =>
      Object.assign(new AuditRecord(), { id, operation, resourceType, resourceId, userId, at, outcome }),
    );
    return toConnection(records, page, totalCount);
  }
}

export const auditQueryService = new AuditQueryService();
