import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../shared/events/event-types';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import type { DeliveryStatus } from '../../../shared/platform/entities/webhook-delivery.entity';

/** API.md values, from the one list of webhook event types (shared/events/event-types.ts). */
export const WebhookEventTypeEnum = Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, type])) as { [K in WebhookEventType]: K };
registerEnumType(WebhookEventTypeEnum, { name: 'WebhookEventType', description: 'AUD-2: domain events a webhook can receive' });

export const WebhookDeliveryStatusEnum = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const satisfies Record<DeliveryStatus, DeliveryStatus>;
registerEnumType(WebhookDeliveryStatusEnum, { name: 'WebhookDeliveryStatus', description: 'FAILED once every attempt has failed' });

/** AUD-2: one event for one webhook, as the partner sees it. */
@ObjectType('WebhookDelivery')
export class WebhookDeliveryNode {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The `webhook-id` header of every attempt' }) eventId!: string;
  @Field(() => WebhookEventTypeEnum) eventType!: WebhookEventType;
  @Field(() => WebhookDeliveryStatusEnum) status!: DeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when it got no answer' }) lastResponseStatus!: number | null;
  @Field(() => Date, { nullable: true, description: 'Business time of the next attempt while PENDING' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field() createdAt!: Date;
}

export const WebhookDeliveryConnection = ConnectionType('WebhookDelivery', WebhookDeliveryNode);

/** AUD-2: a partner's endpoint. The signing secret is never readable after creation. */
@ObjectType('Webhook')
export class WebhookNode {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [WebhookEventTypeEnum]) events!: WebhookEventType[];
  @Field() createdAt!: Date;
}

export const WebhookConnection = ConnectionType('Webhook', WebhookNode);

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'https URL on the public internet (http and loopback outside production)' }) url!: string;
  @Field(() => [WebhookEventTypeEnum]) events!: WebhookEventType[];
}

@ObjectType()
export class CreateWebhookPayload {
  @Field(() => WebhookNode, { nullable: true }) webhook?: WebhookNode;
  @Field(() => String, { nullable: true, description: 'Standard Webhooks secret (`whsec_…`), shown once' }) signingSecret?: string;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class DeleteWebhookInput {
  @Field(() => ID) webhookId!: string;
}

@ObjectType()
export class DeleteWebhookPayload {
  @Field(() => Boolean, { nullable: true }) deleted?: boolean;
  @Field(() => [UserError]) errors!: UserError[];
}
