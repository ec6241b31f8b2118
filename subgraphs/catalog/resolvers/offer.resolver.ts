import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { propertyNames } from '../../../shared/db/read-model';
import { nodeColumns } from '../../../shared/graphql/selection';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { Money } from '../../../shared/graphql/types';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import { formatMoney } from '../../../shared/money';
import { offerService } from '../services/offer.service';
import { OfferPriceDetails } from '../types/catalog.types';
import { OfferConnection, OfferFilter } from '../types/offer.types';
import { marketCode } from '../priced-market';
import { PriceTermsArgs } from '../pricing/price-quote.types';
import { priceQuoteService } from '../pricing/price-quote.service';

/**
 * What field resolvers below read of the row, so that a page of offers asks only for the columns
 * a query needs (shared/graphql/selection.ts); a field resolver not listed here (those of
 * offer-rules and offer-software) makes the page read whole rows, the markets column aside.
 */
export const OFFER_FIELD_COLUMNS = {
  price: ['id'],
  priceDetails: ['id'],
  priceQuote: ['id'],
  markets: ['id'],
  isTrial: ['category'],
  includesTeams: ['teams'],
  exclusive: ['exclusivePartners'],
} satisfies Partial<Record<keyof OfferResolver | 'priceQuote', (keyof Offer)[]>>;

@Resolver(() => Offer)
export class OfferResolver {
  @Authorized()
  @Query(() => OfferConnection, { description: 'CAT-2 filters; end-of-sale offers hidden unless includeEndOfSale (CAT-3)' })
  offers(
    @Ctx() ctx: CatalogContext,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => OfferFilter, { nullable: true, description: 'Narrows the catalog (CAT-2)' }) filter?: OfferFilter,
  ) {
    return offerService.list(ctx, filter, toPage(page, info), nodeColumns(info, propertyNames(ctx.em, Offer), OFFER_FIELD_COLUMNS, ['id']));
  }

  @Authorized()
  @Query(() => Offer, { description: 'An offer of the catalog by id, else NOT_FOUND' })
  offer(@Ctx() ctx: CatalogContext, @Arg('id', () => ID, { description: 'Id of the offer' }) id: string): Promise<Offer> {
    return offerService.get(ctx, id);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      "Unit price per licence and month in a market (CAT-2: taxes included only in AU and BR); with termDuration and billingFrequency, the price list's price for one billing period of that term in effect at `at` (BIL-7, PriceQuote.listPrice). Null where not sold",
  })
  async price(
    @Ctx() ctx: CatalogContext,
    @Root() offer: Offer,
    @Arg('market', { description: 'Country of the customer (ISO 3166-1 alpha-2), e.g. DE' }) market: string,
    @Args() terms: PriceTermsArgs,
  ): Promise<Money | null> {
    if (terms.termDuration || terms.billingFrequency || terms.at || terms.segment) return priceQuoteService.listPrice(ctx, offer, market, terms);
    const price = await ctx.loaders.price.load(`${offer.id}|${marketCode(market)}`);
    return price ? Object.assign(new Money(), { amount: formatMoney(price.amount, price.currency), currency: price.currency }) : null;
  }

  @FieldResolver(() => OfferPriceDetails, { nullable: true, description: 'The price with its tax treatment (CAT-2); null where not sold' })
  async priceDetails(@Ctx() ctx: CatalogContext, @Root() offer: Offer, @Arg('market', { description: 'Country of the customer (ISO 3166-1 alpha-2), e.g. DE' }) market: string): Promise<OfferPriceDetails | null> {
    const price = await ctx.loaders.price.load(`${offer.id}|${marketCode(market)}`);
    if (!price) return null;
    return Object.assign(new OfferPriceDetails(), {
      market: price.market,
      amount: formatMoney(price.amount, price.currency),
      currency: price.currency,
      taxIncluded: price.taxIncluded,
    });
  }

  @FieldResolver(() => [String], { description: 'ISO countries where the offer is sold' })
  markets(@Ctx() ctx: CatalogContext, @Root() offer: Offer): Promise<string[]> {
    return offerService.markets(ctx, offer);
  }

  @FieldResolver(() => Boolean, { description: 'CAT-9: a trial SKU (25 licenses, one month, autorenew on)' })
  isTrial(@Root() offer: Offer): boolean {
    return offer.category === 'TRIAL';
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'O/M suites: whether the suite includes Teams (CAT-10); null for other SKUs' })
  includesTeams(@Root() offer: Offer): boolean | null {
    return offer.teams ? offer.teams === 'WITH' : null;
  }

  @FieldResolver(() => Boolean, { description: 'CAT-5: an ISV offer sold only through certain partners' })
  exclusive(@Root() offer: Offer): boolean {
    return offer.exclusivePartners.length > 0;
  }
}
