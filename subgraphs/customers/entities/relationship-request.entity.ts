import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/**
 * REL-2: PENDING until a customer's admin accepts; ACCEPTED binds it to that customer (the
 * link cannot be reused by another customer); REVOKED when the relationship it created is
 * removed (REL-7), so the old link cannot silently re-establish it.
 */
export enum RelationshipRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
}
registerEnumType(RelationshipRequestStatus, { name: 'RelationshipRequestStatus' });

/** A partner's relationship request (REL-2), optionally naming an indirect reseller. */
@ObjectType({ description: 'REL-2: a relationship request; its url is what the partner sends to the customer' })
@Entity({ tableName: 'relationship_request' })
@Index({ properties: ['partnerId', 'id'] })
export class RelationshipRequest {
  [OptionalProps]?: 'status' | 'indirectResellerId' | 'customerId' | 'acceptedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  partnerId!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  indirectResellerId?: string;

  @Field(() => RelationshipRequestStatus)
  @Property({ type: 'text' })
  status: RelationshipRequestStatus = RelationshipRequestStatus.PENDING;

  /** The customer that accepted it. */
  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  customerId?: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date;
}
