import type { FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../auth/roles';
import type { AuditRecord } from './entities/audit-record.entity';
import type { Webhook } from './entities/webhook.entity';

/**
 * The tenant scope of the platform's own tables that belong to one tenant, applied by their
 * tenant filter (shared/db/tenant-filter.ts) to every ORM query. What a caller may not see is
 * simply not found.
 */

const NOTHING = { id: { $in: [] as string[] } };

/** AUD-2, ACT-2: a tenant's webhooks are its own; the platform's delivery work reads every tenant's. */
export function ownWebhooks(identity: Identity | undefined): FilterQuery<Webhook> {
  if (!identity) return NOTHING;
  return identity.tenantKind === 'PLATFORM' ? {} : { tenantId: identity.tenantId };
}

/** AUD-1, ACT-2: every caller, the operator included, reads its own tenant's audit trail only. */
export function ownAuditTrail(identity: Identity | undefined): FilterQuery<AuditRecord> {
  return identity ? { tenantId: identity.tenantId } : NOTHING;
}
