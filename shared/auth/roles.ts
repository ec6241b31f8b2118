/** Tenants, roles and partner types of SPEC §1. */

export const PARTNER_ROLES = [
  'GLOBAL_ADMIN',
  'ADMIN_AGENT',
  'SALES_AGENT',
  'HELPDESK_AGENT',
  'BILLING_ADMIN',
  'ACCOUNT_ADMIN',
  'REFERRALS_ADMIN',
  'MARKETING_CONTENT_ADMIN',
] as const;
export const CUSTOMER_ROLES = ['CUSTOMER_ADMIN'] as const;
export const PLATFORM_ROLES = ['PLATFORM_OPERATOR'] as const;
export const ALL_ROLES = [...PARTNER_ROLES, ...CUSTOMER_ROLES, ...PLATFORM_ROLES] as const;

export type Role = (typeof ALL_ROLES)[number];
export type TenantKind = 'PARTNER' | 'CUSTOMER' | 'PLATFORM';
export type PartnerType = 'DIRECT_BILL' | 'INDIRECT_PROVIDER' | 'INDIRECT_RESELLER';

/** The tenant id of the programme operator. */
export const PLATFORM_TENANT = 'platform';

/** Which roles a tenant of each kind may hold; roles outside this list are ignored. */
export const ROLES_BY_KIND: Record<TenantKind, readonly Role[]> = {
  PARTNER: PARTNER_ROLES,
  CUSTOMER: CUSTOMER_ROLES,
  PLATFORM: PLATFORM_ROLES,
};

/** The verified caller, as the gateway forwards it to the subgraphs. */
export interface Identity {
  userId: string;
  tenantId: string;
  tenantKind: TenantKind;
  partnerType?: PartnerType;
  roles: Role[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}
