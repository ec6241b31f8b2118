import { Entity, Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { visibleInvitations } from '../services/visibility';
import { Field, ID, ObjectType } from 'type-graphql';

export type ResellerInvitationStatus = 'PENDING' | 'ACCEPTED';

/** RES-1: an indirect provider's invitation to a reseller, sent as a link by email. */
@ObjectType({ description: 'RES-1: an invitation to an indirect reseller' })
// ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleInvitations(args.identity), default: true })
@Entity({ tableName: 'reseller_invitation' })
@Index({ properties: ['providerId', 'id'] })
export class ResellerInvitation {
  [OptionalProps]?: 'status' | 'resellerPartnerId' | 'resellerId' | 'acceptedAt';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Field({ description: 'Email address of the invited reseller' })
  @Property({ type: 'text' })
  resellerEmail!: string;

  /** RES-2: the PartnerID named by the provider, verified when the invitation was made. */
  @Field({ nullable: true, description: 'PartnerID named by the provider' })
  @Property({ type: 'text', nullable: true })
  resellerPartnerId?: string;

  /** The reseller tenant that accepted it. */
  @Property({ type: 'text', nullable: true })
  resellerId?: string;

  @Field(() => String, { description: 'State of the invitation' })
  @Property({ type: 'text' })
  status: ResellerInvitationStatus = 'PENDING';

  @Field({ description: 'When it was created (UTC)' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ nullable: true, description: 'When it was accepted (UTC); null while not accepted' })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date;
}
