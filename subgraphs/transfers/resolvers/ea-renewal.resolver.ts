import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { EaSubscription } from '../entities/enterprise-agreement.entity';
import type { TransfersContext } from '../context';
import { importAgreement, readImportFacts } from '../services/ea-import.service';
import { eaServiceEnd, processAt } from '../services/ea-renewal.policy';
import { cancelRenewal, readScheduleFacts, readUpdateFacts, scheduleRenewal, updateRenewal } from '../services/ea-schedule.service';
import { getSchedule, listSchedules } from '../services/ea-schedule-query.service';
import { CancelEaRenewalInput, EaRenewalScheduleFilter, ImportEnterpriseAgreementInput, ScheduleEaRenewalInput, UpdateEaRenewalInput } from '../types/ea.types';
import { CancelEaRenewalPayload, EaRenewalScheduleConnection, ImportEnterpriseAgreementPayload, ScheduleEaRenewalPayload, UpdateEaRenewalPayload } from '../types/ea-payloads.types';

/** SPEC §9: the operator's EA import and the partners' renewal schedules. */
@Resolver(() => EaRenewalSchedule)
export class EaRenewalResolver {
  @Authorized()
  @Query(() => EaRenewalSchedule, { description: "One of the caller's EA renewal schedules (ACT-2), else NOT_FOUND" })
  eaRenewalSchedule(@Ctx() ctx: TransfersContext, @Arg('id', () => ID, { description: 'Id of the schedule' }) id: string): Promise<EaRenewalSchedule> {
    return getSchedule(ctx, id);
  }

  @Authorized()
  @Query(() => EaRenewalScheduleConnection, { description: "The caller's EA renewal schedules, with their status and, when FAILED, the reason (EA-8)" })
  eaRenewalSchedules(@Ctx() ctx: TransfersContext, @Args() page: PageArgs, @Arg('filter', () => EaRenewalScheduleFilter, { nullable: true, description: 'Narrows the list, e.g. by state' }) filter?: EaRenewalScheduleFilter) {
    return listSchedules(ctx, filter, toPage(page));
  }

  @Authorized('importEnterpriseAgreement')
  @Mutation(() => ImportEnterpriseAgreementPayload, { description: 'EA data from the EA system; idempotent by agreement number' })
  importEnterpriseAgreement(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: ImportEnterpriseAgreementInput): Promise<ImportEnterpriseAgreementPayload> {
    return mutateWithFacts(ctx, ImportEnterpriseAgreementPayload, (c) => readImportFacts(c, input), (tx, facts) => importAgreement(tx, input, facts));
  }

  @Authorized('scheduleEaRenewal')
  @Mutation(() => ScheduleEaRenewalPayload, { description: 'EA-5/EA-6: first come, first served per EA subscription' })
  scheduleEaRenewal(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: ScheduleEaRenewalInput): Promise<ScheduleEaRenewalPayload> {
    return mutateWithFacts(ctx, ScheduleEaRenewalPayload, (c) => readScheduleFacts(c, input), (tx, facts) => scheduleRenewal(tx, input, facts));
  }

  @Authorized('updateEaRenewal')
  @Mutation(() => UpdateEaRenewalPayload, { description: 'EA-5: edit (resubmit) until the EA end date; after expiry, until processed' })
  updateEaRenewal(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: UpdateEaRenewalInput): Promise<UpdateEaRenewalPayload> {
    return mutateWithFacts(ctx, UpdateEaRenewalPayload, (c) => readUpdateFacts(c, input), (tx, facts) => updateRenewal(tx, input, facts));
  }

  @Authorized('cancelEaRenewal')
  @Mutation(() => CancelEaRenewalPayload, { description: 'EA-5: cancelling frees the EA subscription for other partners' })
  cancelEaRenewal(@Ctx() ctx: TransfersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CancelEaRenewalInput): Promise<CancelEaRenewalPayload> {
    return mutate(ctx, CancelEaRenewalPayload, (tx) => cancelRenewal(tx, input.scheduleId));
  }

  @FieldResolver(() => Date, {
    description: 'EA-7: when processing starts: 12:00 UTC of the day after the EA end date (the EA subscription\'s own when it ends after its agreement), or after submission for an expired agreement',
  })
  async processAt(@Ctx() ctx: TransfersContext, @Root() schedule: EaRenewalSchedule): Promise<Date> {
    const eaSubscription = await ctx.loaders.eaSubscription.load(schedule.eaSubscriptionId);
    return processAt(eaServiceEnd(eaSubscription!), schedule.submittedAt);
  }

  @FieldResolver(() => EaSubscription, { nullable: true, description: 'The EA subscription to renew' })
  eaSubscription(@Ctx() ctx: TransfersContext, @Root() schedule: EaRenewalSchedule): Promise<EaSubscription | null> {
    return ctx.loaders.eaSubscription.load(schedule.eaSubscriptionId);
  }
}
