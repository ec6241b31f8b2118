import type { EntityManager } from '../db/orm';
import type { EventType } from './event-types';

/** An outbox row as a unit of work writes it; its position is given at append. */
export interface NewOutboxEvent {
  id: string;
  type: EventType;
  tenantId: string;
  resourceType: string;
  resourceId: string;
  data: object;
  userId: string;
  /** Business-clock time of the change. */
  occurredAt: Date;
}

/** An AUD-1 audit row written in the same statement as a unit's outbox rows. */
export interface NewAuditRecord {
  id: string;
  tenantId: string;
  userId: string;
  operation: string;
  resourceType: string;
  resourceId: string;
  outcome: 'SUCCESS' | 'FAILURE';
  details: Record<string, unknown> | null;
  at: Date;
}

/**
 * Takes `n` positions from the source's head row and writes the rows at them, in one statement.
 * The upsert locks the head row until the transaction ends: a second writer of the same source
 * waits here until the first has committed (or rolled back), and PostgreSQL makes a commit
 * visible before it releases the transaction's locks. So positions of one source become visible
 * in order, and a reader that has seen position p will never later see a new event below p.
 */
const APPEND_SQL = `
  with audit as (
    insert into platform.audit_record (id, tenant_id, user_id, operation, resource_type, resource_id, outcome, details, at)
    select a.id, a.tenant_id, a.user_id, a.operation, a.resource_type, a.resource_id, a.outcome, a.details, a.at
      from jsonb_to_recordset(?::jsonb) as a(id text, tenant_id text, user_id text, operation text, resource_type text, resource_id text, outcome text, details jsonb, at timestamptz)
  ),
  head as (
    insert into platform.outbox_head as h (source, position) values (?, ?)
    on conflict (source) do update set position = h.position + excluded.position
    returning position
  )
  insert into platform.outbox_event (source, position, id, type, tenant_id, resource_type, resource_id, data, user_id, occurred_at)
  select ?, head.position - ? + e.ord, e.id, e.type, e.tenant_id, e.resource_type, e.resource_id, e.data, e.user_id, e.occurred_at
    from head, jsonb_to_recordset(?::jsonb) as e(ord bigint, id text, type text, tenant_id text, resource_type text, resource_id text, data jsonb, user_id text, occurred_at timestamptz)`;

/**
 * Appends a unit's events to its source's stream, in the order given, and writes its `audit`
 * rows in the same statement. Call it as the last write of the transaction (the unit of work
 * does): the head row's lock is then the last lock the transaction takes (no deadlock with other
 * units) and is held only through the commit.
 */
export async function appendToOutbox(em: EntityManager, source: string, events: readonly NewOutboxEvent[], audit: readonly NewAuditRecord[] = []): Promise<void> {
  if (!events.length) return;
  const audited = audit.map((row) => ({
    id: row.id,
    tenant_id: row.tenantId,
    user_id: row.userId,
    operation: row.operation,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    outcome: row.outcome,
    details: row.details,
    at: row.at.toISOString(),
  }));
  const rows = events.map((event, index) => ({
    ord: index + 1,
    id: event.id,
    type: event.type,
    tenant_id: event.tenantId,
    resource_type: event.resourceType,
    resource_id: event.resourceId,
    data: event.data,
    user_id: event.userId,
    occurred_at: event.occurredAt.toISOString(),
  }));
  await em.execute(APPEND_SQL, [JSON.stringify(audited), source, events.length, source, events.length, JSON.stringify(rows)], 'run');
}
