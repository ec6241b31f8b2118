import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TransferStatus } from '../types/transfer.types';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { visibleTransfers } from '../tenant-scope';

/**
 * XFR-1: a target partner's request to take over a customer's subscriptions from a source
 * partner. Only the two partners see it (ACT-2).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "XFR-1: a partner's request to take over another partner's subscriptions of a customer" })
// ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleTransfers(args.identity), default: true })
@Entity({ tableName: 'transfer_request' })
export class TransferRequest {
  [OptionalProps]?: 'answeredAt' | 'completedAt' | 'failureReason';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  customerId!: string;

  /** Tenant ids of the two partners (ACT-2), and their PartnerIDs as shown. */
  @Property({ type: 'text' })
  sourceTenantId!: string;

  @Field({ description: "The source partner's PartnerID" })
  @Property({ type: 'text' })
  sourcePartnerId!: string;

  @Property({ type: 'text' })
  targetTenantId!: string;

  @Field({ description: "The target partner's PartnerID" })
  @Property({ type: 'text' })
  targetPartnerId!: string;

  @Field({ description: "The customer's notification email" })
  @Property({ type: 'text' })
  customerEmail!: string;

  @Field(() => TransferStatus, { description: 'State of the request' })
  @Property({ type: 'text' })
  status!: TransferStatus;

  @Property({ type: 'text' })
  createdBy!: string;

  @Field({ description: 'When it was created (UTC)' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** XFR-1: an unanswered request expires 30 days after it was made. */
  @Field({ description: 'Unanswered, it expires at this time (30 days)' })
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the source accepted or rejected it, or the target cancelled it' })
  @Property({ type: 'timestamptz', nullable: true })
  answeredAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the subscriptions were moved (UTC)' })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'XFR-2: why the last acceptance moved nothing' })
  @Property({ type: 'text', nullable: true })
  failureReason?: string | null;
}

/** XFR-2: one subscription of an accepted request; the target subscription once it is moved. */
@Entity({ tableName: 'transfer_item' })
export class TransferItem {
  [OptionalProps]?: 'targetSubscriptionId';

  @PrimaryKey({ type: 'text' })
  transferId!: string;

  @PrimaryKey({ type: 'text' })
  sourceSubscriptionId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text', nullable: true })
  targetSubscriptionId?: string | null;
}
