import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs, toConnection, toPage } from '../../../shared/graphql/connection';
import { dueFailuresEverywhere } from '../../../shared/platform/records';
import type { CustomersContext } from '../context';
import { DueWorkFailureConnection, DueWorkFailureNode } from '../types/due-work.types';

@Resolver()
export class DueWorkFailureResolver {
  @Authorized('viewDueWorkFailures')
  @Query(() => DueWorkFailureConnection, { description: 'Operator: due work that keeps failing in any subgraph (renewals, event consumers …), parked ones included' })
  async dueWorkFailures(@Ctx() ctx: CustomersContext, @Args() args: PageArgs) {
    const page = toPage(args);
    const { rows, totalCount } = await dueFailuresEverywhere(ctx, page);
    return toConnection(rows.map((row) => Object.assign(new DueWorkFailureNode(), row)), page, totalCount);
  }
}
