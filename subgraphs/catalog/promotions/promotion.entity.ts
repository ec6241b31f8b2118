import { ArrayType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BillingFrequency, PromotionTarget, Segment } from '../../../shared/graphql/enums';

/** BIL-5: a percentage off an offer's price for qualifying purchases, imported by the operator. */
@ObjectType({ description: 'BIL-5: a discount on an offer for qualifying purchases: markets, segment, term, billing, dates and purchase types' })
@Entity({ tableName: 'promotion' })
export class Promotion {
  @Field(() => ID, { description: "The promotion's id, as the operator imported it (Partner Center's promotion id)" })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The offer it discounts (`offer` field). */
  @Property({ type: 'text' })
  offerId!: string;

  @Field(() => [String], { description: 'Markets (ISO 3166-1 alpha-2) where it applies' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  markets!: string[];

  @Field(() => Segment, { description: 'The customer segment it is for' })
  @Property({ type: 'text' })
  segment!: Segment;

  @Field({ description: 'The term it needs (ISO 8601 duration: P1M, P1Y, P3Y)' })
  @Property({ type: 'text' })
  termDuration!: string;

  @Field(() => BillingFrequency, { description: 'The billing frequency it needs' })
  @Property({ type: 'text' })
  billingFrequency!: BillingFrequency;

  /** numeric(5,2) read as a string (the `discountPercent` field gives it as a number). */
  @Property({ type: 'decimal', columnType: 'numeric(5,2)' })
  discountPercent!: string;

  @Field({ description: 'First instant it applies (UTC)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startDate!: Date;

  @Field({ description: 'Last instant it applies (UTC, inclusive)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  endDate!: Date;

  @Field(() => [PromotionTarget], { description: 'The purchases it applies to (never a trial conversion, TRI-3)' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  appliesTo!: PromotionTarget[];

  @Field(() => Int, { nullable: true, description: 'Fewest licences a purchase needs to qualify; null: no minimum' })
  @Property({ type: 'integer', nullable: true })
  minQuantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Most licences a purchase may have to qualify; null: no maximum' })
  @Property({ type: 'integer', nullable: true })
  maxQuantity?: number | null;
}
