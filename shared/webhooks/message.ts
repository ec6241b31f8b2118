import { randomBytes } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { WEBHOOK_EVENT_WIRE_NAMES, type EventPayloads, type WebhookEventType } from '../events/event-types';

/** The outbox event as a delivery sends it (AUD-2): its payload is the event map's. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  id: string;
  type: T;
  tenantId: string;
  resourceType: string;
  resourceId: string;
  data: EventPayloads[T];
  occurredAt: Date;
}

/** The Standard Webhooks `data` of a type: its payload (with `v`) and the identifying fields. */
export type WebhookData<T extends WebhookEventType> = EventPayloads[T] & { tenantId: string; resourceType: string; resourceId: string };

/** The JSON body a partner's endpoint receives (API.md). */
export interface WebhookBody<T extends WebhookEventType = WebhookEventType> {
  type: (typeof WEBHOOK_EVENT_WIRE_NAMES)[T];
  /** Business time of the change. */
  timestamp: string;
  data: WebhookData<T>;
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
export function webhookBody<T extends WebhookEventType>(event: WebhookEvent<T>): string {
  const body: WebhookBody<T> = {
    type: WEBHOOK_EVENT_WIRE_NAMES[event.type],
    timestamp: event.occurredAt.toISOString(),
    // The identifying fields come last so that no event data can overwrite them.
    data: { ...event.data, tenantId: event.tenantId, resourceType: event.resourceType, resourceId: event.resourceId },
  };
  return JSON.stringify(body);
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
