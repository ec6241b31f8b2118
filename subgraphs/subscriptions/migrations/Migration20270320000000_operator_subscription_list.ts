import { Migration } from '@mikro-orm/migrations';

/**
 * The operator's partner-wide `subscriptions` list (ACT-2: the platform identity sees every
 * partner, so no partner id leads its condition): keyset pages in term-end order across all
 * partners, and per state (the operator's "active, ending soonest"). Creation order across all
 * partners is the primary key (id).
 */
export class Migration20270320000000_operator_subscription_list extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create index subscription_term_end on subscriptions.subscription (term_end, id);
      create index subscription_status_term_end on subscriptions.subscription (status, term_end, id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index subscriptions.subscription_status_term_end;
      drop index subscriptions.subscription_term_end;
    `);
  }
}
