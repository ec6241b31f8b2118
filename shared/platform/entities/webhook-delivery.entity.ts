import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/**
 * AUD-2: one event for one webhook. Retried with growing delays on the business clock until
 * delivered or out of attempts; `eventId` is the `webhook-id` on every attempt.
 */
@Entity({ tableName: 'webhook_delivery', schema: 'platform' })
@Unique({ properties: ['webhookId', 'eventId'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class WebhookDelivery {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  webhookId!: string;

  @Property({ type: 'text' })
  tenantId!: string;

  /** The event's public id (the `webhook-id`). */
  @Property({ type: 'text' })
  eventId!: string;

  /** Where the event is read from: its source's stream, at this position (shared/events/). */
  @Property({ type: 'text' })
  eventSource!: string;

  @Property({ type: 'bigint' })
  eventPosition!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'text' })
  status!: DeliveryStatus;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;

  /** Wall-clock lease of the worker sending it now (no two workers send it at once). */
  @Property({ type: 'timestamptz', nullable: true })
  leasedUntil?: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastResponseStatus?: number | null;

  /** At most 1 KB of the receiver's last answer, or the error. */
  @Property({ type: 'text', nullable: true })
  lastResponseBody?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
