import { Internal } from '../../../shared/graphql/federation';
import { Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../shared/context';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { EaSubscription, EnterpriseAgreement } from '../entities/enterprise-agreement.entity';
import { CustomerRef, customerRef, OfferRef, offerRef } from '../entities/refs';
import type { TransfersContext } from '../context';
import { customerAccess, mayRenew } from '../services/access';
import { availabilityFor } from '../services/ea-renewal.policy';
import { EaSubscriptionAvailability, HOLDING_STATUSES } from '../types/ea.types';

@Resolver(() => CustomerRef)
export class CustomerAgreementsResolver {
  /**
   * EA-1: only for a partner with a relationship in the customer's region; EA-2: eligible
   * agreements only. The two EA-1 facts are fields of the Customer the gateway already resolves:
   * it reads them from the customers subgraph with the customer and hands them over (@requires),
   * so no call to that subgraph is made here. They are trusted as the gateway's: a subgraph
   * answers only requests carrying the gateway's secret. A rule inside a change (scheduling a
   * renewal) still asks the customers subgraph itself (services/access.ts): a change never takes
   * a fact from its request.
   */
  @Authorized('viewEnterpriseAgreements')
  @Directive('@requires(fields: "relationshipActive inCallerRegion")')
  @FieldResolver(() => [EnterpriseAgreement], { description: 'EA-1/EA-2: agreements eligible for renewal to CSP, for a partner with a relationship in the same CSP region' })
  async enterpriseAgreements(@Ctx() ctx: TransfersContext, @Root() customer: CustomerRef): Promise<EnterpriseAgreement[]> {
    const mayRenewHere = ctx.identity?.tenantKind === 'PARTNER' && customer.relationshipActive === true && customer.inCallerRegion === true;
    return mayRenewHere ? ctx.loaders.agreementsByCustomer.load(customer.id) : [];
  }

  /** UPG-3 asks it: holding the target SKU in another channel makes license reassignment manual. */
  @Authorized()
  @Internal()
  @FieldResolver(() => [String], { description: 'UPG-3: CSP offer ids the customer still holds through running Enterprise Agreements (empty without a relationship)' })
  async eaHeldOfferIds(@Ctx() ctx: TransfersContext, @Root() customer: CustomerRef): Promise<string[]> {
    return (await customerAccess(ctx).load(customer.id)).relationship ? ctx.loaders.eaHeldOfferIds.load(customer.id) : [];
  }
}

@Resolver(() => EnterpriseAgreement)
export class EnterpriseAgreementResolver {
  @FieldResolver(() => CustomerRef, { description: 'The customer' })
  customer(@Root() agreement: EnterpriseAgreement): CustomerRef {
    return customerRef(agreement.customerId);
  }

  @FieldResolver(() => [EaSubscription], { description: 'Its subscriptions, each with its availability (EA-3)' })
  subscriptions(@Ctx() ctx: TransfersContext, @Root() agreement: EnterpriseAgreement): Promise<EaSubscription[]> {
    return ctx.loaders.agreementSubscriptions.load(agreement.id);
  }
}

@Resolver(() => EaSubscription)
export class EaSubscriptionResolver {
  @FieldResolver(() => OfferRef, { nullable: true, description: 'EA-4: the CSP offer of the same SKU (end-of-sale included); null when CSP has none' })
  offer(@Root() subscription: EaSubscription): OfferRef | null {
    return subscription.offerId ? offerRef(subscription.offerId) : null;
  }

  @FieldResolver(() => EaSubscriptionAvailability, { description: 'EA-3, for the viewing partner' })
  async availability(@Ctx() ctx: TransfersContext, @Root() subscription: EaSubscription): Promise<EaSubscriptionAvailability> {
    return (await availabilityOf(ctx, subscription)).availability;
  }

  @FieldResolver(() => String, { nullable: true, description: 'EA-3: why it cannot be renewed by you (another partner is never named)' })
  async availabilityReason(@Ctx() ctx: TransfersContext, @Root() subscription: EaSubscription): Promise<string | null> {
    return (await availabilityOf(ctx, subscription)).reason;
  }

  @FieldResolver(() => EaRenewalSchedule, { nullable: true, description: "EA-5: the caller's schedule: the one holding it, else the latest (cancelled or failed)" })
  async schedule(@Ctx() ctx: TransfersContext, @Root() subscription: EaSubscription): Promise<EaRenewalSchedule | null> {
    const caller = requireIdentity(ctx).tenantId;
    const own = (await ctx.loaders.schedulesByEaSubscription.load(subscription.id)).filter((s) => s.partnerId === caller);
    return own.find((s) => HOLDING_STATUSES.includes(s.status)) ?? own[0] ?? null;
  }
}

async function availabilityOf(ctx: TransfersContext, subscription: EaSubscription) {
  const schedules = await ctx.loaders.schedulesByEaSubscription.load(subscription.id);
  return availabilityFor(subscription, schedules, requireIdentity(ctx).tenantId);
}
