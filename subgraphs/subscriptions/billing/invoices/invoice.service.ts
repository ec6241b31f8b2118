import type { FilterQuery } from '@mikro-orm/core';
import { notFound } from '../../../../shared/errors';
import { toConnection, type Page } from '../../../../shared/graphql/connection';
import type { SubscriptionsContext } from '../../context';
import { mayReadBilling } from '../billing-access';
import { Invoice } from './invoice.entity';
import type { InvoiceFilter } from './invoice.types';

/** BIL-3/BIL-8: the caller's own invoices (a partner's tenant; another tenant's are not found, ACT-2). */
function ownerOf(ctx: SubscriptionsContext): string | null {
  const identity = ctx.identity;
  return identity?.tenantKind === 'PARTNER' && mayReadBilling(ctx, identity.tenantId) ? identity.tenantId : null;
}

export const invoices = {
  /** BIL-3: the caller's invoices, oldest first, filtered by month and status. */
  async list(ctx: SubscriptionsContext, filter: InvoiceFilter | undefined, page: Page) {
    const partnerId = ownerOf(ctx);
    if (!partnerId) return toConnection([], page, 0);
    const where: FilterQuery<Invoice> = { partnerId };
    if (filter?.status) where.status = filter.status;
    if (filter?.from) where.periodEnd = { $gte: filter.from };
    if (filter?.to) where.periodStart = { $lte: filter.to };
    const rows = await ctx.em.find(Invoice, { ...where, ...(page.afterId ? { id: { $gt: page.afterId } } : {}) }, { orderBy: { id: 'asc' }, limit: page.first + 1 });
    return toConnection(rows, page, () => ctx.em.count(Invoice, where));
  },

  /** BIL-3: one invoice of the caller, else NOT_FOUND (ACT-2). */
  async get(ctx: SubscriptionsContext, id: string): Promise<Invoice> {
    const partnerId = ownerOf(ctx);
    const invoice = partnerId ? await ctx.em.findOne(Invoice, { id, partnerId }) : null;
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  },
};
