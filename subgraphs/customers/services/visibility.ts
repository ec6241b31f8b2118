import type { FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../../../shared/auth/roles';
import type { Customer } from '../entities/customer.entity';
import type { RelationshipRequest } from '../entities/relationship-request.entity';
import type { CustomerRelationship } from '../entities/relationship.entity';
import type { ResellerInvitation } from '../entities/reseller-invitation.entity';
import type { ResellerPartnership } from '../entities/reseller-partnership.entity';

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

const NOTHING = { id: { $in: [] as string[] } };

/**
 * REL-1, RES-2, ACT-2: the relationships a caller sees: a partner those it holds or that name it
 * as indirect reseller, a customer its own, the operator all. The tenant filter of
 * relationships (shared/db/tenant-filter.ts).
 */
export function visibleRelationships(identity: Identity | undefined): FilterQuery<CustomerRelationship> {
  switch (identity?.tenantKind) {
    case 'PLATFORM':
      return {};
    case 'CUSTOMER':
      return { customer: identity.tenantId };
    case 'PARTNER':
      return { $or: [{ partnerId: identity.tenantId }, { indirectResellerId: identity.tenantId }] };
    default:
      return NOTHING;
  }
}

/**
 * REL-2, ACT-2: a relationship request is read by the partner that made it, or by a customer
 * through its link while it is open or once that customer accepted it. The tenant filter of
 * relationship requests (shared/db/tenant-filter.ts); nobody else sees one.
 */
export function visibleRelationshipRequests(identity: Identity | undefined): FilterQuery<RelationshipRequest> {
  switch (identity?.tenantKind) {
    case 'PARTNER':
      return { partnerId: identity.tenantId };
    case 'CUSTOMER':
      return { $or: [{ status: 'PENDING' as RelationshipRequest['status'] }, { customerId: identity.tenantId }] };
    default:
      return NOTHING;
  }
}

/**
 * RES-1, ACT-2: an invitation is read by the provider that sent it, or by another partner (the
 * invitee, through its link) while it is open or once that partner accepted it. The tenant
 * filter of invitations (shared/db/tenant-filter.ts); nobody else sees one.
 */
export function visibleInvitations(identity: Identity | undefined): FilterQuery<ResellerInvitation> {
  if (identity?.tenantKind !== 'PARTNER') return NOTHING;
  return { $or: [{ providerId: identity.tenantId }, { status: 'PENDING' as ResellerInvitation['status'] }, { resellerId: identity.tenantId }] };
}

/** RES-1, ACT-1: a partnership is seen by its two partners (the reseller read-only) and the operator. */
export function visiblePartnerships(identity: Identity | undefined): FilterQuery<ResellerPartnership> {
  if (identity?.tenantKind === 'PLATFORM') return {};
  if (identity?.tenantKind !== 'PARTNER') return NOTHING;
  return { $or: [{ providerId: identity.tenantId }, { resellerId: identity.tenantId }] };
}
