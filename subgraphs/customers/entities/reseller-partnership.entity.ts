import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

export type ResellerPartnershipStatus = 'ACTIVE' | 'REMOVED';

/**
 * RES-1/RES-5: an indirect provider ↔ indirect reseller partnership. Removal keeps the row
 * (history, and the attestation of RES-5) and touches no customer relationship.
 */
@ObjectType({ description: 'RES-1: an indirect provider ↔ indirect reseller partnership' })
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
