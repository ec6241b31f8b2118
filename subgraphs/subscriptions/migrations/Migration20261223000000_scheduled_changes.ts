import { Migration } from '@mikro-orm/migrations';

/** SCH-1: the change saved for a subscription's next renewal (one per subscription). */
export class Migration20261223000000_scheduled_changes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table subscriptions.scheduled_change (
        id text primary key,
        subscription_id text not null unique references subscriptions.subscription (id),
        offer_id text,
        quantity integer check (quantity > 0),
        term_duration text,
        billing_frequency text,
        custom_term_end timestamptz,
        coterminous_with_subscription_id text,
        saved_at timestamptz not null
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table subscriptions.scheduled_change;');
  }
}
