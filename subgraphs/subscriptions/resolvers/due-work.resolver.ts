import { Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { runMutation } from '../../../shared/graphql/payload';
import type { SubscriptionsContext } from '../loaders';
import { graphTrialConverter } from '../services/renewal-conversion';
import { runDueWork } from '../services/renewal.service';
import { DueWorkReport, ProcessDueWorkPayload } from '../types/lifecycle.types';

@Resolver()
export class DueWorkResolver {
  /**
   * Sandbox only (operator): runs, synchronously, everything due at the business clock, the
   * same units of work the pg-boss workers run on their schedule. EA renewals, transfer
   * expiry and webhooks belong to other subgraphs and are counted there.
   */
  @Authorized('processDueWork')
  @Mutation(() => ProcessDueWorkPayload)
  async processDueWork(@Ctx() ctx: SubscriptionsContext): Promise<ProcessDueWorkPayload> {
    // Each unit commits on its own (as in the workers); the audit record follows in its own transaction.
    const counts = await runDueWork(ctx.em, { convertTrial: graphTrialConverter(ctx.graph) });
    const report = Object.assign(new DueWorkReport(), { ...counts, eaRenewed: 0, transfersExpired: 0, webhooksDelivered: 0 });
    return runMutation(ctx, ProcessDueWorkPayload, async () => ({
      result: { report },
      audit: { operation: 'processDueWork', resourceType: 'DueWork', resourceId: 'subscriptions', details: { ...counts } },
    }));
  }
}
