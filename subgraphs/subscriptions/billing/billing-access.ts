import type { RequestContext } from '../../../shared/context';

/** BIL-8: the partner roles that see invoices, reconciliation files and billing figures. */
export const BILLING_READERS = ['BILLING_ADMIN', 'ADMIN_AGENT', 'GLOBAL_ADMIN'] as const;

/** BIL-8: billing figures of `partnerId` are for that partner's billing readers (and the operator), never another tenant. */
export function mayReadBilling(ctx: RequestContext<unknown>, partnerId: string): boolean {
  const identity = ctx.identity;
  if (!identity) return false;
  if (identity.tenantKind === 'PLATFORM') return true;
  return identity.tenantKind === 'PARTNER' && identity.tenantId === partnerId && identity.roles.some((role) => (BILLING_READERS as readonly string[]).includes(role));
}
