import { Arg, Authorized, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import { requireIdentity } from '../../../../shared/context';
import { BusinessRuleError, notFound } from '../../../../shared/errors';
import { Internal } from '../../../../shared/graphql/federation';
import { ChangePreview } from '../../../../shared/graphql/preview.types';
import { moveSubscriptions } from '../../channel-transfers/transfer-move.service';
import type { SubscriptionsContext } from '../../context';
import { previewChange } from './preview.service';

/** The move an accepted transfer asks for (TRANSFER_ACCEPTED without its version); internal. */
@Internal()
@InputType({ description: 'XFR-2: the move an accepted transfer request asks for' })
export class TransferMovePreviewInput {
  @Field(() => ID, { description: 'The transfer request' }) transferId!: string;
  @Field(() => ID, { description: 'The customer' }) customerId!: string;
  @Field(() => ID, { description: "The source partner's tenant id" }) sourceTenantId!: string;
  @Field({ description: "The source partner's PartnerID" }) sourcePartnerId!: string;
  @Field(() => ID, { description: "The target partner's tenant id" }) targetTenantId!: string;
  @Field({ description: "The target partner's PartnerID" }) targetPartnerId!: string;
  @Field(() => [ID], { description: 'The subscriptions to move' }) subscriptionIds!: string[];
}

/**
 * BIL-6/XFR-2: the money of a transfer's move, for the transfers subgraph's
 * `previewAcceptTransferRequest` (not in the public graph): the move's own code in a unit of
 * work that is rolled back, as the source partner (another tenant's move is not found).
 */
@Resolver()
export class TransferPreviewResolver {
  @Internal()
  @Authorized('acceptTransferRequest')
  @Query(() => ChangePreview, { description: 'BIL-6: what moving these subscriptions would credit and charge now' })
  transferMovePreview(@Ctx() ctx: SubscriptionsContext, @Arg('move', () => TransferMovePreviewInput, { description: 'The move' }) move: TransferMovePreviewInput): Promise<ChangePreview> {
    if (requireIdentity(ctx).tenantId !== move.sourceTenantId) throw notFound('TransferRequest', move.transferId);
    return previewChange(
      ctx,
      async () => null,
      async (tx) => {
        await moveSubscriptions(tx, { v: 1, ...move });
        // The move reports a refusal as an event rather than an error: a preview reports it as its mutation would.
        const failed = tx.events?.all.find((event) => event.type === 'TRANSFER_MOVE_FAILED');
        if (failed?.type === 'TRANSFER_MOVE_FAILED') throw new BusinessRuleError('TRANSFER_INVALID', failed.data.reason, 'XFR-2', ['subscriptionIds']);
      },
    );
  }
}
