import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Order } from './order.entity';

/**
 * ORD-7: a client request key, scoped by partner, kept at least 24 hours (created_at from
 * the business clock). The fingerprint tells "same request" from "same key, other cart".
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKey {
  [OptionalProps]?: 'orderId';

  @PrimaryKey({ type: 'text' })
  partnerId!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  fingerprint!: string;

  @Property({ type: 'text' })
  operation!: string;

  /** The order the request placed (an ORM relation, held as its id). */
  @ManyToOne(() => Order, { mapToPk: true, fieldName: 'order_id', nullable: true })
  orderId?: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
