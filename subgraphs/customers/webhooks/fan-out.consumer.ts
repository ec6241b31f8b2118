import type { RequestContext } from '../../../shared/context';
import type { EventConsumer } from '../../../shared/events/consumers';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../shared/events/event-types';
import type { StoredEvent } from '../../../shared/events/stream';
import { newId } from '../../../shared/ids';
import { Webhook } from '../../../shared/platform/entities/webhook.entity';
import { WebhookDelivery } from '../../../shared/platform/entities/webhook-delivery.entity';
import type { CustomersLoaders } from '../context';

/**
 * AUD-2: turns each outbox event into one PENDING delivery per live webhook of the event's
 * tenant that subscribed to its type. Runs once per event (the consumer's position moves in the
 * transaction of these inserts), after the change committed, so a mutation never waits for
 * webhooks. A webhook created after the event does not receive it: it asked for what happens
 * from then on. The first attempt is due at once on the business clock.
 */
async function fanOut(tx: RequestContext<CustomersLoaders>, events: StoredEvent<WebhookEventType>[]): Promise<void> {
  const tenants = [...new Set(events.map((event) => event.tenantId))];
  const latest = new Date(Math.max(...events.map((event) => event.occurredAt.getTime())));
  // One read for the whole batch: the webhooks of its tenants that existed by its last event.
  const webhooks = await tx.em.find(Webhook, { tenantId: { $in: tenants }, deletedAt: null, createdAt: { $lte: latest } }, { orderBy: { id: 'asc' } });
  if (!webhooks.length) return;
  const now = await tx.clock.now();
  for (const event of events) {
    const subscribed = webhooks.filter((webhook) => webhook.tenantId === event.tenantId && webhook.createdAt <= event.occurredAt && webhook.events.includes(event.type));
    for (const webhook of subscribed) {
      tx.em.create(WebhookDelivery, {
        id: newId('whd'),
        webhookId: webhook.id,
        tenantId: event.tenantId,
        eventId: event.id,
        eventSource: event.source,
        eventPosition: event.position,
        eventType: event.type,
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  await tx.em.flush();
}

/** Its effects are all in the transaction (delivery rows), so a batch of events goes in one unit. */
export const webhookFanOut: EventConsumer<CustomersLoaders, WebhookEventType> = {
  name: 'webhooks.fan-out',
  types: WEBHOOK_EVENT_TYPES,
  handle: (tx, event) => fanOut(tx, [event]),
  handleBatch: fanOut,
};
