import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../shared/errors';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { Money } from '../../../shared/graphql/types';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../loaders';
import { offerService } from '../services/offer.service';
import { OfferConnection, OfferFilter } from '../types/offer.types';

@Resolver(() => Offer)
export class OfferResolver {
  @Authorized()
  @Query(() => OfferConnection)
  offers(@Ctx() ctx: CatalogContext, @Args() page: PageArgs, @Arg('filter', () => OfferFilter, { nullable: true }) filter?: OfferFilter) {
    return offerService.list(ctx, filter, toPage(page));
  }

  @Authorized()
  @Query(() => Offer)
  offer(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<Offer> {
    return offerService.get(ctx, id);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Unit price in a market (CAT-2: taxes included only in AU and BR); null where not sold' })
  async price(@Ctx() ctx: CatalogContext, @Root() offer: Offer, @Arg('market') market: string): Promise<Money | null> {
    const code = market.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) throw badInput('market must be an ISO 3166-1 alpha-2 code', ['market']);
    const price = await ctx.loaders.price.load(`${offer.id}|${code}`);
    return price ? Object.assign(new Money(), { amount: price.amount, currency: price.currency }) : null;
  }

  @FieldResolver(() => [String], { description: 'ISO countries where the offer is sold' })
  markets(@Root() offer: Offer): string[] {
    return offer.markets;
  }
}
