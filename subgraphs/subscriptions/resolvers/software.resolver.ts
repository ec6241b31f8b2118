import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutateWithFacts } from '../../../shared/unit-of-work';
import { OrderLine } from '../entities/order-line.entity';
import { SoftwareLedgerEntry } from '../entities/software-ledger.entity';
import type { SubscriptionsContext } from '../context';
import { softwareActivity } from '../software/software-activity.service';
import { softwareCancellation } from '../software/software-cancellation.service';
import { readSoftwareTargetFacts } from '../software/software-facts';
import { softwareKeys } from '../software/software-keys.service';
import { perpetualCancellationDeadline } from '../software/software-policy';
import {
  CancelSoftwarePurchaseInput,
  CancelSoftwarePurchasePayload,
  GenerateSoftwareKeysInput,
  GenerateSoftwareKeysPayload,
  SoftwareActivityConnection,
} from '../types/software.types';

/** SPEC §8 software: keys and downloads (SW-2), the activity log, cancellation (SW-4, SW-5). */
@Resolver()
export class SoftwareResolver {
  @Authorized('generateSoftwareKeys')
  @Mutation(() => GenerateSoftwareKeysPayload, { description: 'SW-2: product key and expiring download links; every view is logged' })
  generateSoftwareKeys(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: GenerateSoftwareKeysInput): Promise<GenerateSoftwareKeysPayload> {
    return mutateWithFacts(ctx, GenerateSoftwareKeysPayload, (c) => readSoftwareTargetFacts(c, input), async (tx, offer) => ({ keys: await softwareKeys.generate(tx, input, offer) }));
  }

  @Authorized('cancelSoftwarePurchase')
  @Mutation(() => CancelSoftwarePurchasePayload, { description: 'SW-4: a software subscription within 7 days of its term; SW-5: perpetual software within 30 calendar days' })
  cancelSoftwarePurchase(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CancelSoftwarePurchaseInput): Promise<CancelSoftwarePurchasePayload> {
    return mutateWithFacts(ctx, CancelSoftwarePurchasePayload, (c) => softwareCancellation.facts(c, input), (tx, offer) => softwareCancellation.cancel(tx, input, offer));
  }

  @Authorized('softwareActivityLog')
  @Query(() => SoftwareActivityConnection, { description: 'SW-2: key views and downloads of the caller’s tenant; default the last 30 days, at most 90 days back' })
  softwareActivityLog(
    @Ctx() ctx: SubscriptionsContext,
    @Args() page: PageArgs,
    @Arg('from', () => Date, { nullable: true, description: 'Start of the range (UTC); default 30 days ago, at most 90 days back (AUD-1)' }) from?: Date,
    @Arg('to', () => Date, { nullable: true, description: 'End of the range (UTC); default now' }) to?: Date,
  ) {
    return softwareActivity.list(ctx, { from, to }, toPage(page));
  }
}

/** Perpetual software order lines (SW-5): their charge and credit, and their cancellation window. */
@Resolver(() => OrderLine)
export class OrderLineSoftwareResolver {
  @FieldResolver(() => [SoftwareLedgerEntry], { description: 'SW-5: charges and credits of a perpetual software line; a subscription line has its own ledger' })
  ledger(@Ctx() ctx: SubscriptionsContext, @Root() line: OrderLine): Promise<SoftwareLedgerEntry[]> {
    return ctx.loaders.softwareLedger.load(line.id);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'SW-5: end of the 30-calendar-day cancellation window of a perpetual software line' })
  async cancellationDeadline(@Ctx() ctx: SubscriptionsContext, @Root() line: OrderLine): Promise<Date | null> {
    // Perpetual lines are the only ones without a subscription and a term.
    if (line.subscriptionId || line.termDuration) return null;
    const order = await ctx.loaders.order.load(line.orderId);
    return order ? perpetualCancellationDeadline(order.createdAt) : null;
  }
}
