import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import type { BillingFrequency } from '../../../shared/graphql/enums';
import { Order } from './order.entity';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { ownedCarts } from '../tenant-scope';

export type CartStatus = 'OPEN' | 'CHECKED_OUT';

/** One line of a cart (ORD-1): offer, quantity, term, billing frequency, optional reseller and coterminous subscription. */
export interface CartLineData {
  offerId: string;
  quantity: number;
  /** Absent only for perpetual software, which has no term (SW-1). */
  termDuration?: string;
  billingFrequency?: BillingFrequency;
  resellerPartnerId?: string;
  /** ORD-1: the end date is aligned with this existing subscription of the customer. */
  coterminousWithSubscriptionId?: string;
}

/** ORD-1: a partner's cart for one customer; checked out once into an order. */
@ObjectType({ description: 'ORD-1: lines a partner prepares for one customer before checkout' })
// ACT-1, ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => ownedCarts(args.identity), default: true })
@Entity({ tableName: 'cart' })
@Index({ properties: ['partnerId', 'id'] })
export class Cart {
  [OptionalProps]?: 'status' | 'orderId' | 'version';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The partner tenant that owns it (ACT-2). */
  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  customerId!: string;

  @Field(() => String, { description: 'OPEN or CHECKED_OUT' })
  @Property({ type: 'text' })
  status: CartStatus = 'OPEN';

  @Property({ type: 'json' })
  lines!: CartLineData[];

  /** The order it was checked out into (an ORM relation, held as its id). */
  @ManyToOne(() => Order, { mapToPk: true, fieldName: 'order_id', nullable: true })
  orderId?: string;

  @Field({ description: 'The user who created the cart' })
  @Property({ type: 'text' })
  createdBy!: string;

  @Field({ description: 'When it was created (UTC)' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed (UTC)' })
  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ version: true, type: 'integer' })
  version: number = 1;
}
