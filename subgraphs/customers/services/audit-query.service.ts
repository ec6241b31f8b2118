import { requireIdentity } from '../../../shared/context';
import { badInput } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import type { CustomersContext } from '../loaders';
import { AuditRecord } from '../types/audit.types';
import { auditWindow } from './policies';

interface AuditRow {
  id: string;
  operation: string;
  resource_type: string;
  resource_id: string;
  user_id: string;
  at: Date | string;
  outcome: string;
}

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
    const params = [identity.tenantId, window.from.toISOString(), window.to.toISOString()];
    const where = `tenant_id = ? and at >= ? and at <= ?`;
    const [rows, counted] = await Promise.all([
      ctx.em.execute<AuditRow[]>(
        `select id, operation, resource_type, resource_id, user_id, at, outcome from platform.audit_record
          where ${where}${page.afterId ? ' and id > ?' : ''} order by id limit ?`,
        [...params, ...(page.afterId ? [page.afterId] : []), page.first + 1],
      ),
      ctx.em.execute<{ count: string | number }[]>(`select count(*) as count from platform.audit_record where ${where}`, params),
    ]);
    const records = rows.map((row) =>
      Object.assign(new AuditRecord(), {
        id: row.id,
        operation: row.operation,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        userId: row.user_id,
        at: new Date(row.at),
        outcome: row.outcome,
      }),
    );
    return toConnection(records, page, Number(counted[0]?.count ?? 0));
  }
}

export const auditQueryService = new AuditQueryService();
