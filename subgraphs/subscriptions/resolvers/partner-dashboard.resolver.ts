import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../../shared/graphql/connection';
import { addDuration, DurationScalar } from '../../../shared/graphql/duration';
import { toSoonestPage } from '../../../shared/graphql/soonest-first';
import { PartnerRef } from '../entities/partner-ref';
import type { SubscriptionsContext } from '../context';
import { cancellationWindowsClosing, renewalsDue } from '../reads/dashboard.service';
import { SubscriptionConnection } from '../types/subscription.types';

/** API.md "Dashboard fields": what falls due for the signed-in partner (ACT-2: its own partner only). */
@Resolver(() => PartnerRef)
export class PartnerDashboardResolver {
  @FieldResolver(() => SubscriptionConnection, {
    description: 'SUB-7: your ACTIVE subscriptions whose term ends within `within` of now (renewal or expiry), soonest first',
  })
  async renewalsDue(
    @Ctx() ctx: SubscriptionsContext,
    @Root() partner: PartnerRef,
    @Args() args: PageArgs,
    @Arg('within', () => DurationScalar, { defaultValue: 'P30D', description: 'How far ahead to look (ISO 8601 duration)' }) within: string,
  ) {
    const page = toSoonestPage(args);
    const now = await ctx.clock.now();
    return renewalsDue(ctx.em, ctx.identity, partner.id, now, addDuration(now, within), page);
  }

  @FieldResolver(() => SubscriptionConnection, {
    description: 'SUB-5: your subscriptions whose 168-hour cancellation window closes within `within` of now, soonest first (see Subscription.cancellationDeadline)',
  })
  async cancellationWindowsClosing(
    @Ctx() ctx: SubscriptionsContext,
    @Root() partner: PartnerRef,
    @Args() args: PageArgs,
    @Arg('within', () => DurationScalar, { defaultValue: 'P2D', description: 'How far ahead to look (ISO 8601 duration)' }) within: string,
  ) {
    const page = toSoonestPage(args);
    const now = await ctx.clock.now();
    return cancellationWindowsClosing(ctx.em, ctx.identity, partner.id, now, addDuration(now, within), page);
  }
}
