import { mutateWithFacts } from '../../../shared/unit-of-work';
import type { SubscriptionsContext } from '../context';
import { CheckoutCartPayload } from '../types/order.types';
import { readCheckoutFacts } from './checkout-facts';
import type { CheckoutRequest } from './checkout-request';
import { checkoutService } from './checkout.service';
import type { PlacedOrder } from './order-placement';

/**
 * ORD-1: checkoutCart as one unit with its facts read first. Once the unit has committed, the
 * request's loaders are given the order's lines and subscriptions as written, so the payload
 * shows them without reading back what this request just wrote.
 */
export async function checkoutCart(ctx: SubscriptionsContext, request: CheckoutRequest): Promise<CheckoutCartPayload> {
  let placed: PlacedOrder | undefined;
  const payload = await mutateWithFacts(ctx, CheckoutCartPayload, (c) => readCheckoutFacts(c, request), async (tx, facts) => {
    placed = await checkoutService.checkout(tx, request, facts);
    return { order: placed.order };
  });
  if (placed && payload.order === placed.order) {
    ctx.loaders.orderLines.prime(placed.order.id, placed.lines);
    for (const subscription of placed.subscriptions) ctx.loaders.subscription.prime(subscription.id, subscription);
  }
  return payload;
}
