import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import type { BatchKind } from '../transitions/model';
import { Subscription } from './subscription.entity';

export type { BatchKind };

/**
 * SUB-2: each addition of licenses (purchase, renewal, mid-term increase) is its own batch
 * with its own 168-hour reduction deadline; reductions consume only batches still open.
 */
@ObjectType({ description: 'SUB-2: one addition of licenses with its own 168-hour reduction window' })
@Entity({ tableName: 'license_batch' })
@Index({ properties: ['subscriptionId', 'reducibleUntil'] })
export class LicenseBatch {
  [OptionalProps]?: 'removed';

  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The subscription the licenses were added to (an ORM relation, held as its id). */
  @ManyToOne(() => Subscription, { mapToPk: true, fieldName: 'subscription_id' })
  subscriptionId!: string;

  @Field(() => String, { description: 'PURCHASE, RENEWAL, INCREASE, UPGRADE, TRANSFER or CONVERSION' })
  @Property({ type: 'text' })
  kind!: BatchKind;

  /** Licenses added by this batch. */
  @Field(() => Int, { description: 'Licenses added by this batch' })
  @Property({ type: 'integer' })
  quantity!: number;

  /** Licenses of this batch removed since (never more than quantity). */
  @Field(() => Int, { description: 'Licenses of this batch removed since' })
  @Property({ type: 'integer' })
  removed: number = 0;

  @Field({ description: 'When these licences were added (UTC); the 168-hour reduction window runs from here (SUB-2)' })
  @Property({ type: 'timestamptz' })
  addedAt!: Date;

  @Field({ description: 'End of the 168-hour window in which these licenses may be removed' })
  @Property({ type: 'timestamptz' })
  reducibleUntil!: Date;
}
