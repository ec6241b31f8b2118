import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { Subscription } from './subscription.entity';

/**
 * SCH-1: the change a partner saved for a subscription's next renewal (at most one; saving
 * again replaces it). On a trial it is the scheduled conversion (TRI-3). The renewal applies
 * and deletes it; SCH-2 deletes it earlier. The SKU's price is read when it is applied.
 */
@ObjectType('ScheduledChange', { description: 'SCH-1: what changes at the next renewal; unset fields stay as they are' })
@Entity({ tableName: 'scheduled_change' })
export class ScheduledChange {
  [OptionalProps]?: 'offerId' | 'quantity' | 'termDuration' | 'billingFrequency' | 'customTermEnd' | 'coterminousWithSubscriptionId';

  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The subscription it applies to (an ORM relation, held as its id); one change per subscription. */
  @ManyToOne(() => Subscription, { mapToPk: true, fieldName: 'subscription_id', unique: true })
  subscriptionId!: string;

  /** The SKU the renewal upgrades to (SCH-1, UPG-2), or for a trial the SKU it converts to (TRI-3). */
  @Property({ type: 'text', nullable: true })
  offerId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Licenses of the next term (a trial may convert with fewer than 25, TRI-3)' })
  @Property({ type: 'integer', nullable: true })
  quantity?: number | null;

  @Field(() => String, { nullable: true, description: 'P1M, P1Y or P3Y' })
  @Property({ type: 'text', nullable: true })
  termDuration?: string | null;

  @Field(() => BillingFrequency, { nullable: true, description: 'Billing frequency from the renewal on' })
  @Property({ type: 'text', nullable: true })
  billingFrequency?: BillingFrequency | null;

  @Field(() => Date, { nullable: true, description: 'UPG-6: the coterminous end date of the next term' })
  @Property({ type: 'timestamptz', nullable: true })
  customTermEnd?: Date | null;

  /** The subscription `customTermEnd` was aligned with. */
  @Property({ type: 'text', nullable: true })
  coterminousWithSubscriptionId?: string | null;

  @Property({ type: 'timestamptz' })
  savedAt!: Date;
}
