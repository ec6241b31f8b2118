import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { TransferRequest } from '../entities/transfer-request.entity';

/**
 * An entity only so that the subscriptions subgraph, which owns subscriptions and who may read
 * them (ACT-2), adds `sourceSubscription` and `targetSubscription` to it.
 */
@Directive('@key(fields: "sourceSubscriptionId targetSubscriptionId", resolvable: false)')
@ObjectType({ description: 'XFR-2: one subscription of a transfer: the source subscription and, once moved, the one created for the target' })
export class TransferRequestItem {
  @Field(() => ID, { description: 'The subscription at the source partner' }) sourceSubscriptionId!: string;
  @Field(() => ID, { nullable: true, description: 'The new subscription at the target partner; null until moved' }) targetSubscriptionId?: string | null;
}

export const TransferRequestConnection = ConnectionType('TransferRequest', TransferRequest);

@ObjectType({ description: 'Result of `createTransferRequest`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CreateTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true, description: 'The transfer after the change; null when the change was refused' }) transfer?: TransferRequest;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `acceptTransferRequest`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class AcceptTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true, description: 'The transfer after the change; null when the change was refused' }) transfer?: TransferRequest;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `rejectTransferRequest`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class RejectTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true, description: 'The transfer after the change; null when the change was refused' }) transfer?: TransferRequest;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `cancelTransferRequest`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CancelTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true, description: 'The transfer after the change; null when the change was refused' }) transfer?: TransferRequest;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}
