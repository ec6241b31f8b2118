import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutate } from '../../../shared/unit-of-work';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import { offerService } from '../services/offer.service';
import { Promotion } from './promotion.entity';
import { promotionService } from './promotion.service';
import { ImportPromotionsInput, ImportPromotionsPayload, PromotionConnection, PromotionEligibility, PromotionEligibilityArgs, PromotionFilter } from './promotion.types';

/** BIL-5: promotions of the catalog. */
@Resolver(() => Promotion)
export class PromotionResolver {
  @Authorized('importPromotions')
  @Mutation(() => ImportPromotionsPayload, { description: 'BIL-5, PLATFORM_OPERATOR: create or replace promotions, idempotent by id' })
  importPromotions(@Ctx() ctx: CatalogContext, @Arg('input', { description: 'The promotions' }) input: ImportPromotionsInput): Promise<ImportPromotionsPayload> {
    return mutate(ctx, ImportPromotionsPayload, (tx) => promotionService.import(tx, input));
  }

  @Authorized()
  @Query(() => PromotionConnection, { description: 'BIL-5: the promotions of the catalog, by id' })
  promotions(@Ctx() ctx: CatalogContext, @Args() page: PageArgs, @Info() info: GraphQLResolveInfo, @Arg('filter', () => PromotionFilter, { nullable: true, description: 'Narrows the list' }) filter?: PromotionFilter) {
    return promotionService.list(ctx, filter, toPage(page, info));
  }

  @Authorized('promotionEligibility')
  @Query(() => PromotionEligibility, { description: "BIL-5: whether a customer's purchase of an offer gets a promotion, and if not why; NOT_FOUND for a customer the caller may not see" })
  promotionEligibility(@Ctx() ctx: CatalogContext, @Args() args: PromotionEligibilityArgs): Promise<PromotionEligibility> {
    return promotionService.eligibility(ctx, args);
  }

  @FieldResolver(() => Offer, { description: 'The offer it discounts' })
  offer(@Ctx() ctx: CatalogContext, @Root() promotion: Promotion): Promise<Offer> {
    return offerService.get(ctx, promotion.offerId);
  }

  @FieldResolver(() => Float, { description: 'Percentage off the list price' })
  discountPercent(@Root() promotion: Promotion): number {
    return Number(promotion.discountPercent);
  }
}
