import { Migration } from '@mikro-orm/migrations';

/** ORD-1 carts, ORD-5 orders with per-line status, ORD-7 idempotency keys. */
export class Migration20261121020000_carts_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table subscriptions.cart (
        id text primary key,
        partner_id text not null,
        customer_id text not null,
        status text not null default 'OPEN' check (status in ('OPEN', 'CHECKED_OUT')),
        lines jsonb not null default '[]'::jsonb,
        order_id text,
        created_by text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version integer not null default 1
      );
      create index cart_partner on subscriptions.cart (partner_id, id);
      create table subscriptions.customer_order (
        id text primary key,
        partner_id text not null,
        customer_id text not null,
        cart_id text,
        created_by text not null,
        created_at timestamptz not null,
        attestation_accepted boolean not null default false,
        additional_resellers text[] not null default '{}'
      );
      create index customer_order_customer_partner on subscriptions.customer_order (customer_id, partner_id, id);
      create index customer_order_partner on subscriptions.customer_order (partner_id, id);
      create table subscriptions.order_line (
        id text primary key,
        order_id text not null,
        position integer not null,
        offer_id text not null,
        quantity integer not null check (quantity > 0),
        term_duration text,
        billing_frequency text,
        reseller_partner_id text,
        status text not null,
        subscription_id text,
        setup_url text
      );
      create index order_line_order on subscriptions.order_line (order_id, position);
      create table subscriptions.idempotency_key (
        partner_id text not null,
        key text not null,
        fingerprint text not null,
        operation text not null,
        order_id text,
        created_at timestamptz not null,
        primary key (partner_id, key)
      );
      create index idempotency_key_created on subscriptions.idempotency_key (created_at);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table subscriptions.idempotency_key; drop table subscriptions.order_line;
      drop table subscriptions.customer_order; drop table subscriptions.cart;`);
  }
}
