import type { SubgraphDefinition } from '../../shared/subgraph';
import { CustomerRef, OfferRef } from './entities/refs';
import { LedgerEntry } from './entities/ledger-entry.entity';
import { LicenseBatch } from './entities/license-batch.entity';
import { Subscription } from './entities/subscription.entity';
import { createLoaders } from './loaders';
import type { SubscriptionsLoaders } from './context';
import { Migration20261121000000_init } from './migrations/Migration20261121000000_init';
import { Migration20270209010000_subscription_list_price } from './migrations/Migration20270209010000_subscription_list_price';
import { Migration20270320000000_operator_subscription_list } from './migrations/Migration20270320000000_operator_subscription_list';
import { Migration20270401000000_due_lease } from './migrations/Migration20270401000000_due_lease';
import { Migration20261121010000_batches_ledger } from './migrations/Migration20261121010000_batches_ledger';
import { CustomerSubscriptionsResolver } from './resolvers/customer-subscriptions.resolver';
import { SubscriptionResolver } from './resolvers/subscription.resolver';
import { subscriptionReferenceResolvers } from './subscription.reference';
import { Migration20261202000000_retire_old_due_queue } from './migrations/Migration20261202000000_retire_old_due_queue';
import { Migration20261121030000_lifecycle } from './migrations/Migration20261121030000_lifecycle';
import { SubscriptionLifecycleResolver } from './resolvers/subscription-lifecycle.resolver';
import { DueWorkResolver } from './resolvers/due-work.resolver';
import { dueWorkQueue } from './jobs/due-work.jobs';
import { Cart } from './entities/cart.entity';
import { IdempotencyKey } from './entities/idempotency-key.entity';
import { Order } from './entities/order.entity';
import { OrderLine } from './entities/order-line.entity';
import { Migration20261121020000_carts_orders } from './migrations/Migration20261121020000_carts_orders';
import { Migration20261121020100_deferred_foreign_keys } from './migrations/Migration20261121020100_deferred_foreign_keys';
import { CartResolver } from './resolvers/cart.resolver';
import { CartLineResolver } from './resolvers/cart-line.resolver';
import { CustomerOrdersResolver } from './resolvers/customer-orders.resolver';
import { OrderLineResolver, OrderResolver } from './resolvers/order.resolver';
import { RelationshipFact } from './entities/relationship-fact.entity';
import { Migration20261201000000_relationship_fact } from './migrations/Migration20261201000000_relationship_fact';
import { relationshipsConsumer } from './consumers/relationships.consumer';
import { eaRenewalsConsumer, transfersConsumer } from './consumers/channel-transfers.consumer';
import { EaRenewalRecord, TransferMoveRecord } from './entities/channel-transfer.entity';
import { Migration20261215000000_channel_transfers } from './migrations/Migration20261215000000_channel_transfers';
import { OrderOriginResolver } from './resolvers/order-origin.resolver';
import { Migration20261210000000_term_window } from './migrations/Migration20261210000000_term_window';
import { Migration20261210010000_immediate_foreign_keys } from './migrations/Migration20261210010000_immediate_foreign_keys';
import { SoftwareActivity } from './entities/software-activity.entity';
import { SoftwareDownloadLink, SoftwareKey } from './entities/software-key.entity';
import { SoftwareLedgerEntry } from './entities/software-ledger.entity';
import { Migration20261222000000_software } from './migrations/Migration20261222000000_software';
import { OfferHoldingsResolver } from './resolvers/offer-holdings.resolver';
import { OrderLineSoftwareResolver, SoftwareResolver } from './resolvers/software.resolver';
import { softwareDownloadRoute } from './software/software-downloads';
import { ScheduledChange } from './entities/scheduled-change.entity';
import { Migration20261223000000_scheduled_changes } from './migrations/Migration20261223000000_scheduled_changes';
import { Migration20270205020000_partner_subscription_list } from './migrations/Migration20270205020000_partner_subscription_list';
import { SubscriptionListResolver } from './listing/subscription-list.resolver';
import { ScheduledChangeResolver, UpgradeResolver } from './resolvers/upgrade.resolver';
import { PartnerRef } from './entities/partner-ref';
import { Migration20270203010000_billing_schedule } from './migrations/Migration20270203010000_billing_schedule';
import { billingQueue } from './billing/schedule/billing.jobs';
import { SubscriptionBillingResolver } from './billing/schedule/billing.resolver';
import { Invoice } from './billing/invoices/invoice.entity';
import { InvoiceLine } from './billing/invoices/invoice-line.entity';
import { InvoiceLineResolver, InvoiceResolver } from './billing/invoices/invoice.resolver';
import { Migration20270203020000_invoices } from './migrations/Migration20270203020000_invoices';
import { reconciliationRoute } from './billing/reconciliation/reconciliation.route';
import { PreviewResolver } from './billing/previews/preview.resolver';
import { TransferPreviewResolver } from './billing/previews/transfer-preview.resolver';
import { PartnerDashboardResolver } from './resolvers/partner-dashboard.resolver';
import { EaRenewalScheduleRef, TransferRequestItemRef } from './entities/transfer-refs';
import { EaRenewalSubscriptionResolver, TransferItemSubscriptionsResolver } from './resolvers/transfer-subscriptions.resolver';

