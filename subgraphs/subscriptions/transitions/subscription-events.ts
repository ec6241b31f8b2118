import type { DomainEvent } from '../../../shared/events/event-log';
import type { WebhookEventType } from '../../../shared/events/event-types';
import type { Subscription } from '../entities/subscription.entity';

/** What a subscription event tells a partner's webhook about the subscription after the change (AUD-2). */
export function subscriptionState(subscription: Subscription): Record<string, unknown> {
  return {
    status: subscription.status,
    quantity: subscription.quantity,
    offerId: subscription.offerId,
    customerId: subscription.customerId,
    autoRenew: subscription.autoRenew,
    termStart: subscription.termStart.toISOString(),
    termEnd: subscription.termEnd.toISOString(),
  };
}

/**
 * A change of a subscription as a domain event: an audit row (AUD-1) with `details` plus the
 * state after the change, and with a `type` the webhook event (AUD-2), both in the owning
 * partner's tenant. The audit operation defaults to the unit's (the mutation's name).
 */
export function subscriptionEvent(type: WebhookEventType | undefined, subscription: Subscription, details: Record<string, unknown> = {}, operation?: string): DomainEvent {
  return {
    type,
    operation,
    tenantId: subscription.partnerId,
    resourceType: 'Subscription',
    resourceId: subscription.id,
    data: { ...subscriptionState(subscription), ...details },
  };
}
