import type { ReferenceResolvers } from '../../shared/graphql/federation';
import type { GraphQLResolveInfo } from 'graphql';
import { offerListFields } from './loaders';
import type { CatalogContext } from './context';
import { pricedMarket } from './priced-market';
import { referenceColumns } from '../../shared/graphql/selection';
import { propertyNames } from '../../shared/db/read-model';
import { Offer } from './entities/offer.entity';
import { OFFER_FIELD_COLUMNS } from './resolvers/offer.resolver';

/**
 * Offer references are batched: a page of 100 subscriptions resolves its offers in one query,
 * with only the columns its Offer fields need, their prices included when the page shows them in
 * one market.
 * The catalog is readable by every authenticated caller (as `offer(id)` is), never anonymously.
 */
export const offerReferenceResolvers: ReferenceResolvers = {
  Offer: {
    __resolveReference: (ref: { id: string }, ctx: CatalogContext, info: GraphQLResolveInfo) => {
      if (!ctx.identity) return null;
      // Only the columns the query's Offer fields need, as a page of offers reads them (else every column but markets).
      const fields = referenceColumns(info, 'Offer', propertyNames(ctx.em, Offer), OFFER_FIELD_COLUMNS, ['id']) ?? offerListFields(ctx.em);
      // A page that shows prices in one market reads each offer with its price (one statement, not two).
      const market = pricedMarket(info);
      return (market ? ctx.loaders.offerPricedIn(market, fields) : ctx.loaders.offerWith(fields)).load(ref.id);
    },
  },
};
