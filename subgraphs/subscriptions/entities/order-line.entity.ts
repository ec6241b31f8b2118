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
registerEnumType(OrderLineStatus, { name: 'OrderLineStatus' });

@ObjectType()
@Entity({ tableName: 'order_line' })
@Index({ properties: ['orderId', 'position'] })
export class OrderLine {
  [OptionalProps]?: 'termDuration' | 'billingFrequency' | 'resellerPartnerId' | 'subscriptionId' | 'setupUrl';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The order of the line (an ORM relation, held as its id). */
  @ManyToOne(() => Order, { mapToPk: true, fieldName: 'order_id' })
  orderId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  offerId!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  termDuration?: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  billingFrequency?: string;

  @Field(() => String, { nullable: true, description: 'Reseller of record (PartnerID)' })
  @Property({ type: 'text', nullable: true })
  resellerPartnerId?: string;

  @Field(() => OrderLineStatus)
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
