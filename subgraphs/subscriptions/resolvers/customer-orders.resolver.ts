import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { PageArgs, toConnection, toPage } from '../../../shared/graphql/connection';
import { CustomerRef } from '../entities/refs';
import type { SubscriptionsContext } from '../context';
import { OrderConnection } from '../types/order.types';

@Resolver(() => CustomerRef)
export class CustomerOrdersResolver {
  @FieldResolver(() => OrderConnection, { description: "ORD-5: the caller's orders for this customer, newest first (ACT-2)" })
  async orders(@Ctx() ctx: SubscriptionsContext, @Root() customer: CustomerRef, @Args() args: PageArgs, @Info() info: GraphQLResolveInfo) {
    const page = toPage(args, info);
    const { rows, totalCount } = await ctx.loaders.customerOrders.load({ parentId: customer.id, page });
    return toConnection(rows, page, totalCount);
  }
}
