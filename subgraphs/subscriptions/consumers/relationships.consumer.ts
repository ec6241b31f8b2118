import type { EventConsumer } from '../../../shared/events/consumers';
import type { OutboxEvent } from '../../../shared/platform/entities/outbox-event.entity';
import type { SubscriptionsLoaders } from '../context';
import { lockCustomer } from '../customer-lock';

const ACTIVE_AFTER: Record<string, boolean> = { RELATIONSHIP_ACCEPTED: true, RELATIONSHIP_REMOVED: false };

/** The partner tenant and customer an event of the customers subgraph names (tenant = partner). */
function relationshipOf(event: OutboxEvent): { partnerId: string; customerId: string } {
  const data = event.data as { partnerId?: unknown; customerId?: unknown };
  const partnerId = typeof data.partnerId === 'string' ? data.partnerId : event.tenantId;
  const customerId = typeof data.customerId === 'string' ? data.customerId : event.resourceId;
  return { partnerId, customerId };
}

/**
 * REL-1/REL-7: keeps subscriptions.relationship_fact in step with the customers subgraph. It
 * takes checkout's per-customer lock, so an order being placed for the customer either commits
 * before the removal is applied or sees it. Applying an event again writes the same row, and an
 * event older than the row's last change (a retried failure) does not undo a newer one.
 */
export const relationshipsConsumer: EventConsumer<SubscriptionsLoaders> = {
  name: 'subscriptions.relationships',
  types: ['RELATIONSHIP_ACCEPTED', 'RELATIONSHIP_REMOVED'],
  async handle(tx, event) {
    const { partnerId, customerId } = relationshipOf(event);
    await lockCustomer(tx.em, customerId);
    await tx.em.execute(
      `insert into subscriptions.relationship_fact as f (partner_id, customer_id, active, changed_at) values (?, ?, ?, ?)
       on conflict (partner_id, customer_id) do update set active = excluded.active, changed_at = excluded.changed_at
        where f.changed_at <= excluded.changed_at`,
      [partnerId, customerId, ACTIVE_AFTER[event.type], new Date(event.occurredAt).toISOString()],
      'run',
    );
  },
};
