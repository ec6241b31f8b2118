import type { SubgraphDefinition } from '../../shared/subgraph';
import { Offer } from './entities/offer.entity';
import { OfferPrice } from './entities/offer-price.entity';
import { createLoaders, type CatalogLoaders } from './loaders';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { Migration20261122000000_offer_rules } from './migrations/Migration20261122000000_offer_rules';
import { UpgradePathRecord } from './entities/upgrade-path.entity';
import { ImportResolver } from './resolvers/import.resolver';
import { OfferRulesResolver } from './resolvers/offer-rules.resolver';
import { offerReferenceResolvers } from './offer.reference';
import { OfferResolver } from './resolvers/offer.resolver';
import { OfferSoftwareResolver } from './resolvers/offer-software.resolver';
import { Migration20261222000000_software_catalog } from './migrations/Migration20261222000000_software_catalog';
import { priceListRoute } from './pricing/price-list.route';
import { catalogChangesRoute, closeChangeFeed } from './entity-cache/changes.route';
import { entityCachePlugin } from './entity-cache/entity-cache.plugin';
import { PriceQuoteResolver } from './pricing/price-quote.resolver';
import { Promotion } from './promotions/promotion.entity';
import { PromotionResolver } from './promotions/promotion.resolver';
import { Migration20270110000000_price_list_promotions } from './migrations/Migration20270110000000_price_list_promotions';

/** The catalog subgraph: products, SKUs, offers, prices, markets, upgrade paths. */
export const catalogSubgraph: SubgraphDefinition<CatalogLoaders> = {
  name: 'catalog',
  resolvers: [OfferResolver, OfferRulesResolver, OfferSoftwareResolver, ImportResolver, PriceQuoteResolver, PromotionResolver],
  orphanedTypes: [Offer],
  referenceResolvers: offerReferenceResolvers,
  entities: [Offer, OfferPrice, UpgradePathRecord, Promotion],
  migrations: [
    { name: 'Migration20261121000000_init', class: Migration20261121000000_init },
    { name: 'Migration20261122000000_offer_rules', class: Migration20261122000000_offer_rules },
    { name: 'Migration20261222000000_software_catalog', class: Migration20261222000000_software_catalog },
    { name: 'Migration20270110000000_price_list_promotions', class: Migration20270110000000_price_list_promotions },
  ],
  createLoaders,
  routes: async (req, res, orm) => (await priceListRoute(req, res, orm)) || (await catalogChangesRoute(req, res, orm)),
  // The gateway's entity cache: which answers it may keep, and the feed that tells it to let them go.
  plugins: [entityCachePlugin()],
  onStop: closeChangeFeed,
};
