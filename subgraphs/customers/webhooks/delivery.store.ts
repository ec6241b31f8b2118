import type { SubgraphRuntime } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import { runUnit } from '../../../shared/unit-of-work';
import { textArray } from '../../../shared/db/prepared';
import type { EntityManager } from '../../../shared/db/orm';
import { isWebhookEvent, outboxStream } from '../../../shared/events/stream';
import { WebhookDelivery } from '../../../shared/platform/entities/webhook-delivery.entity';
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
  event_source: string;
  event_position: string;
}

/**
 * Due deliveries (PENDING, due by `dueAt` on the business clock, lease free) of live webhooks
 * are taken `for update skip locked`, leased on the wall clock and counted as an attempt, in
 * one short transaction that commits before anything is sent. Concurrent workers skip each
 * other's rows; a worker that dies mid-send leaves a lease that runs out, and the delivery is
 * taken again (at least once: receivers de-duplicate by `webhook-id`). The due index holds only
 * what is pending, however many deliveries are done.
 */
export const CLAIM_SQL = `
  update platform.webhook_delivery d
     set attempts = d.attempts + 1, leased_until = clock_timestamp() + ?::int * interval '1 millisecond'
    from (select q.id from platform.webhook_delivery q
           where q.status = 'PENDING' and q.next_attempt_at <= ?::timestamptz and (q.leased_until is null or q.leased_until < clock_timestamp())
           order by q.next_attempt_at, q.id
           limit ? for update skip locked) due,
         platform.webhook w
   where d.id = due.id and w.id = d.webhook_id and w.deleted_at is null
  returning d.id, d.attempts, w.url, w.secret, d.event_source, d.event_position`;

/** Each attempt's outcome, one row per delivery, applied only where this worker's attempt still holds the row. */
const RECORD_SQL = `
  update platform.webhook_delivery d
     set status = o.status, next_attempt_at = o.next_attempt_at, leased_until = null,
         last_response_status = o.response_status, last_response_body = o.response_body, delivered_at = o.delivered_at
    from unnest(?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::timestamptz[])
         as o(id, attempts, status, next_attempt_at, response_status, response_body, delivered_at)
   where d.id = o.id and d.attempts = o.attempts and d.status = 'PENDING'
  returning d.id, d.status`;

function systemContext<L>(runtime: SubgraphRuntime<L>) {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'deliverWebhooks';
  return ctx;
}

export async function claimDue<L>(runtime: SubgraphRuntime<L>, dueAt: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const rows = await runUnit(systemContext(runtime), (tx) => tx.em.execute<ClaimRow[]>(CLAIM_SQL, [leaseMs, dueAt.toISOString(), limit]), { silent: true });
  const events = await eventsOf(runtime, rows);
  const claimed = rows.flatMap((row) => {
    const event = events.get(`${row.event_source}/${row.event_position}`);
    return event ? [{ id: row.id, attempts: row.attempts, url: row.url, secret: row.secret, event }] : [];
  });
  // Retention keeps every event a pending delivery needs; one removed by hand cannot be sent any more.
  const lost = rows.filter((row) => !events.has(`${row.event_source}/${row.event_position}`)).map((row) => row.id);
  if (lost.length) await runtime.orm.em.fork().nativeUpdate(WebhookDelivery, { id: { $in: lost } }, { status: 'FAILED', nextAttemptAt: null, leasedUntil: null, lastResponseBody: 'the event is no longer in the outbox' });
  return claimed;
}

/** The claimed deliveries' events, one read per source. */
async function eventsOf<L>(runtime: SubgraphRuntime<L>, rows: ClaimRow[]): Promise<Map<string, WebhookEvent>> {
  const em = runtime.orm.em.fork() as EntityManager;
  const bySource = new Map<string, string[]>();
  for (const row of rows) bySource.set(row.event_source, [...(bySource.get(row.event_source) ?? []), String(row.event_position)]);
  const found = new Map<string, WebhookEvent>();
  for (const [source, positions] of bySource) {
    for (const event of await outboxStream.load(em, source, positions)) {
      if (isWebhookEvent(event)) found.set(`${source}/${event.position}`, event);
    }
  }
  return found;
}

/** A claimed delivery and what its attempt gave. */
export interface Attempted {
  claimed: ClaimedDelivery;
  outcome: AttemptOutcome;
}

/**
 * Records attempts in one short transaction (one statement): each DELIVERED, or PENDING again
 * with its next attempt on the business clock, or FAILED after the last attempt. A row whose
 * lease ran out and was claimed again (its attempt number moved on) is left alone. Returns how
 * many were recorded as delivered.
 */
export async function recordOutcomes<L>(runtime: SubgraphRuntime<L>, attempted: readonly Attempted[]): Promise<number> {
  if (!attempted.length) return 0;
  return runUnit(systemContext(runtime), async (tx) => {
    const now = await tx.clock.now();
    const rows = attempted.map(({ claimed, outcome }) => {
      const next = outcome.delivered ? null : nextAttemptAt(claimed.attempts, now);
      const status = outcome.delivered ? 'DELIVERED' : next ? 'PENDING' : 'FAILED';
      return [claimed.id, claimed.attempts, status, next?.toISOString() ?? null, outcome.status, outcome.body, outcome.delivered ? now.toISOString() : null] as const;
    });
    const column = (index: number) => textArray(rows.map((row) => row[index]));
    const updated = await tx.em.execute<{ id: string; status: string }[]>(RECORD_SQL, [column(0), column(1), column(2), column(3), column(4), column(5), column(6)]);
    return updated.filter((row) => row.status === 'DELIVERED').length;
  }, { silent: true });
}
