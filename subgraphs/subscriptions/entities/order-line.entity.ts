import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Order } from './order.entity';
import { Subscription } from './subscription.entity';

/** ORD-5: provisioning status of one order line. */
export enum OrderLineStatus {
  PENDING = 'PENDING',
  PROVISIONED = 'PROVISIONED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderLineStatus, {
  name: 'OrderLineStatus',
  description: 'ORD-5: provisioning state of an order line',
  valuesConfig: {
    PENDING: { description: 'Being provisioned' },
    PROVISIONED: { description: 'Provisioned: the subscription or software exists' },
    FAILED: { description: 'Provisioning failed' },
    CANCELLED: { description: 'Cancelled (SW-5: perpetual software cancelled within 30 days)' },
  },
});

@ObjectType({ description: 'ORD-5: one product of an order' })
@Entity({ tableName: 'order_line' })
@Index({ properties: ['orderId', 'position'] })
export class OrderLine {
  [OptionalProps]?: 'termDuration' | 'billingFrequency' | 'resellerPartnerId' | 'subscriptionId' | 'setupUrl';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The order of the line (an ORM relation, held as its id). */
  @ManyToOne(() => Order, { mapToPk: true, fieldName: 'order_id' })
  orderId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  offerId!: string;

  @Field(() => Int, { description: 'Licences or units bought' })
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => String, { nullable: true, description: 'Term as an ISO 8601 duration; null for perpetual software (SW-1)' })
  @Property({ type: 'text', nullable: true })
  termDuration?: string;

  @Field(() => String, { nullable: true, description: 'Billing frequency; null for perpetual software (SW-1)' })
  @Property({ type: 'text', nullable: true })
  billingFrequency?: string;

  @Field(() => String, { nullable: true, description: 'Reseller of record (PartnerID)' })
  @Property({ type: 'text', nullable: true })
  resellerPartnerId?: string;

  @Field(() => OrderLineStatus, { description: 'Provisioning state' })
  @Property({ type: 'text' })
  status!: OrderLineStatus;

  /** The subscription the line provisioned (an ORM relation, held as its id). */
  @ManyToOne(() => Subscription, { mapToPk: true, fieldName: 'subscription_id', nullable: true })
  subscriptionId?: string;

  /** ORD-6: the publisher's setup link of a marketplace SaaS offer. */
  @Field(() => String, { nullable: true, description: "ORD-6: the publisher's setup link (marketplace SaaS)" })
  @Property({ type: 'text', nullable: true })
  setupUrl?: string;
}
