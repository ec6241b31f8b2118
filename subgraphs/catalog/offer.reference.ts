import type { ReferenceResolvers } from '../../shared/graphql/federation';
import type { GraphQLResolveInfo } from 'graphql';
import type { CatalogContext } from './loaders';
import { pricedMarket } from './priced-market';

/**
 * Offer references are batched: a page of 100 subscriptions resolves its offers in one query,
 * their prices included when the page shows them in one market.
 * The catalog is readable by every authenticated caller (as `offer(id)` is), never anonymously.
 */
export const offerReferenceResolvers: ReferenceResolvers = {
  Offer: {
    __resolveReference: (ref: { id: string }, ctx: CatalogContext, info: GraphQLResolveInfo) => {
      if (!ctx.identity) return null;
      // A page that shows prices in one market reads each offer with its price (one statement, not two).
      const market = pricedMarket(info);
      return market ? ctx.loaders.offerPricedIn(market).load(ref.id) : ctx.loaders.offer.load(ref.id);
    },
  },
};
