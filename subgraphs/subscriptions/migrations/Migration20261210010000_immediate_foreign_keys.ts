import { Migration } from '@mikro-orm/migrations';

/**
 * The ORM now knows the relations of batches, ledger lines and add-ons to their subscription,
 * so one flush inserts a subscription before its batch and charge: the foreign keys to
 * `subscription` are checked at once again instead of at commit.
 */
export class Migration20261210010000_immediate_foreign_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table subscriptions.license_batch alter constraint license_batch_subscription_id_fkey not deferrable;
      alter table subscriptions.ledger_entry alter constraint ledger_entry_subscription_id_fkey not deferrable;
      alter table subscriptions.subscription alter constraint subscription_base_subscription_id_fkey not deferrable;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table subscriptions.license_batch alter constraint license_batch_subscription_id_fkey deferrable initially deferred;
      alter table subscriptions.ledger_entry alter constraint ledger_entry_subscription_id_fkey deferrable initially deferred;
      alter table subscriptions.subscription alter constraint subscription_base_subscription_id_fkey deferrable initially deferred;
    `);
  }
}
