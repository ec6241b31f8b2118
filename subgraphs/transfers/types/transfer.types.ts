import { Field, ID, InputType, registerEnumType } from 'type-graphql';

export enum TransferStatus {
  PENDING = 'PENDING',
  /** XFR-2: accepted; the subscriptions are being moved (the request can no longer be answered). */
  ACCEPTED = 'ACCEPTED',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(TransferStatus, { name: 'TransferStatus' });

export enum TransferDirection {
  /** Requests naming the caller as source. */
  INCOMING = 'INCOMING',
  /** Requests the caller made as target. */
  OUTGOING = 'OUTGOING',
}
registerEnumType(TransferDirection, { name: 'TransferDirection' });

@InputType()
export class TransferRequestFilter {
  @Field(() => TransferDirection, { nullable: true }) direction?: TransferDirection;
  @Field(() => TransferStatus, { nullable: true }) status?: TransferStatus;
}

@InputType()
export class CreateTransferRequestInput {
  @Field(() => ID) customerId!: string;
  @Field({ description: "The source partner's PartnerID" }) sourcePartnerId!: string;
  @Field({ description: "The customer's notification email" }) customerEmail!: string;
}

@InputType()
export class AcceptTransferRequestInput {
  @Field(() => ID) transferId!: string;
  @Field(() => [ID], { description: 'XFR-1: the subscriptions the source includes' }) subscriptionIds!: string[];
}

@InputType()
export class RejectTransferRequestInput {
  @Field(() => ID) transferId!: string;
}

@InputType()
export class CancelTransferRequestInput {
  @Field(() => ID) transferId!: string;
}
