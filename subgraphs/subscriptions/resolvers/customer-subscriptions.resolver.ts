import { Internal } from '../../../shared/graphql/federation';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { propertyNames } from '../../../shared/db/read-model';
import { nodeColumns } from '../../../shared/graphql/selection';
import { PageArgs, toConnection, toPage } from '../../../shared/graphql/connection';
import { CustomerRef } from '../entities/refs';
import { Subscription } from '../entities/subscription.entity';
import { SUBSCRIPTION_FIELD_COLUMNS } from './subscription.resolver';
import type { SubscriptionsContext } from '../context';
import { SubscriptionConnection, SubscriptionFilter } from '../types/subscription.types';

@Resolver(() => CustomerRef)
export class CustomerSubscriptionsResolver {
  @FieldResolver(() => SubscriptionConnection, { description: "The caller's subscriptions for this customer (ACT-2)" })
  async subscriptions(
    @Ctx() ctx: SubscriptionsContext,
    @Root() customer: CustomerRef,
    @Args() args: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => SubscriptionFilter, { nullable: true, description: 'Narrows the list, e.g. by state' }) filter?: SubscriptionFilter,
  ) {
    const page = toPage(args, info);
    const columns = nodeColumns(info, propertyNames(ctx.em, Subscription), SUBSCRIPTION_FIELD_COLUMNS, ['id', 'customerId']);
    const { rows, totalCount } = await ctx.loaders.customerSubscriptions.load({ parentId: customer.id, page, filter: filter?.status, columns });
    return toConnection(rows, page, totalCount);
  }

  @Internal()
  @FieldResolver(() => Int, {
    description: "REL-7: the caller's active (or still provisioning) subscriptions for this customer; suspended ones do not count (the customers subgraph asks this before removing a relationship)",
  })
  activeSubscriptionCount(@Ctx() ctx: SubscriptionsContext, @Root() customer: CustomerRef): Promise<number> {
    return ctx.loaders.activeSubscriptionCount.load(customer.id);
  }
}
