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
registerEnumType(TransferStatus, {
  name: 'TransferStatus',
  description: 'XFR-1, XFR-2: state of a transfer request',
  valuesConfig: {
    PENDING: { description: 'Waiting for the source partner' },
    ACCEPTED: { description: 'Accepted; the subscriptions are being moved' },
    COMPLETED: { description: 'Moved: each item names its new subscription' },
    REJECTED: { description: 'Rejected by the source partner' },
    CANCELLED: { description: 'Cancelled by the target partner' },
    EXPIRED: { description: 'No answer within 30 days' },
  },
});

export enum TransferDirection {
  /** Requests naming the caller as source. */
  INCOMING = 'INCOMING',
  /** Requests the caller made as target. */
  OUTGOING = 'OUTGOING',
}
registerEnumType(TransferDirection, {
  name: 'TransferDirection',
  description: 'XFR-1: which side of a transfer the caller is on',
  valuesConfig: {
    INCOMING: { description: "Requests from other partners for the caller's subscriptions (the caller is the source)" },
    OUTGOING: { description: 'Requests the caller made (the caller is the target)' },
  },
});

@InputType({ description: 'Narrows a list of transfer requests' })
export class TransferRequestFilter {
  @Field(() => TransferDirection, { nullable: true, description: 'Incoming or outgoing' }) direction?: TransferDirection;
  @Field(() => TransferStatus, { nullable: true, description: 'Only requests in this state' }) status?: TransferStatus;
}

@InputType({ description: 'Input of `createTransferRequest`' })
export class CreateTransferRequestInput {
  @Field(() => ID, { description: 'Id of the customer whose subscriptions should move to the caller' }) customerId!: string;
  @Field({ description: "The source partner's PartnerID" }) sourcePartnerId!: string;
  @Field({ description: "The customer's notification email" }) customerEmail!: string;
}

@InputType({ description: 'Input of `acceptTransferRequest`' })
export class AcceptTransferRequestInput {
  @Field(() => ID, { description: 'Id of the transfer request' }) transferId!: string;
  @Field(() => [ID], { description: 'XFR-1: the subscriptions the source includes' }) subscriptionIds!: string[];
}

@InputType({ description: 'Input of `rejectTransferRequest`' })
export class RejectTransferRequestInput {
  @Field(() => ID, { description: 'Id of the transfer request' }) transferId!: string;
}

@InputType({ description: 'Input of `cancelTransferRequest`' })
export class CancelTransferRequestInput {
  @Field(() => ID, { description: 'Id of the transfer request' }) transferId!: string;
}
