import { requireIdentity } from '../../../shared/context';
import { badInput } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import type { CustomersContext } from '../context';
import { readAuditRecords, recordsEverywhere, type AuditQuery, type AuditView } from '../../../shared/platform/records';
import { AuditRecord } from '../types/audit.types';
import { auditWindow } from '../../../shared/audit-window';

/**
 * AUD-1: lists the caller's tenant's audit records (written by the unit of work of every
 * subgraph, shared/unit-of-work.ts), by business-clock date range: default the last 30 days,
 * never more than 90 days back. With subgraphs on separate databases, each database's page is
 * asked of one of its subgraphs and the pages are merged by id (shared/platform/records.ts).
 */
export class AuditQueryService {
  async list(ctx: CustomersContext, range: { from?: Date | null; to?: Date | null }, page: Page) {
    requireIdentity(ctx);
    const window = auditWindow(await ctx.clock.now(), range.from, range.to);
    if ('error' in window) throw badInput(window.error, [window.field]);
    const query: AuditQuery = { from: window.from, to: window.to, afterId: page.afterId, limit: page.first + 1 };
    const { rows, totalCount } = await recordsEverywhere(ctx, 'audit-records', query, (counting) => readAuditRecords(ctx.em, query, counting), (row: AuditView) => [row.id]);
    // Counted only if the query shows totalCount.
    const records = rows.map(({ id, operation, resourceType, resourceId, userId, at, outcome }) =>
      Object.assign(new AuditRecord(), { id, operation, resourceType, resourceId, userId, at: new Date(at), outcome }),
    );
    return toConnection(records, page, totalCount);
  }
}

export const auditQueryService = new AuditQueryService();
