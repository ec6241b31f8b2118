import type { ReferenceResolvers } from '../../shared/graphql/federation';
import type { CatalogContext } from './loaders';

/** Offer references are batched: a page of 100 subscriptions resolves its offers in one query. */
export const offerReferenceResolvers: ReferenceResolvers = {
  Offer: {
    __resolveReference: (ref: { id: string }, ctx: CatalogContext) => ctx.loaders.offer.load(ref.id),
  },
};
