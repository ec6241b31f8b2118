import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Money } from '../../../shared/graphql/types';
import type { Quote } from '../../../shared/pricing/price-quotes';
import type { SubscriptionsContext } from '../context';
import { cartPricingLoaders } from '../checkout/cart-pricing.loader';
import { CartLine } from '../types/cart.types';

const money = (price: { amount: string; currency: string } | undefined) => (price ? Object.assign(new Money(), price) : null);

/**
 * BIL-5, BIL-7: what a cart line would cost if checked out now: the list and effective price
 * per licence and billing period and the promotion that applies to it as a new purchase — the
 * quote checkout itself takes.
 */
@Resolver(() => CartLine)
export class CartLineResolver {
  @FieldResolver(() => Money, { nullable: true, description: 'BIL-7: list price per licence for one billing period, now; null for perpetual software or where the offer is not sold so' })
  async listPrice(@Ctx() ctx: SubscriptionsContext, @Root() line: CartLine): Promise<Money | null> {
    return money((await quoteOf(ctx, line))?.listPrice);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'BIL-5: the price per licence for one billing period after the promotion that applies now, else the list price' })
  async effectivePrice(@Ctx() ctx: SubscriptionsContext, @Root() line: CartLine): Promise<Money | null> {
    return money((await quoteOf(ctx, line))?.effectivePrice);
  }

  @FieldResolver(() => String, { nullable: true, description: 'BIL-5: the promotion a checkout now would grant to this line; null when none applies' })
  async promotionId(@Ctx() ctx: SubscriptionsContext, @Root() line: CartLine): Promise<string | null> {
    return (await quoteOf(ctx, line))?.promotionId ?? null;
  }
}

/** The quote of a line as a new purchase by the cart's customer on the business clock (the same one checkout asks). */
async function quoteOf(ctx: SubscriptionsContext, line: CartLine): Promise<Quote | null> {
  if (!line.customerId || !line.termDuration || !line.billingFrequency) return null;
  const loaders = cartPricingLoaders(ctx);
  const customer = await loaders.customer.load(line.customerId);
  if (!customer) return null;
  const at = await ctx.clock.now();
  return loaders.quote.load({
    offerId: line.offer.id,
    market: customer.country,
    segment: customer.segment,
    termDuration: line.termDuration,
    billingFrequency: line.billingFrequency,
    at,
    quantity: line.quantity,
    target: 'NEW_PURCHASE',
  });
}
