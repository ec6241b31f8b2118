import type { Identity } from '../auth/roles';

/**
 * The one identity of background work (renewals, expiries, event consumers, deliveries): it
 * reads facts of every tenant from other subgraphs and signs audit rows as `system`. Events it
 * records name the tenant they belong to.
 */
export const SYSTEM_IDENTITY: Identity = { userId: 'system', tenantId: 'platform', tenantKind: 'PLATFORM', roles: ['PLATFORM_OPERATOR'] };
