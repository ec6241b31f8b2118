import { Migration } from '@mikro-orm/migrations';

/**
 * The partner-wide `subscriptions` list (docs/platform.md, "Large partners"): keyset pages in
 * term-end order per partner, per partner and state (the dashboard's "active, ending soonest"),
 * per partner and offer, and the same orders for an indirect reseller of record (ACT-1). Creation
 * order per partner is the existing (partner_id, id) index.
 */
export class Migration20270205020000_partner_subscription_list extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create index subscription_partner_term_end on subscriptions.subscription (partner_id, term_end, id);
      create index subscription_partner_status_term_end on subscriptions.subscription (partner_id, status, term_end, id);
      create index subscription_partner_offer on subscriptions.subscription (partner_id, offer_id, id);
      create index subscription_reseller_id on subscriptions.subscription (reseller_tenant_id, id) where reseller_tenant_id is not null;
      create index subscription_reseller_term_end on subscriptions.subscription (reseller_tenant_id, term_end, id) where reseller_tenant_id is not null;
      drop index subscriptions.subscription_reseller;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      create index subscription_reseller on subscriptions.subscription (reseller_tenant_id) where reseller_tenant_id is not null;
      drop index subscriptions.subscription_reseller_term_end;
      drop index subscriptions.subscription_reseller_id;
      drop index subscriptions.subscription_partner_offer;
      drop index subscriptions.subscription_partner_status_term_end;
      drop index subscriptions.subscription_partner_term_end;
    `);
  }
}
