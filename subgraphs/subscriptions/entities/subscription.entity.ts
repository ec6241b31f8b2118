import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Internal } from '../../../shared/graphql/federation';
import { BillingFrequency, SubscriptionStatus } from '../../../shared/graphql/enums';
import { Order } from './order.entity';
import { OWNED_FILTER, TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { ownedSubscriptions, visibleSubscriptions } from '../tenant-scope';

/** A customer's subscription held by one partner (SUB-1). */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'SUB-1: licences of one offer for one customer, for a term' })
// ACT-1, ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleSubscriptions(args.identity), default: true })
// ACT-2, SUB-1: a change reads within what the caller may change (`ownedOnly()`): only the holding partner.
@Filter({ name: OWNED_FILTER, cond: (args: TenantFilterArgs) => ownedSubscriptions(args.identity), default: false })
@Entity({ tableName: 'subscription' })
@Index({ properties: ['customerId', 'partnerId'] })
export class Subscription {
  [OptionalProps]?: 'version' | 'autoRenew' | 'isTrial' | 'updateCount' | 'friendlyName' | 'resellerPartnerId' | 'resellerTenantId' | 'supportContactId' | 'promotionId' | 'baseSubscriptionId' | 'currency' | 'unitPrice' | 'listUnitPrice' | 'orderId' | 'cancelledAt' | 'expiredAt' | 'graceUntil' | 'endedAt' | 'windowOpenedAt' | 'nextChargeAt';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The partner tenant that owns it (ACT-2). */
  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  customerId!: string;

  @Property({ type: 'text' })
  offerId!: string;

  @Field(() => Int, { description: 'Number of licences' })
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => SubscriptionStatus, { description: 'State (SUB-1)' })
  @Property({ type: 'text' })
  status!: SubscriptionStatus;

  @Field({ description: 'SUB-7: renews at the end of the term' })
  @Property({ type: 'boolean' })
  autoRenew: boolean = true;

  @Field({ description: 'A trial (TRI-1)' })
  @Property({ type: 'boolean' })
  isTrial: boolean = false;

  @Field({ description: 'First moment of the current term (UTC)' })
  @Property({ type: 'timestamptz' })
  termStart!: Date;

  @Field({ description: 'Last day of the current term (included, UTC)' })
  @Property({ type: 'timestamptz' })
  termEnd!: Date;

  @Field({ description: 'P1M, P1Y or P3Y' })
  @Property({ type: 'text' })
  termDuration!: string;

  @Field(() => BillingFrequency, { description: 'How often it is billed' })
  @Property({ type: 'text' })
  billingFrequency!: BillingFrequency;

  @Field(() => String, { nullable: true, description: 'Name the partner gave it' })
  @Property({ type: 'text', nullable: true })
  friendlyName?: string;

  @Field(() => String, { nullable: true, description: 'BIL-5: the promotion granted to the current term (at purchase or renewal), if any' })
  @Property({ type: 'text', nullable: true })
  promotionId?: string;

  @Field(() => String, { nullable: true, description: 'Reseller of record (PartnerID)' })
  @Property({ type: 'text', nullable: true })
  resellerPartnerId?: string;

  /** Tenant id of the reseller of record, for its read-only view (ACT-1). */
  @Property({ type: 'text', nullable: true })
  resellerTenantId?: string;

  @Field(() => String, { nullable: true, description: 'RES-3: PartnerID of the reseller named as support contact' })
  @Property({ type: 'text', nullable: true })
  supportContactId?: string;

  /** SUB-9: the base subscription of an add-on (an ORM relation, held as its id); the transfers subgraph asks it (XFR-3). */
  @Internal()
  @Field(() => ID, { nullable: true, description: 'SUB-9: the base subscription of an add-on' })
  @ManyToOne(() => Subscription, { mapToPk: true, fieldName: 'base_subscription_id', nullable: true })
  baseSubscriptionId?: string;

  /** Currency and monthly unit price from the catalog price of the customer's market (SUB-3). */
  @Property({ type: 'text', nullable: true })
  currency?: string;

  @Property({ type: 'decimal', columnType: 'numeric(14,4)', nullable: true })
  unitPrice?: string;

  /** BIL-5: the monthly list price when a promotion discounts `unitPrice` for this term; null without one. */
  @Property({ type: 'decimal', columnType: 'numeric(14,4)', nullable: true })
  listUnitPrice?: string;

  /** ORD-5: the order that placed it (an ORM relation, held as its id). */
  @ManyToOne(() => Order, { mapToPk: true, fieldName: 'order_id', nullable: true })
  orderId?: string;

  /** SUB-4: updates so far. */
  @Property({ type: 'integer' })
  updateCount: number = 0;

  /** SUB-11: optimistic concurrency. */
  @Field(() => Int, { description: 'SUB-11: pass it as `expectedVersion` to update only what you read' })
  @Property({ version: true, type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * SUB-5/SUB-7/EA-8: when the current term was put in place (purchase, or completion of its
   * renewal or of EA processing); the 168-hour cancellation window counts from it.
   */
  @Property({ type: 'timestamptz', nullable: true })
  windowOpenedAt?: Date;

  /** SUB-5: when it was cancelled (CANCELLED is terminal). */
  @Field(() => Date, { nullable: true, description: 'When it was cancelled (UTC)' })
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt?: Date;

  /** SUB-7: when it became EXPIRED. */
  @Field(() => Date, { nullable: true, description: 'When it expired (UTC)' })
  @Property({ type: 'timestamptz', nullable: true })
  expiredAt?: Date;

  /** SUB-7: end of the 30-day grace period of an EXPIRED subscription. */
  @Field(() => Date, { nullable: true, description: 'SUB-7: end of the 30-day grace period while EXPIRED' })
  @Property({ type: 'timestamptz', nullable: true })
  graceUntil?: Date;

  /** SUB-6/SUB-7: when it ended for good and its data was deleted. */
  @Field(() => Date, { nullable: true, description: 'SUB-6/SUB-7: when the subscription ended and its data was deleted' })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date;

  /** BIL-1: start of the next billing period not billed yet (due work bills it); null when the term is billed. */
  @Property({ type: 'timestamptz', nullable: true })
  nextChargeAt?: Date;
}
