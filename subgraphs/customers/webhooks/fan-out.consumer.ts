import type { EventConsumer } from '../../../shared/events/consumers';
import { WEBHOOK_EVENT_TYPES } from '../../../shared/events/event-types';
import { newId } from '../../../shared/ids';
import { Webhook } from '../../../shared/platform/entities/webhook.entity';
import { WebhookDelivery } from '../../../shared/platform/entities/webhook-delivery.entity';
import type { CustomersLoaders } from '../context';

/**
 * AUD-2: turns one outbox event into one PENDING delivery per live webhook of the event's
 * tenant that subscribed to its type. Runs once per event (the consumer's claim row commits
 * with these inserts), after the change committed, so a mutation never waits for webhooks.
 * A webhook created after the event does not receive it: it asked for what happens from
 * then on. The first attempt is due at once on the business clock.
 */
export const webhookFanOut: EventConsumer<CustomersLoaders> = {
  name: 'webhooks.fan-out',
  types: WEBHOOK_EVENT_TYPES,
  handle: async (tx, event) => {
    const webhooks = await tx.em.find(Webhook, { tenantId: event.tenantId, deletedAt: null, createdAt: { $lte: event.occurredAt } }, { orderBy: { id: 'asc' } });
    const subscribed = webhooks.filter((webhook) => webhook.events.includes(event.type));
    if (!subscribed.length) return;
    const now = await tx.clock.now();
    for (const webhook of subscribed) {
      tx.em.create(WebhookDelivery, {
        id: newId('whd'),
        webhookId: webhook.id,
        tenantId: event.tenantId,
        eventId: event.id,
        eventType: event.type,
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
    await tx.em.flush();
  },
};
