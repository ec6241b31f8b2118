import { recordEvent, type RequestContext } from '../../../shared/context';
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
 * Records a change of a subscription: an audit row (AUD-1) with `details` plus the state after
 * the change, and the webhook event `type` (AUD-2), both in the owning partner's tenant.
 */
export function recordSubscriptionEvent(
  tx: RequestContext<unknown>,
  type: WebhookEventType,
  subscription: Subscription,
  details: Record<string, unknown> = {},
  operation?: string,
): void {
  recordEvent(tx, {
    type,
    operation,
    tenantId: subscription.partnerId,
    resourceType: 'Subscription',
    resourceId: subscription.id,
    data: { ...subscriptionState(subscription), ...details },
  });
}
