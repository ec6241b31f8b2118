import { Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { DUE_REPORT_FIELDS } from '../../../shared/jobs/due-queue';
import { runAllDueWork } from '../../../shared/jobs/due-work';
import { recordEvent } from '../../../shared/context';
import { mutateWithFacts } from '../../../shared/unit-of-work';
import type { SubscriptionsContext } from '../context';
import { DueWorkReport, ProcessDueWorkPayload } from '../types/lifecycle.types';

@Resolver()
export class DueWorkResolver {
  /**
   * Sandbox only (operator): runs, synchronously, every due queue of every subgraph at the
   * business clock (the same units the pg-boss workers run on their schedule), with no
   * transaction open, then records what it did.
   */
  @Authorized('processDueWork')
  @Mutation(() => ProcessDueWorkPayload, { description: 'Sandbox: runs all due work now (renewals, expiries, EA renewals, deliveries) and reports counts' })
  processDueWork(@Ctx() ctx: SubscriptionsContext): Promise<ProcessDueWorkPayload> {
    return mutateWithFacts(ctx, ProcessDueWorkPayload, (c) => runAllDueWork(c.graph), async (tx, counts) => {
      const report = Object.assign(new DueWorkReport(), Object.fromEntries(DUE_REPORT_FIELDS.map((field) => [field, counts[field] ?? 0])));
      recordEvent(tx, { resourceType: 'DueWork', resourceId: 'all', data: { ...report } });
      return { report };
    });
  }
}
