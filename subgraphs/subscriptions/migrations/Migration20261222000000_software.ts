import { Migration } from '@mikro-orm/migrations';

/**
 * SW-2: product keys (one per software subscription or perpetual order line and version, kept
 * so every later view shows the same key), expiring download links, and the activity log of
 * key views and downloads. SW-5: charges and credits of perpetual software order lines.
 */
export class Migration20261222000000_software extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table subscriptions.software_key (
        id text primary key,
        partner_id text not null,
        customer_id text not null,
        target_id text not null,
        subscription_id text,
        order_line_id text,
        offer_id text not null,
        version text not null,
        product_key text,
        key_type text not null check (key_type in ('MULTIPLE_ACTIVATION', 'NONE')),
        created_at timestamptz not null,
        revoked_at timestamptz,
        check ((subscription_id is null) <> (order_line_id is null)),
        unique (target_id, version)
      );
      create table subscriptions.software_download_link (
        id text primary key,
        partner_id text not null,
        target_id text not null,
        subscription_id text,
        order_line_id text,
        offer_id text not null,
        version text not null,
        language text,
        file_type text not null,
        file_name text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        check ((subscription_id is null) <> (order_line_id is null))
      );
      create index software_download_link_target on subscriptions.software_download_link (target_id);
      create table subscriptions.software_activity (
        id text primary key,
        partner_id text not null,
        user_id text not null,
        action text not null check (action in ('KEYS_VIEWED', 'DOWNLOADED')),
        subscription_id text,
        order_line_id text,
        offer_id text not null,
        version text not null,
        language text,
        file_type text,
        at timestamptz not null
      );
      create index software_activity_partner_at on subscriptions.software_activity (partner_id, at, id);
      create table subscriptions.software_ledger_entry (
        id text primary key,
        order_line_id text not null references subscriptions.order_line (id),
        kind text not null check (kind in ('CHARGE', 'CREDIT')),
        amount_value numeric(14,4) not null check (amount_value >= 0),
        currency text not null,
        quantity integer,
        description text,
        at timestamptz not null
      );
      create index software_ledger_entry_line on subscriptions.software_ledger_entry (order_line_id, at);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table subscriptions.software_ledger_entry; drop table subscriptions.software_activity;
      drop table subscriptions.software_download_link; drop table subscriptions.software_key;`);
  }
}
