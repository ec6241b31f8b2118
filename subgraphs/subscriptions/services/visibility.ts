import type { Identity } from '../../../shared/auth/roles';

/**
 * ACT-2 / ACT-1 as a SQL condition on `subscription s`: the owning partner, the indirect
 * reseller of record (read-only), the customer itself, or the operator.
 */
export function visibleSubscriptionsSql(identity: Identity | undefined): { sql: string; params: unknown[] } {
  if (!identity) return { sql: 'false', params: [] };
  switch (identity.tenantKind) {
    case 'PLATFORM':
      return { sql: 'true', params: [] };
    case 'CUSTOMER':
      return { sql: 's.customer_id = ?', params: [identity.tenantId] };
    case 'PARTNER':
      return {
        sql: identity.partnerType === 'INDIRECT_RESELLER' ? 's.reseller_tenant_id = ?' : 's.partner_id = ?',
        params: [identity.tenantId],
      };
  }
}
