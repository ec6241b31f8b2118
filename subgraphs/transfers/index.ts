import type { SubgraphDefinition } from '../../shared/subgraph';
import { agreementReferenceResolvers } from './agreement.reference';
import { EaSubscription, EnterpriseAgreement } from './entities/enterprise-agreement.entity';
import { CustomerRef } from './entities/refs';
import { createLoaders, type TransfersLoaders } from './loaders';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { CustomerAgreementsResolver, EaSubscriptionResolver, EnterpriseAgreementResolver } from './resolvers/enterprise-agreement.resolver';

/** The transfers subgraph: EA agreements, EA→CSP renewals, partner-to-partner transfers. */
export const transfersSubgraph: SubgraphDefinition<TransfersLoaders> = {
  name: 'transfers',
  resolvers: [CustomerAgreementsResolver, EnterpriseAgreementResolver, EaSubscriptionResolver],
  orphanedTypes: [CustomerRef],
  referenceResolvers: agreementReferenceResolvers,
  entities: [EnterpriseAgreement, EaSubscription],
  migrations: [{ name: 'Migration20261121000000_init', class: Migration20261121000000_init }],
  createLoaders,
};
