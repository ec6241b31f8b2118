import { Migration } from '@mikro-orm/migrations';

/**
 * BIL-5: a subscription whose term was granted a promotion keeps the monthly list price beside
 * the discounted one it is billed at (null: no promotion, the unit price is the list price).
 */
export class Migration20270209010000_subscription_list_price extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table subscriptions.subscription add column list_unit_price numeric(14,4);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table subscriptions.subscription drop column list_unit_price;`);
  }
}
