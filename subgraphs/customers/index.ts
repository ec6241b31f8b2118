import type { SubgraphDefinition } from '../../shared/subgraph';
import { customerReferenceResolvers } from './customer.reference';
import { Customer } from './entities/customer.entity';
import { Partner } from './entities/partner.entity';
import { CustomerRelationship } from './entities/relationship.entity';
import { RelationshipRequest } from './entities/relationship-request.entity';
import { ResellerInvitation } from './entities/reseller-invitation.entity';
import { ResellerPartnership } from './entities/reseller-partnership.entity';
import { createLoaders } from './loaders';
import type { CustomersLoaders } from './context';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { Migration20261121120000_relationships_resellers } from './migrations/Migration20261121120000_relationships_resellers';
import { Migration20270205010000_scale_reads } from './migrations/Migration20270205010000_scale_reads';
import { AuditResolver } from './resolvers/audit.resolver';
import { DueWorkFailureResolver } from './resolvers/due-work-failure.resolver';
import { PartnershipResolver } from './resolvers/partnership.resolver';
import { RelationshipResolver } from './resolvers/relationship.resolver';
import { ResellerResolver } from './resolvers/reseller.resolver';
import { CustomerResolver } from './resolvers/customer.resolver';
import { ViewerResolver } from './resolvers/viewer.resolver';
import { WebhookResolver } from './resolvers/webhook.resolver';
import { tenantRoute } from './tenant.route';
import { webhookDeliveries } from './webhooks/delivery.queue';
import { webhookFanOut } from './webhooks/fan-out.consumer';

/** The customers subgraph: partners, customers, relationships, resellers, audit, clock. */
export const customersSubgraph: SubgraphDefinition<CustomersLoaders> = {
  name: 'customers',
  resolvers: [CustomerResolver, ViewerResolver, RelationshipResolver, ResellerResolver, PartnershipResolver, AuditResolver, WebhookResolver, DueWorkFailureResolver],
  orphanedTypes: [Partner, Customer],
  referenceResolvers: customerReferenceResolvers,
  entities: [Partner, Customer, CustomerRelationship, RelationshipRequest, ResellerInvitation, ResellerPartnership],
  migrations: [
    { name: 'Migration20261121000000_init', class: Migration20261121000000_init },
    { name: 'Migration20261121120000_relationships_resellers', class: Migration20261121120000_relationships_resellers },
    { name: 'Migration20270205010000_scale_reads', class: Migration20270205010000_scale_reads },
  ],
  createLoaders,
  routes: tenantRoute,
  // AUD-2: outbox events → deliveries (phase `events`), deliveries → partners' endpoints (phase `deliveries`).
  consumers: [webhookFanOut],
  dueQueues: [webhookDeliveries],
};
