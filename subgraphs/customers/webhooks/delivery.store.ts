import type { SubgraphRuntime } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import { runUnit } from '../../../shared/unit-of-work';
import type { WebhookEventType } from '../../../shared/events/event-types';
import type { WebhookEvent } from '../../../shared/webhooks/message';
import { nextAttemptAt } from '../../../shared/webhooks/retry-schedule';
import type { AttemptOutcome } from '../../../shared/webhooks/sender';

/** A delivery this worker holds the lease of, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  /** This attempt's number; recording the outcome checks it, so a worker whose lease ran out records nothing. */
  attempts: number;
  url: string;
  secret: string;
  event: WebhookEvent;
}

interface ClaimRow {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  event_id: string;
  type: string;
  tenant_id: string;
  resource_type: string;
  resource_id: string;
  data: Record<string, unknown> | string;
  occurred_at: Date | string;
}

/**
 * Due deliveries (PENDING, due by `dueAt` on the business clock, lease free) of live webhooks
 * are taken `for update skip locked`, leased on the wall clock and counted as an attempt, in
 * one short transaction that commits before anything is sent. Concurrent workers skip each
 * other's rows; a worker that dies mid-send leaves a lease that runs out, and the delivery is
 * taken again (at least once: receivers de-duplicate by `webhook-id`).
 */
const CLAIM_SQL = `
  update platform.webhook_delivery d
     set attempts = d.attempts + 1, leased_until = clock_timestamp() + ?::int * interval '1 millisecond'
    from (select q.id from platform.webhook_delivery q
           where q.status = 'PENDING' and q.next_attempt_at <= ?::timestamptz and (q.leased_until is null or q.leased_until < clock_timestamp())
           order by q.next_attempt_at, q.id
           limit ? for update skip locked) due,
         platform.webhook w, platform.outbox_event e
   where d.id = due.id and w.id = d.webhook_id and w.deleted_at is null and e.id = d.event_id
  returning d.id, d.attempts, w.url, w.secret, e.id as event_id, e.type, e.tenant_id, e.resource_type, e.resource_id, e.data, e.occurred_at`;

const RECORD_SQL = `
  update platform.webhook_delivery
     set status = ?, next_attempt_at = ?, leased_until = null, last_response_status = ?, last_response_body = ?, delivered_at = ?
   where id = ? and attempts = ? and status = 'PENDING'
  returning id`;

function systemContext<L>(runtime: SubgraphRuntime<L>) {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'deliverWebhooks';
  return ctx;
}

export async function claimDue<L>(runtime: SubgraphRuntime<L>, dueAt: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const rows = await runUnit(systemContext(runtime), (tx) => tx.em.execute<ClaimRow[]>(CLAIM_SQL, [leaseMs, dueAt.toISOString(), limit]), { silent: true });
  return rows.map((row) => ({
    id: row.id,
    attempts: row.attempts,
    url: row.url,
    secret: row.secret,
    event: {
      id: row.event_id,
      type: row.type as WebhookEventType,
      tenantId: row.tenant_id,
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
      occurredAt: new Date(row.occurred_at),
    },
  }));
}

/**
 * Records one attempt in its own short transaction: DELIVERED, or PENDING again with the next
 * attempt on the business clock, or FAILED after the last attempt. True when it was delivered.
 */
export async function recordOutcome<L>(runtime: SubgraphRuntime<L>, claimed: ClaimedDelivery, outcome: AttemptOutcome): Promise<boolean> {
  return runUnit(systemContext(runtime), async (tx) => {
    const now = await tx.clock.now();
    const next = outcome.delivered ? null : nextAttemptAt(claimed.attempts, now);
    const status = outcome.delivered ? 'DELIVERED' : next ? 'PENDING' : 'FAILED';
    const updated = await tx.em.execute<{ id: string }[]>(RECORD_SQL, [
      status,
      next?.toISOString() ?? null,
      outcome.status,
      outcome.body,
      outcome.delivered ? now.toISOString() : null,
      claimed.id,
      claimed.attempts,
    ]);
    return outcome.delivered && updated.length === 1;
  }, { silent: true });
}
