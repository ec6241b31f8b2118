import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';

/** AUD-1: one audit record of the caller's tenant. */
@ObjectType()
export class AuditRecord {
  @Field(() => ID) id!: string;
  @Field() operation!: string;
  @Field() resourceType!: string;
  @Field() resourceId!: string;
  @Field() userId!: string;
  @Field() at!: Date;
  @Field({ description: 'SUCCESS or FAILURE' }) outcome!: string;
}

export const AuditRecordConnection = ConnectionType('AuditRecord', AuditRecord);
