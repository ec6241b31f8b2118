import { requireIdentity } from '../../../shared/context';
import { notFound } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import type { TransfersContext } from '../context';
import type { EaRenewalScheduleFilter } from '../types/ea.types';

/**
 * The caller's own schedules, oldest first (ACT-2: never another partner's). They stay visible
 * when the customer no longer is (EA-8: a schedule that FAILED because the relationship was
 * removed shows its reason here).
 */
export async function listSchedules(ctx: TransfersContext, filter: EaRenewalScheduleFilter | undefined, page: Page) {
  requireIdentity(ctx);
  // ACT-2: the tenant filter keeps the caller's own (shared/db/tenant-filter.ts).
  const where = filter?.status ? { status: filter.status } : {};
  const rows = await ctx.em.find(EaRenewalSchedule, { ...where, ...(page.afterId ? { id: { $gt: page.afterId } } : {}) }, { orderBy: { id: 'asc' }, limit: page.first + 1 });
  // Counted only if the query shows totalCount.
  const totalCount = () => ctx.em.count(EaRenewalSchedule, where);
  return toConnection(rows, page, totalCount);
}

export async function getSchedule(ctx: TransfersContext, id: string): Promise<EaRenewalSchedule> {
  const schedule = await ctx.loaders.schedule.load(id);
  if (!schedule) throw notFound('EaRenewalSchedule', id);
  return schedule;
}
