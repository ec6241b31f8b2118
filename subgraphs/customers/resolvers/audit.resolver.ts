import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import type { CustomersContext } from '../context';
import { auditQueryService } from '../services/audit-query.service';
import { AuditRecordConnection } from '../types/audit.types';

@Resolver()
export class AuditResolver {
  @Authorized()
  @Query(() => AuditRecordConnection, { description: "AUD-1: the caller's tenant's audit records; default the last 30 days, at most 90 days back" })
  auditRecords(
    @Ctx() ctx: CustomersContext,
    @Args() page: PageArgs,
    @Arg('from', () => Date, { nullable: true, description: 'Start of the range (UTC); default 30 days ago, at most 90 days back (AUD-1)' }) from?: Date,
    @Arg('to', () => Date, { nullable: true, description: 'End of the range (UTC); default now' }) to?: Date,
  ) {
    return auditQueryService.list(ctx, { from, to }, toPage(page));
  }
}
