import type { SubgraphDefinition } from '../../shared/subgraph';
import { Offer } from './entities/offer.entity';
import { OfferPrice } from './entities/offer-price.entity';
import { createLoaders, type CatalogLoaders } from './loaders';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { offerReferenceResolvers } from './offer.reference';
import { OfferResolver } from './resolvers/offer.resolver';

/** The catalog subgraph: products, SKUs, offers, prices, markets, upgrade paths. */
export const catalogSubgraph: SubgraphDefinition<CatalogLoaders> = {
  name: 'catalog',
  resolvers: [OfferResolver],
  orphanedTypes: [Offer],
  referenceResolvers: offerReferenceResolvers,
  entities: [Offer, OfferPrice],
  migrations: [{ name: 'Migration20261121000000_init', class: Migration20261121000000_init }],
  createLoaders,
};
