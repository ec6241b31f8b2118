import type Decimal from 'decimal.js';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Money } from '../../../../shared/graphql/types';
import { formatMoney } from '../../../../shared/money';
import type { SubscriptionsContext } from '../../context';
import { Subscription } from '../../entities/subscription.entity';
import { stateOf } from '../../transitions/transition-effects';
import { mayReadBilling } from '../billing-access';
import { Commitment, SubscriptionBilling } from './billing.types';
import { billingSummary } from './commitment.policy';

function money(amount: Decimal, currency: string): Money {
  return Object.assign(new Money(), { amount: formatMoney(amount, currency), currency });
}

@Resolver(() => Subscription)
export class SubscriptionBillingResolver {
  @FieldResolver(() => SubscriptionBilling, {
    nullable: true,
    description: "BIL-1/BIL-8: the commitment and the next charge; null unless the caller is the owning partner's BILLING_ADMIN, ADMIN_AGENT or GLOBAL_ADMIN",
  })
  async billing(@Ctx() ctx: SubscriptionsContext, @Root() subscription: Subscription): Promise<SubscriptionBilling | null> {
    if (!mayReadBilling(ctx, subscription.partnerId)) return null;
    const lines = await ctx.loaders.ledgerEntries.load(subscription.id);
    const summary = billingSummary(stateOf(subscription), lines);
    const currency = (subscription.currency ?? 'USD').trim();
    const commitment = Object.assign(new Commitment(), { total: money(summary.total, currency), billed: money(summary.billed, currency), remaining: money(summary.remaining, currency) });
    return Object.assign(new SubscriptionBilling(), {
      commitment,
      nextChargeAt: summary.nextChargeAt,
      nextChargeAmount: summary.nextChargeAmount ? money(summary.nextChargeAmount, currency) : null,
      promotionId: subscription.promotionId ?? null,
    });
  }
}
