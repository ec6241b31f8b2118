import type { SubgraphDefinition } from '../../shared/subgraph';
import { CustomerRef, OfferRef } from './entities/refs';
import { LedgerEntry } from './entities/ledger-entry.entity';
import { LicenseBatch } from './entities/license-batch.entity';
import { Subscription } from './entities/subscription.entity';
import { createLoaders, type SubscriptionsLoaders } from './loaders';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { Migration20261121010000_batches_ledger } from './migrations/Migration20261121010000_batches_ledger';
import { CustomerSubscriptionsResolver } from './resolvers/customer-subscriptions.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';
import { subscriptionReferenceResolvers } from './subscription.reference';

/** The subscriptions subgraph: carts, orders, subscriptions and their lifecycle, ledger. */
export const subscriptionsSubgraph: SubgraphDefinition<SubscriptionsLoaders> = {
  name: 'subscriptions',
  resolvers: [SubscriptionResolver, CustomerSubscriptionsResolver],
  orphanedTypes: [CustomerRef, OfferRef, Subscription],
  referenceResolvers: subscriptionReferenceResolvers,
  entities: [Subscription, LicenseBatch, LedgerEntry],
  migrations: [
    { name: 'Migration20261121000000_init', class: Migration20261121000000_init },
    { name: 'Migration20261121010000_batches_ledger', class: Migration20261121010000_batches_ledger },
  ],
  createLoaders,
};
