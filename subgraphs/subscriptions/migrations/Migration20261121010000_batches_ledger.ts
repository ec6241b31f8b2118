import { Migration } from '@mikro-orm/migrations';

/** SUB-2 license batches, SUB-3 ledger, and the commercial facts a subscription keeps. */
export class Migration20261121010000_batches_ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table subscriptions.subscription
        add column currency char(3),
        add column unit_price numeric(14,4),
        add column order_id text;
      create table subscriptions.license_batch (
        id text primary key,
        subscription_id text not null references subscriptions.subscription (id),
        kind text not null,
        quantity integer not null check (quantity > 0),
        removed integer not null default 0 check (removed >= 0 and removed <= quantity),
        added_at timestamptz not null,
        reducible_until timestamptz not null
      );
      create index license_batch_subscription on subscriptions.license_batch (subscription_id, reducible_until);
      create table subscriptions.ledger_entry (
        id text primary key,
        subscription_id text not null references subscriptions.subscription (id),
        kind text not null check (kind in ('CHARGE', 'REFUND', 'CREDIT')),
        amount_value numeric(14,4) not null,
        currency char(3) not null,
        quantity integer,
        description text,
        at timestamptz not null
      );
      create index ledger_entry_subscription on subscriptions.ledger_entry (subscription_id, at);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table subscriptions.ledger_entry; drop table subscriptions.license_batch;
      alter table subscriptions.subscription drop column currency, drop column unit_price, drop column order_id;`);
  }
}
