import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from './ids';
import type { Identity } from './auth/roles';

/**
 * AUD-1 audit store. Every subgraph writes its audit records through this one function, in
 * the same transaction as the change it records, into `platform.audit_record`: an
 * append-only store that belongs to no subgraph (like the business clock). The customers
 * subgraph serves `auditRecords` from it: the caller's tenant's records only, by business-clock
 * range (default the last 30 days, at most 90 days back), ordered by id. A mutation may also
 * record for a second tenant (`tenantId`), e.g. a relationship accepted by a customer shows in
 * the partner's trail too. Were the subgraphs ever split across databases,
 * this function would write to each subgraph's outbox instead and a job would ship the rows.
 */
export const AUDIT_DDL = `
create table if not exists platform.audit_record (
  id text primary key,
  tenant_id text not null,
  user_id text not null,
  operation text not null,
  resource_type text not null,
  resource_id text not null,
  outcome text not null,
  details jsonb,
  at timestamptz not null
);
create index if not exists audit_record_tenant_at on platform.audit_record (tenant_id, at, id);
`;

export interface AuditEntry {
  operation: string;
  resourceType: string;
  resourceId: string;
  outcome?: 'SUCCESS' | 'FAILURE';
  details?: Record<string, unknown>;
  /** Tenant the record belongs to; defaults to the caller's tenant. */
  tenantId?: string;
}

export async function recordAudit(em: EntityManager, identity: Identity, at: Date, entry: AuditEntry): Promise<void> {
  await em.execute(
    `insert into platform.audit_record (id, tenant_id, user_id, operation, resource_type, resource_id, outcome, details, at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      newId('aud'),
      entry.tenantId ?? identity.tenantId,
      identity.userId,
      entry.operation,
      entry.resourceType,
      entry.resourceId,
      entry.outcome ?? 'SUCCESS',
      entry.details ? JSON.stringify(entry.details) : null,
      at.toISOString(),
    ],
    'run',
  );
}
