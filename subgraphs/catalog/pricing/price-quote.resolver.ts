import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../shared/errors';
import { Internal } from '../../../shared/graphql/federation';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import { priceQuoteService } from './price-quote.service';
import { PriceQuote, PriceQuoteArgs, PriceQuoteLineInput } from './price-quote.types';

const MAX_LINES = 500;

/** BIL-7, BIL-5: quoted prices, for clients on an offer and for the subscriptions subgraph in batches. */
@Resolver(() => Offer)
export class PriceQuoteResolver {
  @FieldResolver(() => PriceQuote, { nullable: true, description: 'BIL-7, BIL-5: the price per licence for one billing period of a term, in effect at an instant, with the promotion that applies; null where not sold so' })
  priceQuote(@Ctx() ctx: CatalogContext, @Root() offer: Offer, @Args() args: PriceQuoteArgs): Promise<PriceQuote | null> {
    return priceQuoteService.quote(ctx, { ...args, offerId: offer.id });
  }

  /** Internal: the subscriptions subgraph prices purchases, renewals and EA renewals with it (not in the public graph). */
  @Authorized()
  @Internal()
  @Query(() => [PriceQuote], { nullable: 'items', description: 'BIL-7, BIL-5: a quote per line, in line order (null where the offer is not sold so); for the subscriptions subgraph' })
  priceQuotes(@Ctx() ctx: CatalogContext, @Arg('lines', () => [PriceQuoteLineInput], { description: 'The purchases to price, at most 500' }) lines: PriceQuoteLineInput[]): Promise<(PriceQuote | null)[]> {
    if (lines.length > MAX_LINES) throw badInput(`at most ${MAX_LINES} lines`, ['lines']);
    return priceQuoteService.quotes(ctx, lines.map((line) => ({ ...line, target: line.trialConversion ? null : (line.target ?? null) })));
  }
}
