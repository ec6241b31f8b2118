import type { ReferenceResolvers } from '../../shared/graphql/federation';
import type { CatalogContext } from './loaders';

/**
 * Offer references are batched: a page of 100 subscriptions resolves its offers in one query.
 * The catalog is readable by every authenticated caller (as `offer(id)` is), never anonymously.
 */
export const offerReferenceResolvers: ReferenceResolvers = {
  Offer: {
    __resolveReference: (ref: { id: string }, ctx: CatalogContext) => (ctx.identity ? ctx.loaders.offer.load(ref.id) : null),
  },
};
