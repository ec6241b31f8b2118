import { Entity, Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { visibleRelationshipRequests } from '../services/visibility';

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
registerEnumType(RelationshipRequestStatus, {
  name: 'RelationshipRequestStatus',
  description: 'REL-2: state of a relationship request',
  valuesConfig: {
    PENDING: { description: 'Waiting for the customer admin' },
    ACCEPTED: { description: 'Accepted: the partner may transact' },
    REVOKED: { description: 'Revoked: accepting it is refused (RELATIONSHIP_REQUEST_INVALID)' },
  },
});

/** A partner's relationship request (REL-2), optionally naming an indirect reseller. */
@ObjectType({ description: 'REL-2: a relationship request; its url is what the partner sends to the customer' })
// ACT-2, REL-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleRelationshipRequests(args.identity), default: true })
@Entity({ tableName: 'relationship_request' })
@Index({ properties: ['partnerId', 'id'] })
export class RelationshipRequest {
  [OptionalProps]?: 'status' | 'indirectResellerId' | 'customerId' | 'acceptedAt';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  partnerId!: string;

  @Field(() => ID, { nullable: true, description: 'Indirect reseller named by an indirect provider; null otherwise' })
  @Property({ type: 'text', nullable: true })
  indirectResellerId?: string;

  @Field(() => RelationshipRequestStatus, { description: 'State of the request' })
  @Property({ type: 'text' })
  status: RelationshipRequestStatus = RelationshipRequestStatus.PENDING;

  /** The customer that accepted it. */
  @Field(() => ID, { nullable: true, description: 'Id of the customer asked' })
  @Property({ type: 'text', nullable: true })
  customerId?: string;

  @Field({ description: 'When it was created (UTC)' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ nullable: true, description: 'When it was accepted (UTC); null while not accepted' })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date;
}
