import type { FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../../../shared/auth/roles';
import type { Customer } from '../entities/customer.entity';

/**
 * ACT-2 / ACT-1: which customers a caller sees. A partner sees the customers it has an
 * active relationship with, an indirect reseller those associated with it, a customer
 * itself, the operator all. Everything else is reported as not found.
 */
export function visibleCustomersWhere(identity: Identity): FilterQuery<Customer> {
  switch (identity.tenantKind) {
    case 'PLATFORM':
      return {};
    case 'CUSTOMER':
      return { id: identity.tenantId };
    case 'PARTNER':
      return {
        relationships: {
          $some: {
            status: 'ACTIVE',
            $or: [{ partnerId: identity.tenantId }, { indirectResellerId: identity.tenantId }],
          },
        },
      };
  }
}
