import type { SubgraphDefinition } from '../../shared/subgraph';
import { transfersReferenceResolvers } from './agreement.reference';
import { eaRenewalCompleted, eaRenewalFailed, transferMoved, transferMoveFailed } from './consumers/results.consumer';
import { EaRenewalSchedule } from './entities/ea-renewal-schedule.entity';
import { EaSubscription, EnterpriseAgreement } from './entities/enterprise-agreement.entity';
import { CustomerRef, OfferRef } from './entities/refs';
import { TransferItem, TransferRequest } from './entities/transfer-request.entity';
import { eaRenewalsQueue, transferExpiryQueue } from './jobs/due-queues';
import { createLoaders } from './loaders';
import type { TransfersLoaders } from './context';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { Migration20261215000000_renewals_transfers } from './migrations/Migration20261215000000_renewals_transfers';
import { Migration20270202010000_ea_subscription_ids } from './migrations/Migration20270202010000_ea_subscription_ids';
import { EaRenewalResolver } from './resolvers/ea-renewal.resolver';
import { CustomerAgreementsResolver, EaSubscriptionResolver, EnterpriseAgreementResolver } from './resolvers/enterprise-agreement.resolver';
import { TransferRequestResolver } from './resolvers/transfer-request.resolver';
import { PartnerRef } from './entities/partner-ref';
import { PartnerTransfersDashboardResolver } from './resolvers/partner-dashboard.resolver';

/** The transfers subgraph: EA agreements, EA→CSP renewals, partner-to-partner transfers. */
export const transfersSubgraph: SubgraphDefinition<TransfersLoaders> = {
  name: 'transfers',
  resolvers: [CustomerAgreementsResolver, EnterpriseAgreementResolver, EaSubscriptionResolver, EaRenewalResolver, TransferRequestResolver, PartnerTransfersDashboardResolver],
  orphanedTypes: [CustomerRef, OfferRef, EnterpriseAgreement, EaRenewalSchedule, TransferRequest, PartnerRef],
  referenceResolvers: transfersReferenceResolvers,
  entities: [EnterpriseAgreement, EaSubscription, EaRenewalSchedule, TransferRequest, TransferItem],
  migrations: [
    { name: 'Migration20261121000000_init', class: Migration20261121000000_init },
    { name: 'Migration20261215000000_renewals_transfers', class: Migration20261215000000_renewals_transfers },
    { name: 'Migration20270202010000_ea_subscription_ids', class: Migration20270202010000_ea_subscription_ids },
  ],
  createLoaders,
  // EA-7: due schedules → EA_RENEWAL_REQUESTED; XFR-1: expiry after 30 days (phase `domain`).
  dueQueues: [eaRenewalsQueue, transferExpiryQueue],
  // EA-8, XFR-2: the subscriptions subgraph's answers settle schedules and requests (phase `events`).
  consumers: [eaRenewalCompleted, eaRenewalFailed, transferMoved, transferMoveFailed],
};
