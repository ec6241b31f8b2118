import { Migration } from '@mikro-orm/migrations';

/**
 * Foreign keys to `subscription` are checked at commit: one flush inserts a subscription with
 * its first license batch and ledger charge (SUB-2, SUB-3), and the ORM orders inserts of
 * entities without ORM relations freely. The transaction stays all-or-nothing (ORD-1).
 */
export class Migration20261121020100_deferred_foreign_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table subscriptions.license_batch alter constraint license_batch_subscription_id_fkey deferrable initially deferred;
      alter table subscriptions.ledger_entry alter constraint ledger_entry_subscription_id_fkey deferrable initially deferred;
      alter table subscriptions.subscription alter constraint subscription_base_subscription_id_fkey deferrable initially deferred;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table subscriptions.license_batch alter constraint license_batch_subscription_id_fkey not deferrable;
      alter table subscriptions.ledger_entry alter constraint ledger_entry_subscription_id_fkey not deferrable;
      alter table subscriptions.subscription alter constraint subscription_base_subscription_id_fkey not deferrable;
    `);
  }
}
