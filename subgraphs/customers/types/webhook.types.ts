import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../shared/events/event-types';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import type { DeliveryStatus } from '../../../shared/platform/entities/webhook-delivery.entity';

/** API.md values, from the one list of webhook event types (shared/events/event-types.ts). */
export const WebhookEventTypeEnum = Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, type])) as { [K in WebhookEventType]: K };
registerEnumType(WebhookEventTypeEnum, {
  name: 'WebhookEventType',
  description: 'AUD-2: domain events a webhook can receive',
  valuesConfig: {
    EA_MIGRATION: { description: 'An EA subscription was renewed to CSP (EA-8)' },
    INVOICE_READY: { description: 'A monthly invoice closed (BIL-3)' },
    RELATIONSHIP_ACCEPTED: { description: 'A customer accepted a relationship request (REL-2)' },
    SUBSCRIPTION_CANCELLED: { description: 'A subscription was cancelled' },
    SUBSCRIPTION_CREATED: { description: 'A subscription was created' },
    SUBSCRIPTION_RENEWED: { description: 'A subscription renewed (SUB-7)' },
    SUBSCRIPTION_UPDATED: { description: 'A subscription changed (quantity, state, SKU, ...)' },
    TRANSFER_COMPLETED: { description: 'Transferred subscriptions were moved (XFR-2)' },
    TRANSFER_REQUESTED: { description: 'Another partner asked for a transfer (XFR-1)' },
  },
});

export const WebhookDeliveryStatusEnum = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const satisfies Record<DeliveryStatus, DeliveryStatus>;
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'AUD-2: state of one webhook delivery (FAILED once every attempt has failed)',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet; will be retried' },
    DELIVERED: { description: 'The receiver answered with a 2xx status' },
    FAILED: { description: 'Gave up after the last retry' },
  },
});

/** AUD-2: one event for one webhook, as the partner sees it. */
@ObjectType('WebhookDelivery', { description: 'AUD-2: one delivery of an event to a webhook' })
export class WebhookDeliveryNode {
  @Field(() => ID, { description: 'Unique id' }) id!: string;
  @Field(() => ID, { description: 'The `webhook-id` header of every attempt' }) eventId!: string;
  @Field(() => WebhookEventTypeEnum, { description: 'Type of the event' }) eventType!: WebhookEventType;
  @Field(() => WebhookDeliveryStatusEnum, { description: 'State of the delivery' }) status!: DeliveryStatus;
  @Field(() => Int, { description: 'Attempts so far' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when it got no answer' }) lastResponseStatus!: number | null;
  @Field(() => Date, { nullable: true, description: 'Business time of the next attempt while PENDING' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the receiver accepted it (UTC)' }) deliveredAt!: Date | null;
  @Field({ description: 'When it was created (UTC)' }) createdAt!: Date;
}

export const WebhookDeliveryConnection = ConnectionType('WebhookDelivery', WebhookDeliveryNode);

/** AUD-2: a partner's endpoint. The signing secret is never readable after creation. */
@ObjectType('Webhook', { description: 'AUD-2: an HTTPS endpoint that receives signed events' })
export class WebhookNode {
  @Field(() => ID, { description: 'Unique id' }) id!: string;
  @Field({ description: 'HTTPS address events are posted to' }) url!: string;
  @Field(() => [WebhookEventTypeEnum], { description: 'Event types it receives' }) events!: WebhookEventType[];
  @Field({ description: 'When it was created (UTC)' }) createdAt!: Date;
}

export const WebhookConnection = ConnectionType('Webhook', WebhookNode);

@InputType({ description: 'Input of `createWebhook`' })
export class CreateWebhookInput {
  @Field({ description: 'https URL on the public internet (http and loopback outside production)' }) url!: string;
  @Field(() => [WebhookEventTypeEnum], { description: 'Event types to receive' }) events!: WebhookEventType[];
}

@ObjectType({ description: 'Result of `createWebhook`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CreateWebhookPayload {
  @Field(() => WebhookNode, { nullable: true, description: 'The webhook after the change; null when the change was refused' }) webhook?: WebhookNode;
  @Field(() => String, { nullable: true, description: 'Standard Webhooks secret (`whsec_…`), shown once' }) signingSecret?: string;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `deleteWebhook`' })
export class DeleteWebhookInput {
  @Field(() => ID, { description: 'Id of the webhook' }) webhookId!: string;
}

@ObjectType({ description: 'Result of `deleteWebhook`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class DeleteWebhookPayload {
  @Field(() => Boolean, { nullable: true, description: 'True when the webhook was removed' }) deleted?: boolean;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}
