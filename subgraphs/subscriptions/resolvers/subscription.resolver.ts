import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../../shared/errors';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { LicenseBatch } from '../entities/license-batch.entity';
import { Subscription } from '../entities/subscription.entity';
import { CustomerRef, customerRef, OfferRef, offerRef } from '../entities/refs';
import type { SubscriptionsContext } from '../context';
import { subscriptionsCsv } from '../reads/csv.service';
import { reducible } from '../transitions/license-batches';
import { cancellationDeadline } from '../transitions/subscription-transitions';
import { ReducibleLicenses } from '../types/lifecycle.types';

/**
 * What field resolvers below read of the row, so that a page of subscriptions asks only for the
 * columns a query needs (shared/graphql/selection.ts). A field resolver not listed here makes
 * the page read whole rows: list one here when it reads only a few columns.
 */
export const SUBSCRIPTION_FIELD_COLUMNS = {
  customer: ['customerId'],
  offer: ['offerId'],
  reducibleLicenses: ['id', 'status', 'isTrial'],
  licenseBatches: ['id'],
  cancellationDeadline: ['windowOpenedAt', 'termStart'],
  ledger: ['id', 'partnerId'],
} satisfies Partial<Record<keyof SubscriptionResolver, (keyof Subscription)[]>>;

@Resolver(() => Subscription)
export class SubscriptionResolver {
  @Authorized()
  @Query(() => Subscription, { description: 'A subscription of the caller (ACT-2), else NOT_FOUND' })
  async subscription(@Ctx() ctx: SubscriptionsContext, @Arg('id', () => ID, { description: 'Id of the subscription' }) id: string): Promise<Subscription> {
    const subscription = await ctx.loaders.subscription.load(id);
    if (!subscription) throw notFound('Subscription', id);
    return subscription;
  }

  @Authorized('exportSubscriptions')
  @Query(() => String, { description: "SUB-10: the caller's subscriptions of a customer as CSV (RFC 4180)" })
  subscriptionsCsv(@Ctx() ctx: SubscriptionsContext, @Arg('customerId', () => ID, { description: 'Id of the customer' }) customerId: string): Promise<string> {
    return subscriptionsCsv(ctx, customerId);
  }

  @FieldResolver(() => CustomerRef, { description: 'The customer' })
  customer(@Root() subscription: Subscription): CustomerRef {
    return customerRef(subscription.customerId);
  }

  @FieldResolver(() => OfferRef, { description: 'The offer (SKU)' })
  offer(@Root() subscription: Subscription): OfferRef {
    return offerRef(subscription.offerId);
  }

  @FieldResolver(() => ReducibleLicenses, { description: 'SUB-2: licenses removable now, until when, or why none' })
  async reducibleLicenses(@Ctx() ctx: SubscriptionsContext, @Root() subscription: Subscription): Promise<ReducibleLicenses> {
    // The request's one now, also the one the batches were read for.
    const [batches, now] = await Promise.all([ctx.loaders.reducibleBatches.load(subscription.id), ctx.clock.now()]);
    return Object.assign(new ReducibleLicenses(), reducible(batches, now, subscription.status, subscription.isTrial));
  }

  @FieldResolver(() => [LicenseBatch], { description: 'SUB-2: each addition of licenses with its own 168-hour reduction window, oldest first' })
  licenseBatches(@Ctx() ctx: SubscriptionsContext, @Root() subscription: Subscription): Promise<LicenseBatch[]> {
    return ctx.loaders.licenseBatches.load(subscription.id);
  }

  @FieldResolver(() => Date, { description: 'SUB-5: end of the cancellation window of the current term (168 hours after it started or its renewal completed)' })
  cancellationDeadline(@Root() subscription: Subscription): Date {
    return cancellationDeadline(subscription);
  }

  @FieldResolver(() => [LedgerEntry], {
    description: 'SUB-3: charges and refunds, oldest first; billing of the owning partner, so empty for resellers of record and customers (ACT-1, ACT-2)',
  })
  async ledger(@Ctx() ctx: SubscriptionsContext, @Root() subscription: Subscription): Promise<LedgerEntry[]> {
    const identity = ctx.identity;
    const billed = identity?.tenantKind === 'PLATFORM' || (identity?.tenantKind === 'PARTNER' && identity.tenantId === subscription.partnerId);
    return billed ? ctx.loaders.ledgerEntries.load(subscription.id) : [];
  }
}
