import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { OWNED_FILTER, TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { ownedOrders, visibleOrders } from '../tenant-scope';

/** ORD-5: an order keeps its history: lines, per-line status, creation time, who placed it. */
@ObjectType({ description: 'ORD-5: a placed order and its lines' })
// ACT-1, ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleOrders(args.identity), default: true })
// ACT-2: a change reads within what the caller may change (`ownedOnly()`): only the partner that placed it.
@Filter({ name: OWNED_FILTER, cond: (args: TenantFilterArgs) => ownedOrders(args.identity), default: false })
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
