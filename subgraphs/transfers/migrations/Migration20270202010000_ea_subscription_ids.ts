import { Migration } from '@mikro-orm/migrations';

/**
 * The EA system's own id of an EA subscription: with it one agreement may hold two subscriptions
 * of one SKU (different end dates), and a re-import updates each by its id. Without it a SKU
 * stays unique per agreement, as before.
 */
export class Migration20270202010000_ea_subscription_ids extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table transfers.ea_subscription add column ea_system_id text;
      drop index transfers.ea_subscription_sku;
      create unique index ea_subscription_sku on transfers.ea_subscription (agreement_id, provisioning_id) where ea_system_id is null;
      create unique index ea_subscription_system_id on transfers.ea_subscription (agreement_id, ea_system_id) where ea_system_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index transfers.ea_subscription_system_id;
      drop index transfers.ea_subscription_sku;
      delete from transfers.ea_subscription where ea_system_id is not null and exists (
        select 1 from transfers.ea_subscription other
         where other.agreement_id = ea_subscription.agreement_id and other.provisioning_id = ea_subscription.provisioning_id and other.id < ea_subscription.id);
      create unique index ea_subscription_sku on transfers.ea_subscription (agreement_id, provisioning_id);
      alter table transfers.ea_subscription drop column ea_system_id;
    `);
  }
}
