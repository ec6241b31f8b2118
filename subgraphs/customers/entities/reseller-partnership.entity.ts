import { Entity, Filter, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { visiblePartnerships } from '../services/visibility';
import { Field, ID, ObjectType } from 'type-graphql';

export type ResellerPartnershipStatus = 'ACTIVE' | 'REMOVED';

/**
 * RES-1/RES-5: an indirect provider ↔ indirect reseller partnership. Removal keeps the row
 * (history, and the attestation of RES-5) and touches no customer relationship.
 */
@ObjectType({ description: 'RES-1: an indirect provider ↔ indirect reseller partnership' })
// ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visiblePartnerships(args.identity), default: true })
@Entity({ tableName: 'reseller_partnership' })
export class ResellerPartnership {
  [OptionalProps]?: 'status' | 'invitationId' | 'removedAt' | 'removedBy';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  resellerId!: string;

  @Property({ type: 'text', nullable: true })
  invitationId?: string;

  @Field(() => String, { description: 'State of the partnership' })
  @Property({ type: 'text' })
  status: ResellerPartnershipStatus = 'ACTIVE';

  @Field({ description: 'When it was created (UTC)' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  removedAt?: Date;

  /** RES-5: the user who attested good faith when removing it. */
  @Property({ type: 'text', nullable: true })
  removedBy?: string;
}
