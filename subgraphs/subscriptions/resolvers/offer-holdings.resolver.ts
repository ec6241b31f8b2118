import { Internal } from '../../../shared/graphql/federation';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CustomerRef } from '../entities/refs';
import type { SubscriptionsContext } from '../context';
import { CustomerOfferHolding, OfferHolding } from '../types/software.types';

@Resolver(() => CustomerRef)
export class OfferHoldingsResolver {
  @Internal()
  @FieldResolver(() => [OfferHolding], {
    description: "CAT-4: the customer's live subscriptions (PENDING, ACTIVE, SUSPENDED) the caller may see, by offer; the catalog asks this for one-per-customer offers",
  })
  async offerHoldings(@Ctx() ctx: SubscriptionsContext, @Root() customer: CustomerRef): Promise<OfferHolding[]> {
    const rows = await ctx.loaders.offerHoldings.load(customer.id);
    return rows.map((row) => Object.assign(new OfferHolding(), row));
  }

  /** CAT-4: the limit is the customer's, across all its partners; the catalog asks this (internal). */
  @Internal()
  @FieldResolver(() => [CustomerOfferHolding], {
    description: "CAT-4: what decides the rule, through every partner: per offer and status, the customer's first live subscription and the first the caller may see",
  })
  async customerOfferHoldings(@Ctx() ctx: SubscriptionsContext, @Root() customer: CustomerRef): Promise<CustomerOfferHolding[]> {
    const rows = await ctx.loaders.customerOfferHoldings.load(customer.id);
    return rows.map((row) => Object.assign(new CustomerOfferHolding(), row));
  }
}
