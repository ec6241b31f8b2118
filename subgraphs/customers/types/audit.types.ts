import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';

/** AUD-1: one audit record of the caller's tenant. */
@ObjectType({ description: 'AUD-1: one successful change, recorded in the same transaction' })
export class AuditRecord {
  @Field(() => ID, { description: 'Unique id' }) id!: string;
  @Field({ description: 'The mutation, e.g. updateSubscriptionQuantity' }) operation!: string;
  @Field({ description: 'Kind of the changed resource, e.g. Subscription' }) resourceType!: string;
  @Field({ description: 'Id of the changed resource' }) resourceId!: string;
  @Field({ description: 'The user who made the change' }) userId!: string;
  @Field({ description: 'When the change was made (UTC)' }) at!: Date;
  @Field({ description: 'SUCCESS or FAILURE' }) outcome!: string;
}

export const AuditRecordConnection = ConnectionType('AuditRecord', AuditRecord);
