import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { Customer } from '../entities/customer.entity';
import { RelationshipRequest } from '../entities/relationship-request.entity';

@InputType({ description: 'Input of `createRelationshipRequest` (REL-2)' })
export class CreateRelationshipRequestInput {
  @Field(() => ID, { nullable: true, description: 'RES-3: indirect providers may name a partnered reseller' }) indirectResellerId?: string;
}

@ObjectType({ description: 'Result of `createRelationshipRequest`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CreateRelationshipRequestPayload {
  @Field(() => RelationshipRequest, { nullable: true, description: 'The request after the change; null when the change was refused' }) request?: RelationshipRequest;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `acceptRelationshipRequest`' })
export class AcceptRelationshipRequestInput {
  @Field(() => ID, { description: 'Id of the relationship request (the last part of its link)' }) requestId!: string;
}

@ObjectType({ description: 'Result of `acceptRelationshipRequest`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class AcceptRelationshipRequestPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer after the change; null when the change was refused' }) customer?: Customer;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `removeCustomerRelationship`' })
export class RemoveCustomerRelationshipInput {
  @Field(() => ID, { description: 'Id of the customer' }) customerId!: string;
}

@ObjectType({ description: 'Result of `removeCustomerRelationship`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class RemoveCustomerRelationshipPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer after the change; null when the change was refused' }) customer?: Customer;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

export const RelationshipRequestConnection = ConnectionType('RelationshipRequest', RelationshipRequest);
