import type { EntityManager } from '../../shared/db/orm';
import { sourceOf, type EventPayloads, type EventType } from '../../shared/events/event-types';
import type { SubscriptionChanged, SubscriptionChangeDetails } from '../../shared/events/payloads';
import { SubscriptionStatus } from '../../shared/graphql/enums';
import { appendToOutbox } from '../../shared/events/outbox';
import { newId } from '../../shared/ids';
import type { TestStack } from './stack';

/** An event of any type with its payload, as a producer would record it. */
export type TestEvent = {
  [K in EventType]: {
    type: K;
    data: EventPayloads[K];
    tenantId: string;
    resourceType?: string;
    resourceId?: string;
    /** Business time of the change; default the business clock's now. */
    occurredAt?: Date;
  };
}[EventType];

/** A SUBSCRIPTION_* payload of a made-up subscription, with the change's details. */
export function subscriptionChange(details: SubscriptionChangeDetails = {}): SubscriptionChanged {
  return {
    v: 1,
    status: SubscriptionStatus.ACTIVE,
    quantity: 10,
    offerId: 'offer-m365-e3-no-teams',
    customerId: 'cus-test',
    autoRenew: true,
    termStart: '2030-01-01T00:00:00.000Z',
    termEnd: '2030-12-31T23:59:59.999Z',
    ...details,
  };
}

/**
 * Events written to their source's stream the way its units of work write them
 * (`appendToOutbox`, positions and all), in one transaction: stands in for producers in tests of
 * the event machinery, and for orderings and replays a test cannot provoke through the API.
 * Returns the events' ids.
 */
export async function appendEvents(t: TestStack, events: TestEvent[]): Promise<string[]> {
  const ids = events.map(() => newId('evt'));
  const source = sourceOf(events[0].type);
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
        data: event.data,
        userId: 'test-producer',
        occurredAt: event.occurredAt ?? now,
      })),
    ),
  );
  return ids;
}
