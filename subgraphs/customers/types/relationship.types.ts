import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { Customer } from '../entities/customer.entity';
import { RelationshipRequest } from '../entities/relationship-request.entity';

@InputType()
export class CreateRelationshipRequestInput {
  @Field(() => ID, { nullable: true, description: 'RES-3: indirect providers may name a partnered reseller' }) indirectResellerId?: string;
}

@ObjectType()
export class CreateRelationshipRequestPayload {
  @Field(() => RelationshipRequest, { nullable: true }) request?: RelationshipRequest;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class AcceptRelationshipRequestInput {
  @Field(() => ID) requestId!: string;
}

@ObjectType()
export class AcceptRelationshipRequestPayload {
  @Field(() => Customer, { nullable: true }) customer?: Customer;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class RemoveCustomerRelationshipInput {
  @Field(() => ID) customerId!: string;
}

@ObjectType()
export class RemoveCustomerRelationshipPayload {
  @Field(() => Customer, { nullable: true }) customer?: Customer;
  @Field(() => [UserError]) errors!: UserError[];
}

export const RelationshipRequestConnection = ConnectionType('RelationshipRequest', RelationshipRequest);
