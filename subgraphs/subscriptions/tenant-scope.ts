import type { FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../../shared/auth/roles';
import type { Cart } from './entities/cart.entity';
import type { Order } from './entities/order.entity';
import type { Subscription } from './entities/subscription.entity';

/**
 * The one tenant scope of this subgraph (ACT-1, ACT-2). The entities' tenant filter
 * (shared/db/tenant-filter.ts) applies these conditions to every ORM query of the caller's
 * data — finds, counts, read models, pages, exports — without the call site saying so. What a
 * caller may not see is simply not found.
 */

/** Matches nothing: no identity, or a tenant that may not see this kind of data. */
const NOTHING = { id: { $in: [] as string[] } };

/** Subscriptions a caller may read: the owning partner, the indirect reseller of record (read-only), the customer itself, the operator. */
export function visibleSubscriptions(identity: Identity | undefined): FilterQuery<Subscription> {
  if (!identity) return NOTHING;
  switch (identity.tenantKind) {
    case 'PLATFORM':
      return {};
    case 'CUSTOMER':
      return { customerId: identity.tenantId };
    case 'PARTNER':
      return identity.partnerType === 'INDIRECT_RESELLER' ? { resellerTenantId: identity.tenantId } : { partnerId: identity.tenantId };
  }
}

/** Subscriptions a caller may change: only those of the partner that holds them (the `owned` filter, asked for with `ownedOnly()`). */
export function ownedSubscriptions(identity: Identity | undefined): FilterQuery<Subscription> {
  return identity?.tenantKind === 'PARTNER' ? { partnerId: identity.tenantId } : NOTHING;
}

/** Orders a caller may read: the partner that placed them, the customer itself (ORD-5), the operator. */
export function visibleOrders(identity: Identity | undefined): FilterQuery<Order> {
  if (!identity) return NOTHING;
  switch (identity.tenantKind) {
    case 'PLATFORM':
      return {};
    case 'CUSTOMER':
      return { customerId: identity.tenantId };
    case 'PARTNER':
      return identity.partnerType === 'INDIRECT_RESELLER' ? NOTHING : { partnerId: identity.tenantId };
  }
}

/** Carts are the partner's own working space: nobody else sees them. */
export function ownedCarts(identity: Identity | undefined): FilterQuery<Cart> {
  return identity?.tenantKind === 'PARTNER' ? { partnerId: identity.tenantId } : NOTHING;
}

/**
 * Rows of one partner's business: invoices and their lines (BIL-3, BIL-8), software keys and
 * download links (SW-2): the partner's own, and every partner's for the platform's work
 * (closing, describing, cancelling). Which roles of the partner may read them (BIL-8) is the
 * services' check; a reseller or customer sees none.
 */
export function partnerRows(identity: Identity | undefined): { partnerId?: string } | typeof NOTHING {
  if (identity?.tenantKind === 'PLATFORM') return {};
  return identity?.tenantKind === 'PARTNER' ? { partnerId: identity.tenantId } : NOTHING;
}

/** Orders a caller may change (software keys and cancellations of its purchases): only the partner that placed them. */
export function ownedOrders(identity: Identity | undefined): FilterQuery<Order> {
  return identity?.tenantKind === 'PARTNER' ? { partnerId: identity.tenantId } : NOTHING;
}

/** SW-2: a partner's software activity log is its own; nobody else, the operator included, reads it. */
export function ownActivity(identity: Identity | undefined): { partnerId: string } | typeof NOTHING {
  return identity?.tenantKind === 'PARTNER' ? { partnerId: identity.tenantId } : NOTHING;
}
