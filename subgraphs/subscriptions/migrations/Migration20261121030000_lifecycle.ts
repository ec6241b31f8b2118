import { Migration } from '@mikro-orm/migrations';

/**
 * Lifecycle facts (SUB-5, SUB-6, SUB-7): when a subscription was cancelled or expired, the end
 * of its 30-day grace period, and when it ended (data deleted). The partial index serves the
 * due-work scan of the renewal jobs.
 */
export class Migration20261121030000_lifecycle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table subscriptions.subscription
        add column cancelled_at timestamptz,
        add column expired_at timestamptz,
        add column grace_until timestamptz,
        add column ended_at timestamptz;
      create index subscription_due on subscriptions.subscription (term_end) where status in ('ACTIVE', 'SUSPENDED');
      create index subscription_grace on subscriptions.subscription (grace_until) where status = 'EXPIRED' and ended_at is null;
      create index subscription_base on subscriptions.subscription (base_subscription_id) where base_subscription_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index subscriptions.subscription_due; drop index subscriptions.subscription_grace; drop index subscriptions.subscription_base;
      alter table subscriptions.subscription drop column cancelled_at, drop column expired_at, drop column grace_until, drop column ended_at;`);
  }
}
