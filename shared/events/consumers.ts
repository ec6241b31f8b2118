import type { RequestContext } from '../context';
import type { EntityManager } from '../db/orm';
import type { DueCounts, DueQueue, SubgraphRuntime } from '../jobs/due-queue';
import { SYSTEM_IDENTITY } from '../jobs/system';
import { DueFailures } from '../jobs/due-failures';
import { logError } from '../log';
import { runUnit } from '../unit-of-work';
import { sourcesOf, type EventType } from './event-types';
import { lockPosition, moveForward, owe, owedBy, positionOf, registerConsumer, setPosition, settle, type OwedEvent } from './positions';
import { outboxStream, type EventStream, type StoredEvent } from './stream';

/**
 * A handler of outbox events, owned by one subgraph: it applies another subgraph's (or its own)
 * events to its own data, once each: its position in each source's stream moves in the same
 * transaction as its effect.
 */
export interface EventConsumer<L = any, T extends EventType = EventType> {
  /** Unique across the stack, e.g. `webhooks.fan-out`. */
  name: string;
  types: readonly T[];
  /**
   * Runs inside a unit of work as the system identity; records its own events if any. The event's
   * `data` is its type's payload from the event map: a payload change the handler does not
   * follow fails the build.
   */
  handle(tx: RequestContext<L>, event: StoredEvent<T>): Promise<void>;
  /**
   * Optional: applies several events of one source, in position order, in one unit of work, with
   * the effect `handle` has on each of them. Only for a consumer whose every effect is in the
   * transaction (no call to another subgraph, nothing sent): the batch's unit moves the position
   * past all of them at once, and when it fails each event is applied again in its own unit, so
   * one bad event still rolls back alone and is owed.
   */
  handleBatch?(tx: RequestContext<L>, events: StoredEvent<T>[]): Promise<void>;
  /** What one applied event counts for in the due-work report (optional). */
  counts?: DueCounts;
}

/** Positions one read takes from a stream. */
export const CONSUMER_BATCH = 200;

/** The stream consumers read: the seam where another transport plugs in (docs/platform.md). */
const stream: EventStream = outboxStream;

/** Gives every consumer its position in each source it reads (at the start), unless it has one. */
export async function registerConsumers(em: EntityManager, consumers: readonly EventConsumer[]): Promise<void> {
  for (const consumer of consumers) await registerConsumer(em, consumer.name, sourcesOf(consumer.types));
}

/**
 * Applies every event of the consumer's types it has not applied yet: first those it owes
 * (failed before, not parked), then each source's stream from its position on, in position
 * order, each event in its own unit of work. Any number of workers may run it at once: they take
 * turns on the consumer's position, and an event is applied only by the unit that moves the
 * position past it (or takes it off the owed list). A failing event rolls back alone, is owed
 * and recorded, and is retried on later runs until it has failed too often (parked).
 */
export async function consumePending<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>): Promise<number> {
  const failures = await DueFailures.open(runtime.orm, `consumer:${consumer.name}`);
  let applied = await retryOwed(runtime, consumer, failures);
  for (const source of sourcesOf(consumer.types)) applied += await consumeSource(runtime, consumer, source, failures);
  return applied;
}

async function consumeSource<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, source: string, failures: DueFailures): Promise<number> {
  const em = runtime.orm.em.fork() as EntityManager;
  await registerConsumer(em, consumer.name, [source]);
  let after = await positionOf(em, consumer.name, source);
  let applied = 0;
  for (;;) {
    const batch = await stream.readAfter(em, source, after, consumer.types, CONSUMER_BATCH);
    if (!batch.readTo) return applied;
    applied += (await applyTogether(runtime, consumer, source, batch.events, failures)) ?? (await applyOneByOne(runtime, consumer, batch.events, failures));
    // Every event of the consumer's types up to here is applied or owed: the rest it skips.
    await moveForward(em, consumer.name, source, batch.readTo);
    after = batch.readTo;
    if (batch.read < CONSUMER_BATCH) return applied;
  }
}

/** Each event in its own unit; a failing one is owed and recorded. The number applied. */
async function applyOneByOne<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, events: readonly StoredEvent[], failures: DueFailures): Promise<number> {
  let applied = 0;
  for (const event of events) {
    try {
      if (await applyNext(runtime, consumer, event)) applied += 1;
      await failures.succeeded(event.id);
    } catch (error) {
      logError(`[events] ${consumer.name} failed on ${event.id}`, error);
      if (await oweFailed(runtime, consumer, event)) await failures.record(event.id, error);
    }
  }
  return applied;
}

