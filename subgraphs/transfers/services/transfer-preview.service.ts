import { BusinessRuleError, BusinessRuleErrors } from '../../../shared/errors';
import type { TransferAccepted } from '../../../shared/events/payloads';
import { ChangePreview, changePreviewFrom } from '../../../shared/graphql/preview.types';
import { subscriptionsPeer } from '../peers/subscriptions';
import { UserError } from '../../../shared/graphql/types';
import { runUnit } from '../../../shared/unit-of-work';
import type { TransfersContext } from '../context';
import type { AcceptTransferRequestInput } from '../types/transfer.types';
import { acceptTransfer, readAcceptFacts } from './transfer-request.service';

/** Thrown at the end of the previewed acceptance so that its transaction rolls back. */
class PreviewRollback extends Error {
  constructor(readonly command: TransferAccepted | undefined) {
    super('preview');
  }
}

const refused = (errors: UserError[]) => Object.assign(new ChangePreview(), { lines: [], charge: null, refund: null, nextChargeAt: null, nextChargeAmount: null, errors });

/**
 * BIL-6: what `acceptTransferRequest` would do now, committing nothing. Its own facts and code
 * run in a unit of work that is rolled back (the refusals it would return, or the move command it
 * would send); then, with no transaction open, the subscriptions subgraph — which owns the money —
 * runs that move in a rolled-back unit of its own and answers its credits and charges (XFR-2,
 * BIL-2): the source credited the rest of each period, the target charged the same.
 */
export async function previewAcceptTransfer(ctx: TransfersContext, input: AcceptTransferRequestInput): Promise<ChangePreview> {
  let command: TransferAccepted | undefined;
  try {
    const facts = await readAcceptFacts(ctx, input);
    await runUnit(ctx, async (tx) => {
      await acceptTransfer(tx, input, facts);
      const accepted = tx.events?.all.find((event) => event.type === 'TRANSFER_ACCEPTED');
      throw new PreviewRollback(accepted?.type === 'TRANSFER_ACCEPTED' ? accepted.data : undefined);
    });
  } catch (error) {
    if (error instanceof PreviewRollback) command = error.command;
    else if (error instanceof BusinessRuleError) return refused((error instanceof BusinessRuleErrors ? error.all : [error]).map((e) => UserError.from(e)));
    else throw error;
  }
  if (!command) throw new Error('acceptTransferRequest recorded no TRANSFER_ACCEPTED');
  const { v: _v, ...move } = command;
  return changePreviewFrom(await subscriptionsPeer.transferMovePreview(ctx.graph, move));
}
