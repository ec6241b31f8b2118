import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** ORD-5: an order keeps its history: lines, per-line status, creation time, who placed it. */
@ObjectType({ description: 'ORD-5: a placed order and its lines' })
@Entity({ tableName: 'customer_order' })
@Index({ properties: ['customerId', 'partnerId', 'id'] })
export class Order {
  [OptionalProps]?: 'cartId' | 'additionalResellers' | 'attestationAccepted';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The partner tenant that placed it (ACT-2). */
  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  customerId!: string;

  @Property({ type: 'text', nullable: true })
  cartId?: string;

  @Field({ description: 'User who placed the order' })
  @Property({ type: 'text' })
  createdBy!: string;

  @Field({ description: 'When it was placed (UTC)' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** ORD-2: the partner attested acting as indirect/direct partner. */
  @Property({ type: 'boolean' })
  attestationAccepted: boolean = false;

  /** ORD-3: additional resellers declared for EU/EFTA customers (PartnerIDs; no incentives). */
  @Field(() => [String], { description: 'ORD-3: additional resellers declared (PartnerIDs)' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  additionalResellers: string[] = [];
}
