import type { FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../../../shared/auth/roles';
import type { Customer } from '../entities/customer.entity';

/**
 * ACT-2 / ACT-1: which customers a caller sees. A partner sees the customers it has an
 * active relationship with, an indirect reseller those associated with it, a customer
 * itself, the operator all. Everything else is reported as not found.
 *
 * A partner is either a transacting partner or an indirect reseller (RES-2: only an
 * INDIRECT_RESELLER is named on a relationship), so each reads one index of its relationships
 * in customer order; `afterId` bounds that read too, so a page deep in a long list starts at
 * its cursor instead of walking the relationships before it (docs/platform.md, "Large partners").
 */
export function visibleCustomersWhere(identity: Identity, afterId?: string): FilterQuery<Customer> {
  switch (identity.tenantKind) {
    case 'PLATFORM':
      return {};
    case 'CUSTOMER':
      return { id: identity.tenantId };
    case 'PARTNER': {
      const tenant = identity.partnerType === 'INDIRECT_RESELLER' ? { indirectResellerId: identity.tenantId } : { partnerId: identity.tenantId };
      return { relationships: { $some: { status: 'ACTIVE', ...tenant, ...(afterId !== undefined && { customer: { $gt: afterId } }) } } };
    }
  }
}

/** The tenant filter of customers (shared/db/tenant-filter.ts): a caller without identity sees none. */
export function visibleCustomers(identity: Identity | undefined): FilterQuery<Customer> {
  return identity ? visibleCustomersWhere(identity) : { id: { $in: [] } };
}

/** The partner whose customer count is kept (customers.partner_customer_count): a transacting partner, else none. */
export function countedPartnerOf(identity: Identity): string | undefined {
  return identity.tenantKind === 'PARTNER' && identity.partnerType !== 'INDIRECT_RESELLER' ? identity.tenantId : undefined;
}