function unitContext<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>) {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = consumer.name;
  return ctx;
}

/** Applies the event unless another worker moved the consumer past it; moves the position in the same transaction. */
function applyNext<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, event: StoredEvent): Promise<boolean> {
  return runUnit(unitContext(runtime, consumer), async (tx) => {
    if ((await lockPosition(tx.em, consumer.name, event.source)) >= BigInt(event.position)) return false;
    await consumer.handle(tx, event);
    await setPosition(tx.em, consumer.name, event.source, event.position);
    return true;
  }, { silent: true });
}

/**
 * Applies the events in one unit (a consumer with `handleBatch`, more than one event), those the
 * position has not passed yet; the number applied, or undefined when the unit failed and each
 * event goes its own way.
 */
async function applyTogether<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, source: string, events: StoredEvent[], failures: DueFailures): Promise<number | undefined> {
  const handleBatch = consumer.handleBatch;
  if (!handleBatch || events.length < 2) return undefined;
  let applied: number;
  try {
    applied = await runUnit(unitContext(runtime, consumer), async (tx) => {
      const at = await lockPosition(tx.em, consumer.name, source);
      const fresh = events.filter((event) => BigInt(event.position) > at);
      if (!fresh.length) return 0;
      await handleBatch(tx, fresh);
      await setPosition(tx.em, consumer.name, source, fresh[fresh.length - 1].position);
      return fresh.length;
    }, { silent: true });
  } catch (error) {
    logError(`[events] ${consumer.name} could not apply ${events.length} events together; applying them one by one`, error);
    return undefined;
  }
  for (const event of events) await failures.succeeded(event.id);
  return applied;
}

/** After the event's unit rolled back: moves past it and owes it, unless another worker already moved past it. */
function oweFailed<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, event: StoredEvent): Promise<boolean> {
  return runUnit(unitContext(runtime, consumer), async (tx) => {
    if ((await lockPosition(tx.em, consumer.name, event.source)) >= BigInt(event.position)) return false;
    await owe(tx.em, consumer.name, { source: event.source, position: event.position, eventId: event.id });
    await setPosition(tx.em, consumer.name, event.source, event.position);
    return true;
  }, { silent: true });
}

/** Events owed after a failure, retried in their own units unless parked; taken off the list with their effect. */
async function retryOwed<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, failures: DueFailures): Promise<number> {
  const parked = new Set(failures.parked);
  const owed = (await owedBy(runtime.orm.em.fork() as EntityManager, consumer.name)).filter((event) => !parked.has(event.eventId));
  let applied = 0;
  for (const event of owed) {
    try {
      if (await applyOwed(runtime, consumer, event)) applied += 1;
      await failures.succeeded(event.eventId);
    } catch (error) {
      logError(`[events] ${consumer.name} failed again on ${event.eventId}`, error);
      await failures.record(event.eventId, error);
    }
  }
  return applied;
}

function applyOwed<L>(runtime: SubgraphRuntime<L>, consumer: EventConsumer<L>, owed: OwedEvent): Promise<boolean> {
  return runUnit(unitContext(runtime, consumer), async (tx) => {
    if (!(await settle(tx.em, consumer.name, owed))) return false;
    const [event] = await stream.load(tx.em, owed.source, [owed.position]);
    // Retention keeps every owed event; one removed by hand is settled with nothing to apply.
    if (event) await consumer.handle(tx, event);
    return true;
  }, { silent: true });
}

/** The name of a subgraph's consumers' queue. */
export const eventQueueOf = (subgraph: string) => `${subgraph}.events`;

/** The due queue that runs a subgraph's consumers (phase `events`). */
export function consumersQueue<L>(subgraph: string, consumers: EventConsumer<L>[]): DueQueue<L> {
  return {
    name: eventQueueOf(subgraph),
    phase: 'events',
    run: async (runtime) => {
      const counts: DueCounts = {};
      for (const consumer of consumers) {
        // A consumer that cannot run now (its database is away) does not keep the others from running.
        const applied = await consumePending(runtime, consumer).catch((error) => {
          logError(`[events] ${consumer.name} stopped; it goes on from its position on the next run`, error);
          return 0;
        });
        counts.eventsApplied = (counts.eventsApplied ?? 0) + applied;
        for (const [key, value] of Object.entries(consumer.counts ?? {}).filter(([key]) => key !== 'eventsApplied')) {
          counts[key as keyof DueCounts] = (counts[key as keyof DueCounts] ?? 0) + applied * (value ?? 0);
        }
      }
      return counts;
    },
  };
}
