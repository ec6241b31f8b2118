import type { FilterQuery } from '@mikro-orm/core';
import { notFound } from '../../../../shared/errors';
import { toConnection, type Page } from '../../../../shared/graphql/connection';
import type { SubscriptionsContext } from '../../context';
import { mayReadBilling } from '../billing-access';
import { Invoice } from './invoice.entity';
import type { InvoiceFilter } from './invoice.types';

/**
 * BIL-8: a partner's billing readers see its invoices; the tenant filter keeps them to the
 * caller's own (ACT-2: another tenant's are not found, shared/db/tenant-filter.ts).
 */
function readsOwnInvoices(ctx: SubscriptionsContext): boolean {
  const identity = ctx.identity;
  return identity?.tenantKind === 'PARTNER' && mayReadBilling(ctx, identity.tenantId);
}

export const invoices = {
  /** BIL-3: the caller's invoices, oldest first, filtered by month and status. */
  async list(ctx: SubscriptionsContext, filter: InvoiceFilter | undefined, page: Page) {
    if (!readsOwnInvoices(ctx)) return toConnection([], page, 0);
    const where: FilterQuery<Invoice> = {};
    if (filter?.status) where.status = filter.status;
    if (filter?.from) where.periodEnd = { $gte: filter.from };
    if (filter?.to) where.periodStart = { $lte: filter.to };
    const rows = await ctx.em.find(Invoice, { ...where, ...(page.afterId ? { id: { $gt: page.afterId } } : {}) }, { orderBy: { id: 'asc' }, limit: page.first + 1 });
    return toConnection(rows, page, () => ctx.em.count(Invoice, where));
  },

  /** BIL-3: one invoice of the caller, else NOT_FOUND (ACT-2). */
  async get(ctx: SubscriptionsContext, id: string): Promise<Invoice> {
    const invoice = readsOwnInvoices(ctx) ? await ctx.em.findOne(Invoice, { id }) : null;
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  },
};
