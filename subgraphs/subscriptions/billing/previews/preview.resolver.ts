import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { readCheckoutFacts } from '../../checkout/checkout-facts';
import { checkoutService } from '../../checkout/checkout.service';
import { replayedOrder } from '../../checkout/idempotency';
import { parseCheckoutRequest } from '../../checkout/checkout-request';
import type { SubscriptionsContext } from '../../context';
import { cancelSubscription } from '../../lifecycle/subscription-cancellation';
import { licenseCapFacts } from '../../lifecycle/subscription-limits';
import { subscriptionCancellationFacts } from '../../lifecycle/subscription-offers';
import { subscriptionLifecycle } from '../../lifecycle/subscription.service';
import { softwareCancellation } from '../../software/software-cancellation.service';
import { CancelSubscriptionInput, UpdateSubscriptionQuantityInput } from '../../types/lifecycle.types';
import { CheckoutCartInput } from '../../types/order.types';
import { CancelSoftwarePurchaseInput } from '../../types/software.types';
import { ConvertTrialInput, UpgradeSubscriptionInput } from '../../types/upgrade.types';
import { trialConversions } from '../../upgrades/trial-conversion.service';
import { readChangeFacts } from '../../upgrades/upgrade-facts';
import { upgradeService } from '../../upgrades/upgrade.service';
import { previewChange } from './preview.service';
import { ChangePreview } from '../../../../shared/graphql/preview.types';

const INPUT = { description: "Exactly the input of the change's mutation" };

/**
 * BIL-6: each money-moving mutation previewed with its own input, for the roles of the change
 * itself: the same facts and the same service code as the mutation, run in a unit of work that
 * is rolled back (preview.service.ts).
 */
@Resolver()
export class PreviewResolver {
  @Authorized('checkoutCart')
  @Query(() => ChangePreview, { description: 'BIL-6: what checkoutCart would charge now (nothing for a repeated idempotency key: its order exists)' })
  async previewCheckoutCart(@Ctx() ctx: SubscriptionsContext, @Arg('input', INPUT) input: CheckoutCartInput): Promise<ChangePreview> {
    const request = parseCheckoutRequest(ctx, input);
    if (await replayedOrder(ctx, request)) return previewChange(ctx, async () => null, async () => undefined);
    return previewChange(ctx, (c) => readCheckoutFacts(c, request), (tx, facts) => checkoutService.checkout(tx, request, facts));
  }

  @Authorized('updateSubscriptionQuantity')
  @Query(() => ChangePreview, { description: 'BIL-6: what updateSubscriptionQuantity would charge or refund now' })
  previewUpdateSubscriptionQuantity(@Ctx() ctx: SubscriptionsContext, @Arg('input', INPUT) input: UpdateSubscriptionQuantityInput): Promise<ChangePreview> {
    return previewChange(ctx, (c) => licenseCapFacts(c, input), (tx, caps) => subscriptionLifecycle.changeQuantity(tx, input, caps));
  }

  @Authorized('cancelSubscription')
  @Query(() => ChangePreview, { description: 'BIL-6: what cancelSubscription would refund now' })
  previewCancelSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input', INPUT) input: CancelSubscriptionInput): Promise<ChangePreview> {
    return previewChange(ctx, (c) => subscriptionCancellationFacts(c, input.subscriptionId), (tx, offer) => cancelSubscription(tx, input.subscriptionId, offer));
  }

  @Authorized('upgradeSubscription')
  @Query(() => ChangePreview, { description: 'BIL-6: what upgradeSubscription would credit and charge now' })
  previewUpgradeSubscription(@Ctx() ctx: SubscriptionsContext, @Arg('input', INPUT) input: UpgradeSubscriptionInput): Promise<ChangePreview> {
    return previewChange(ctx, (c) => readChangeFacts(c, input.subscriptionId, input.targetOfferId), (tx, facts) => upgradeService.upgrade(tx, input, facts));
  }

  @Authorized('convertTrial')
  @Query(() => ChangePreview, { description: 'BIL-6: what convertTrial would charge now' })
  previewConvertTrial(@Ctx() ctx: SubscriptionsContext, @Arg('input', INPUT) input: ConvertTrialInput): Promise<ChangePreview> {
    return previewChange(ctx, (c) => readChangeFacts(c, input.subscriptionId, input.targetOfferId), (tx, facts) => trialConversions.convert(tx, input, facts));
  }

  @Authorized('cancelSoftwarePurchase')
  @Query(() => ChangePreview, { description: 'BIL-6: what cancelSoftwarePurchase would refund now' })
  previewCancelSoftwarePurchase(@Ctx() ctx: SubscriptionsContext, @Arg('input', INPUT) input: CancelSoftwarePurchaseInput): Promise<ChangePreview> {
    return previewChange(ctx, (c) => softwareCancellation.facts(c, input), (tx, offer) => softwareCancellation.cancel(tx, input, offer));
  }
}
