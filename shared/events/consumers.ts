import type { RequestContext } from '../context';
import { placeholders, type EntityManager } from '../db/orm';
import type { DueCounts, DueQueue, SubgraphRuntime } from '../jobs/due-queue';
import { SYSTEM_IDENTITY } from '../jobs/system';
import { OutboxEvent } from '../platform/entities/outbox-event.entity';
import { runUnit } from '../unit-of-work';
import { DueFailures } from '../jobs/due-failures';
import { logError } from '../log';

/**
 * A handler of outbox events, owned by one subgraph: it applies another subgraph's (or its own)
 * events to its own data. It runs once per event: the claim row in platform.consumed_event
 * commits in the same transaction as the effect.
 */
export interface EventConsumer<L = any> {
  /** Unique across the stack, e.g. `webhooks.fan-out`. */
  name: string;
  types: readonly string[];
  /** Runs inside a unit of work as the system identity; records its own events if any. */
  handle: (tx: RequestContext<L>, event: OutboxEvent) => Promise<void>;
  /** What one applied event counts for in the due-work report (optional). */
  counts?: DueCounts;
}

const BATCH = 200;

/**
 * Applies every outbox event of the consumer's types it has not applied yet, oldest first,
 * each in its own unit of work. Concurrent workers claim the same (consumer, event) key: the
 * second waits for the first to commit and then skips it. A failing event rolls back alone, is
 * recorded, and is retried on the next run until it has failed too often.
 */
export async function consumePending<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>): Promise<number> {
  let applied = 0;
  // An event that failed too often is parked (recorded for the operator), never retried first forever.
  const failures = await DueFailures.open(runtime.orm, `consumer:${consumer.name}`);
  const failed = new Set<string>(failures.parked);
  for (;;) {
    const em = runtime.orm.em.fork() as EntityManager;
    const pending = await em.execute<{ id: string }[]>(
      `select e.id from platform.outbox_event e
        where e.type in (${placeholders(consumer.types)}) and not exists (select 1 from platform.consumed_event c where c.consumer = ? and c.event_id = e.id)
        order by e.position limit ?`,
      [...consumer.types, consumer.name, BATCH + failed.size],
    );
    const todo = pending.filter((row) => !failed.has(row.id));
    if (!todo.length) return applied;
    for (const { id } of todo) {
      try {
        if (await applyOnce(runtime, consumer, id)) applied += 1;
        await failures.succeeded(id);
      } catch (error) {
        failed.add(id);
        logError(`[events] ${consumer.name} failed on ${id}`, error);
        await failures.record(id, error);
      }
    }
    if (todo.length < BATCH) return applied;
  }
}

async function applyOnce<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, eventId: string): Promise<boolean> {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = consumer.name;
  return runUnit(ctx, async (tx) => {
    const claimed = await tx.em.execute<{ event_id: string }[]>(
      `insert into platform.consumed_event (consumer, event_id, consumed_at) values (?, ?, clock_timestamp())
       on conflict do nothing returning event_id`,
      [consumer.name, eventId],
    );
    if (!claimed.length) return false;
    const event = await tx.em.findOneOrFail(OutboxEvent, { id: eventId });
    await consumer.handle(tx, event);
    return true;
  }, { silent: true });
}

/** The due queue that runs a subgraph's consumers (phase `events`). */
export function consumersQueue<L>(subgraph: string, consumers: EventConsumer<L>[]): DueQueue<L> {
  return {
    name: `${subgraph}.events`,
    phase: 'events',
    run: async (runtime) => {
      const counts: DueCounts = {};
      for (const consumer of consumers) {
        const applied = await consumePending(runtime, consumer);
        counts.eventsApplied = (counts.eventsApplied ?? 0) + applied;
        for (const [key, value] of Object.entries(consumer.counts ?? {}).filter(([key]) => key !== 'eventsApplied')) {
          counts[key as keyof DueCounts] = (counts[key as keyof DueCounts] ?? 0) + applied * (value ?? 0);
        }
      }
      return counts;
    },
  };
}