/** The subscriptions subgraph: carts, orders, subscriptions and their lifecycle, ledger. */
export const subscriptionsSubgraph: SubgraphDefinition<SubscriptionsLoaders> = {
  name: 'subscriptions',
  resolvers: [SubscriptionResolver, CustomerSubscriptionsResolver, SubscriptionLifecycleResolver, DueWorkResolver, CartResolver, OrderResolver, OrderLineResolver, CustomerOrdersResolver, OrderOriginResolver, SoftwareResolver, OrderLineSoftwareResolver, OfferHoldingsResolver, UpgradeResolver, ScheduledChangeResolver, PartnerDashboardResolver, EaRenewalSubscriptionResolver, TransferItemSubscriptionsResolver, SubscriptionBillingResolver, InvoiceResolver, InvoiceLineResolver, PreviewResolver, TransferPreviewResolver, SubscriptionListResolver, CartLineResolver],
  orphanedTypes: [CustomerRef, OfferRef, Subscription, PartnerRef, EaRenewalScheduleRef, TransferRequestItemRef],
  referenceResolvers: subscriptionReferenceResolvers,
  entities: [Subscription, LicenseBatch, LedgerEntry, Cart, Order, OrderLine, IdempotencyKey, RelationshipFact, EaRenewalRecord, TransferMoveRecord, SoftwareKey, SoftwareDownloadLink, SoftwareActivity, SoftwareLedgerEntry, ScheduledChange, Invoice, InvoiceLine],
  migrations: [
    { name: 'Migration20261121000000_init', class: Migration20261121000000_init },
    { name: 'Migration20261121010000_batches_ledger', class: Migration20261121010000_batches_ledger },
    { name: 'Migration20261121020000_carts_orders', class: Migration20261121020000_carts_orders },
    { name: 'Migration20261121020100_deferred_foreign_keys', class: Migration20261121020100_deferred_foreign_keys },
    { name: 'Migration20261121030000_lifecycle', class: Migration20261121030000_lifecycle },
    { name: 'Migration20261201000000_relationship_fact', class: Migration20261201000000_relationship_fact },
    { name: 'Migration20261202000000_retire_old_due_queue', class: Migration20261202000000_retire_old_due_queue },
    { name: 'Migration20261210000000_term_window', class: Migration20261210000000_term_window },
    { name: 'Migration20261210010000_immediate_foreign_keys', class: Migration20261210010000_immediate_foreign_keys },
    { name: 'Migration20261215000000_channel_transfers', class: Migration20261215000000_channel_transfers },
    { name: 'Migration20261222000000_software', class: Migration20261222000000_software },
    { name: 'Migration20261223000000_scheduled_changes', class: Migration20261223000000_scheduled_changes },
    { name: 'Migration20270203010000_billing_schedule', class: Migration20270203010000_billing_schedule },
    { name: 'Migration20270203020000_invoices', class: Migration20270203020000_invoices },
    { name: 'Migration20270205020000_partner_subscription_list', class: Migration20270205020000_partner_subscription_list },
    { name: 'Migration20270209010000_subscription_list_price', class: Migration20270209010000_subscription_list_price },
    { name: 'Migration20270320000000_operator_subscription_list', class: Migration20270320000000_operator_subscription_list },
    { name: 'Migration20270401000000_due_lease', class: Migration20270401000000_due_lease },
  ],
  createLoaders,
  // SW-2: download links and BIL-4: reconciliation files, served by the gateway's public paths.
  routes: async (req, res, orm, contextFor) => (await softwareDownloadRoute(req, res, orm)) || reconciliationRoute(req, res, orm, contextFor),
  dueQueues: [dueWorkQueue, billingQueue],
  // REL-7 facts first: a removal heard in the same run stops an EA renewal or a transfer (EA-8, XFR-2).
  consumers: [relationshipsConsumer, eaRenewalsConsumer, transfersConsumer],
};
