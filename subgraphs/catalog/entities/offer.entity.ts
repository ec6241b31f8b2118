import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { BillingFrequency, Segment } from '../../../shared/graphql/enums';
import { BillingType, OfferCategory, OfferLifecycle, PublisherType } from '../types/catalog.enums';

/** A SKU offered in the catalog (CAT-1). */
@Directive('@key(fields: "id")')
@ObjectType()
@Entity({ tableName: 'offer' })
export class Offer {
  [OptionalProps]?: 'prerequisites' | 'onePerCustomer' | 'maxQuantity' | 'minQuantity' | 'isvPublisher' | 'trialOfferId';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field()
  @Property({ type: 'text', unique: true })
  provisioningId!: string;

  @Field()
  @Property({ type: 'text' })
  productFamily!: string;

  @Field(() => PublisherType)
  @Property({ type: 'text' })
  publisher!: PublisherType;

  @Field(() => String, { nullable: true, description: 'Publisher name for ISV offers' })
  @Property({ type: 'text', nullable: true })
  isvPublisher?: string;

  @Field(() => BillingType)
  @Property({ type: 'text' })
  billingType!: BillingType;

  @Field(() => OfferCategory)
  @Property({ type: 'text' })
  category!: OfferCategory;

  @Field(() => [Segment])
  @Property({ type: ArrayType, columnType: 'text[]' })
  segments!: Segment[];

  @Field(() => OfferLifecycle)
  @Property({ type: 'text' })
  lifecycle!: OfferLifecycle;

  @Field(() => [String], { description: 'ISO 8601 durations: P1M, P1Y, P3Y' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  termDurations!: string[];

  @Field(() => [BillingFrequency])
  @Property({ type: ArrayType, columnType: 'text[]' })
  billingFrequencies!: BillingFrequency[];

  @Field(() => Int)
  @Property({ type: 'integer' })
  minQuantity: number = 1;

  @Field(() => Int)
  @Property({ type: 'integer' })
  maxQuantity: number = 10000;

  @Field()
  @Property({ type: 'boolean' })
  onePerCustomer: boolean = false;

  @Field(() => [String], { description: 'Provisioning ids of prerequisite base SKUs (CAT-7)' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  prerequisites: string[] = [];

  /** Markets (ISO countries) where the SKU is sold (CAT-1, CAT-8). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  markets!: string[];

  @Property({ type: 'text', nullable: true })
  trialOfferId?: string;
}
