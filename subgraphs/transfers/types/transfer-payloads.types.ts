import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { SubscriptionRef } from '../entities/refs';
import { TransferRequest } from '../entities/transfer-request.entity';

@ObjectType({ description: 'XFR-2: one subscription of a transfer: the source subscription and, once moved, the one created for the target' })
export class TransferRequestItem {
  @Field(() => ID) sourceSubscriptionId!: string;
  @Field(() => ID, { nullable: true }) targetSubscriptionId?: string | null;
  @Field(() => SubscriptionRef, { nullable: true, description: 'Resolved for the partner that may see it (the source)' }) sourceSubscription?: SubscriptionRef | null;
  @Field(() => SubscriptionRef, { nullable: true, description: 'Resolved for the partner that may see it (the target)' }) targetSubscription?: SubscriptionRef | null;
}

export const TransferRequestConnection = ConnectionType('TransferRequest', TransferRequest);

@ObjectType()
export class CreateTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true }) transfer?: TransferRequest;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class AcceptTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true }) transfer?: TransferRequest;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class RejectTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true }) transfer?: TransferRequest;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class CancelTransferRequestPayload {
  @Field(() => TransferRequest, { nullable: true }) transfer?: TransferRequest;
  @Field(() => [UserError]) errors!: UserError[];
}
