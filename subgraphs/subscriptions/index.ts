import type { SubgraphDefinition } from '../../shared/subgraph';
import { CustomerRef, OfferRef } from './entities/refs';
import { Subscription } from './entities/subscription.entity';
import { createLoaders, type SubscriptionsLoaders } from './loaders';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { CustomerSubscriptionsResolver } from './resolvers/customer-subscriptions.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';
import { subscriptionReferenceResolvers } from './subscription.reference';

/** The subscriptions subgraph: carts, orders, subscriptions and their lifecycle, ledger. */
export const subscriptionsSubgraph: SubgraphDefinition<SubscriptionsLoaders> = {
  name: 'subscriptions',
  resolvers: [SubscriptionResolver, CustomerSubscriptionsResolver],
  orphanedTypes: [CustomerRef, OfferRef, Subscription],
  referenceResolvers: subscriptionReferenceResolvers,
  entities: [Subscription],
  migrations: [{ name: 'Migration20261121000000_init', class: Migration20261121000000_init }],
  createLoaders,
};
