import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Info, Query, Resolver } from 'type-graphql';
import { propertyNames } from '../../../shared/db/read-model';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { nodeColumns } from '../../../shared/graphql/selection';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { SUBSCRIPTION_FIELD_COLUMNS } from '../resolvers/subscription.resolver';
import { SubscriptionConnection } from '../types/subscription.types';
import { listSubscriptions } from './subscription-list.service';
import { SubscriptionListFilter, SubscriptionListOrder } from './subscription-list.types';

@Resolver(() => Subscription)
export class SubscriptionListResolver {
  @Authorized()
  @Query(() => SubscriptionConnection, {
    description: "The caller's subscriptions across all its customers (ACT-2), one page at a time by cursor; `totalCount` counts every match, so ask for it only when you show it",
  })
  subscriptions(
    @Ctx() ctx: SubscriptionsContext,
    @Args() args: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => SubscriptionListFilter, { nullable: true, description: 'Narrows the list; the conditions given all apply' }) filter?: SubscriptionListFilter,
    @Arg('orderBy', () => SubscriptionListOrder, { nullable: true, defaultValue: SubscriptionListOrder.CREATED, description: 'Order of the list: CREATED (oldest first, the default) or TERM_END (soonest first)' })
    orderBy: SubscriptionListOrder = SubscriptionListOrder.CREATED,
  ) {
    const { first, counted } = toPage({ first: args.first }, info);
    const fields = nodeColumns(info, propertyNames(ctx.em, Subscription), SUBSCRIPTION_FIELD_COLUMNS, ['id', 'customerId']);
    return listSubscriptions(ctx, { filter, order: orderBy, first, after: args.after ?? undefined, counted, fields });
  }
}
