import { Migration } from '@mikro-orm/migrations';

/** EA-8 and XFR-2: what EA renewals and partner-to-partner transfers produced here, keyed for idempotency. */
export class Migration20261215000000_channel_transfers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table subscriptions.ea_renewal (
        schedule_id text primary key,
        order_id text not null unique,
        subscription_id text not null,
        partner_id text not null,
        customer_id text not null,
        agreement_number text not null,
        completed_at timestamptz not null
      );
      create table subscriptions.transfer_move (
        transfer_id text primary key,
        items jsonb not null,
        moved_at timestamptz not null
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table subscriptions.transfer_move; drop table subscriptions.ea_renewal;');
  }
}
