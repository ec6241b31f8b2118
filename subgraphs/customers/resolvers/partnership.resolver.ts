import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { notFound } from '../../../shared/errors';
import { Partner } from '../entities/partner.entity';
import { ResellerPartnership } from '../entities/reseller-partnership.entity';
import type { CustomersContext } from '../context';

async function partnerOf(ctx: CustomersContext, id: string): Promise<Partner> {
  const partner = await ctx.loaders.partner.load(id);
  if (!partner) throw notFound('Partner', id);
  return partner;
}

@Resolver(() => ResellerPartnership)
export class PartnershipResolver {
  @FieldResolver(() => Partner, { description: 'The indirect provider' })
  provider(@Ctx() ctx: CustomersContext, @Root() partnership: ResellerPartnership): Promise<Partner> {
    return partnerOf(ctx, partnership.providerId);
  }

  @FieldResolver(() => Partner, { description: 'The indirect reseller' })
  reseller(@Ctx() ctx: CustomersContext, @Root() partnership: ResellerPartnership): Promise<Partner> {
    return partnerOf(ctx, partnership.resellerId);
  }
}
