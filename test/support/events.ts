import type { EntityManager } from '../../shared/db/orm';
import { EVENT_SOURCES, type EventType } from '../../shared/events/event-types';
import { appendToOutbox } from '../../shared/events/outbox';
import { newId } from '../../shared/ids';
import type { TestStack } from './stack';

export interface TestEvent {
  type: EventType;
  tenantId: string;
  resourceType?: string;
  resourceId?: string;
  data?: Record<string, unknown>;
  /** Business time of the change; default the business clock's now. */
  occurredAt?: Date;
}

/**
 * Events written to their source's stream the way its units of work write them
 * (`appendToOutbox`, positions and all), in one transaction: stands in for producers in tests of
 * the event machinery, and for orderings and replays a test cannot provoke through the API.
 * Returns the events' ids.
 */
export async function appendEvents(t: TestStack, events: TestEvent[]): Promise<string[]> {
  const ids = events.map(() => newId('evt'));
  const source = EVENT_SOURCES[events[0].type];
  const em = t.stack.subgraphs[source].orm.em.fork() as EntityManager;
  const now = new Date((await t.db.query(`select clock_timestamp() + offset_ms * interval '1 millisecond' as now from platform.business_clock where id = 1`)).rows[0].now);
  await em.transactional((tx) =>
    appendToOutbox(
      tx as EntityManager,
      source,
      events.map((event, index) => ({
        id: ids[index],
        type: event.type,
        tenantId: event.tenantId,
        resourceType: event.resourceType ?? 'Subscription',
        resourceId: event.resourceId ?? `sub_${ids[index]}`,
        data: event.data ?? {},
        userId: 'test-producer',
        occurredAt: event.occurredAt ?? now,
      })),
    ),
  );
  return ids;
}
