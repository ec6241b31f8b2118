import type { SubgraphDefinition } from '../../shared/subgraph';
import { customerReferenceResolvers } from './customer.reference';
import { Customer } from './entities/customer.entity';
import { Partner } from './entities/partner.entity';
import { CustomerRelationship } from './entities/relationship.entity';
import { createLoaders, type CustomersLoaders } from './loaders';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { CustomerResolver } from './resolvers/customer.resolver';
import { ViewerResolver } from './resolvers/viewer.resolver';
import { tenantRoute } from './tenant.route';

/** The customers subgraph: partners, customers, relationships, resellers, audit, clock. */
export const customersSubgraph: SubgraphDefinition<CustomersLoaders> = {
  name: 'customers',
  resolvers: [CustomerResolver, ViewerResolver],
  orphanedTypes: [Partner, Customer],
  referenceResolvers: customerReferenceResolvers,
  entities: [Partner, Customer, CustomerRelationship],
  migrations: [{ name: 'Migration20261121000000_init', class: Migration20261121000000_init }],
  createLoaders,
  routes: tenantRoute,
};
