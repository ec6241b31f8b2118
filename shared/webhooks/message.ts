import { randomBytes } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { WEBHOOK_EVENT_WIRE_NAMES, type WebhookEventType } from '../events/event-types';

/** The outbox event as a delivery sends it (AUD-2). */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  tenantId: string;
  resourceType: string;
  resourceId: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface SignedMessage {
  body: string;
  headers: Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;
}

/** A Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The JSON body of API.md: the wire type, the business time of the change, and its data. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({
    type: WEBHOOK_EVENT_WIRE_NAMES[event.type],
    timestamp: event.occurredAt.toISOString(),
    // The identifying fields come last so that no event data can overwrite them.
    data: { ...event.data, tenantId: event.tenantId, resourceType: event.resourceType, resourceId: event.resourceId },
  });
}

/**
 * Signs one attempt with the `standardwebhooks` library. `webhook-id` is the event id, the same
 * on every retry, so receivers de-duplicate by it. `sentAt` is wall-clock time on purpose:
 * receivers check it against their own clock (five minutes' tolerance) to refuse replays,
 * which a sandbox business clock years ahead would fail.
 */
export function signMessage(event: WebhookEvent, secret: string, sentAt: Date): SignedMessage {
  const body = webhookBody(event);
  return {
    body,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new StandardWebhook(secret).sign(event.id, sentAt, body),
    },
  };
}
