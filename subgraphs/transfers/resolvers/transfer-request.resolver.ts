import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../shared/context';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import { CustomerRef, customerRef } from '../entities/refs';
import { TransferRequest } from '../entities/transfer-request.entity';
import type { TransfersContext } from '../context';
import { listTransfers } from '../services/transfer-query.service';
import { previewAcceptTransfer } from '../services/transfer-preview.service';
import { ChangePreview } from '../../../shared/graphql/preview.types';
import { acceptTransfer, cancelTransfer, createTransfer, readAcceptFacts, readCreateFacts, rejectTransfer } from '../services/transfer-request.service';
import {
  AcceptTransferRequestInput,
  CancelTransferRequestInput,
  CreateTransferRequestInput,
  RejectTransferRequestInput,
  TransferDirection,
  TransferRequestFilter,
} from '../types/transfer.types';
import {
  AcceptTransferRequestPayload,
  CancelTransferRequestPayload,
  CreateTransferRequestPayload,
  RejectTransferRequestPayload,
  TransferRequestConnection,
  TransferRequestItem,
} from '../types/transfer-payloads.types';

/** XFR-1/XFR-2: partner-to-partner transfers; only the two partners see a request. */
@Resolver(() => TransferRequest)
export class TransferRequestResolver {
  @Authorized()
  @Query(() => TransferRequestConnection, { description: 'XFR-1: requests naming the caller as source (INCOMING) or target (OUTGOING)' })
  transferRequests(@Ctx() ctx: TransfersContext, @Args() page: PageArgs, @Arg('filter', () => TransferRequestFilter, { nullable: true, description: 'Narrows the list by direction or state' }) filter?: TransferRequestFilter) {
    return listTransfers(ctx, filter, toPage(page));
  }

  @Authorized('createTransferRequest')
  @Mutation(() => CreateTransferRequestPayload, { description: "XFR-1: asks another partner to transfer a customer's subscriptions" })
  createTransferRequest(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CreateTransferRequestInput): Promise<CreateTransferRequestPayload> {
    return mutateWithFacts(ctx, CreateTransferRequestPayload, (c) => readCreateFacts(c, input), (tx, facts) => createTransfer(tx, input, facts));
  }

  @Authorized('acceptTransferRequest')
  @Mutation(() => AcceptTransferRequestPayload, { description: 'XFR-2: the chosen subscriptions move in one transaction, or none' })
  acceptTransferRequest(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: AcceptTransferRequestInput): Promise<AcceptTransferRequestPayload> {
    return mutateWithFacts(ctx, AcceptTransferRequestPayload, (c) => readAcceptFacts(c, input), (tx, facts) => acceptTransfer(tx, input, facts));
  }

  @Authorized('acceptTransferRequest')
  @Query(() => ChangePreview, { description: 'BIL-6: what acceptTransferRequest would credit the source and charge the target now, committing nothing' })
  previewAcceptTransferRequest(@Ctx() ctx: TransfersContext, @Arg('input', { description: "Exactly the input of the change's mutation" }) input: AcceptTransferRequestInput): Promise<ChangePreview> {
    return previewAcceptTransfer(ctx, input);
  }

  @Authorized('rejectTransferRequest')
  @Mutation(() => RejectTransferRequestPayload, { description: 'XFR-1: the source rejects a transfer request' })
  rejectTransferRequest(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: RejectTransferRequestInput): Promise<RejectTransferRequestPayload> {
    return mutate(ctx, RejectTransferRequestPayload, (tx) => rejectTransfer(tx, input.transferId));
  }

  @Authorized('cancelTransferRequest')
  @Mutation(() => CancelTransferRequestPayload, { description: 'XFR-1: the target cancels its pending request' })
  cancelTransferRequest(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CancelTransferRequestInput): Promise<CancelTransferRequestPayload> {
    return mutate(ctx, CancelTransferRequestPayload, (tx) => cancelTransfer(tx, input.transferId));
  }

  @FieldResolver(() => CustomerRef, { description: 'The customer' })
  customer(@Root() transfer: TransferRequest): CustomerRef {
    return customerRef(transfer.customerId);
  }

  @FieldResolver(() => TransferDirection, { description: 'INCOMING for the source partner, OUTGOING for the target' })
  direction(@Ctx() ctx: TransfersContext, @Root() transfer: TransferRequest): TransferDirection {
    return transfer.sourceTenantId === requireIdentity(ctx).tenantId ? TransferDirection.INCOMING : TransferDirection.OUTGOING;
  }

  @FieldResolver(() => [TransferRequestItem], { description: 'XFR-2: the chosen subscriptions; the target subscription once moved' })
  async items(@Ctx() ctx: TransfersContext, @Root() transfer: TransferRequest): Promise<TransferRequestItem[]> {
    const rows = await ctx.loaders.transferItems.load(transfer.id);
    return rows.map((row) =>
      Object.assign(new TransferRequestItem(), {
        sourceSubscriptionId: row.sourceSubscriptionId,
        targetSubscriptionId: row.targetSubscriptionId ?? null,
      }),
    );
  }
}
