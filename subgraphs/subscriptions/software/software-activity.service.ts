import { auditWindow } from '../../../shared/audit-window';
import { requireIdentity } from '../../../shared/context';
import { badInput } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { SoftwareActivity } from '../entities/software-activity.entity';
import type { SubscriptionsContext } from '../context';

/**
 * SW-2: the caller's tenant's log of key views and downloads, by business-clock date range,
 * under the audit records' window rule (AUD-1: default the last 30 days, at most 90 days back).
 */
export class SoftwareActivityService {
  async list(ctx: SubscriptionsContext, range: { from?: Date | null; to?: Date | null }, page: Page) {
    requireIdentity(ctx);
    const window = auditWindow(await ctx.clock.now(), range.from, range.to);
    if ('error' in window) throw badInput(window.error, [window.field]);
    // ACT-2: the tenant filter keeps the caller's own (shared/db/tenant-filter.ts).
    const where = { at: { $gte: window.from, $lte: window.to } };
    const rows = await ctx.em.find(SoftwareActivity, page.afterId ? { ...where, id: { $gt: page.afterId } } : where, { orderBy: { id: 'asc' }, limit: page.first + 1 });
    // Counted only if the query shows totalCount.
    const totalCount = () => ctx.em.count(SoftwareActivity, where);
    return toConnection(rows, page, totalCount);
  }
}

export const softwareActivity = new SoftwareActivityService();
