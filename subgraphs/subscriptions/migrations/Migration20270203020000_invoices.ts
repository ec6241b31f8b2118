import { Migration } from '@mikro-orm/migrations';

/**
 * BIL-3: monthly invoices per partner and currency, and their lines (one per ledger line, with
 * what its reconciliation row needs). One invoice per partner, currency and month; invoice
 * numbers unique per partner.
 */
export class Migration20270203020000_invoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table subscriptions.invoice (
        id text primary key,
        partner_id text not null,
        number integer not null,
        period_start timestamptz not null,
        period_end timestamptz not null,
        status text not null check (status in ('OPEN', 'CLOSED')),
        currency text not null,
        closed_at timestamptz,
        closed_total numeric(16,4),
        unique (partner_id, currency, period_start),
        unique (partner_id, number)
      );
      create index invoice_status_period_end_index on subscriptions.invoice (status, period_end);
      create index invoice_partner_period_index on subscriptions.invoice (partner_id, period_start desc, id);
      create table subscriptions.invoice_line (
        id text primary key,
        invoice_id text not null references subscriptions.invoice (id),
        ledger_entry_id text unique,
        partner_id text not null,
        customer_id text not null,
        subscription_id text,
        order_line_id text,
        order_id text,
        order_date timestamptz,
        offer_id text not null,
        charge_type text not null,
        quantity integer,
        unit_price numeric(14,4),
        effective_unit_price numeric(14,4),
        amount_value numeric(14,4) not null,
        currency text not null,
        charge_start timestamptz,
        charge_end timestamptz,
        at timestamptz not null,
        promotion_id text,
        reseller_partner_id text,
        term_duration text,
        billing_frequency text,
        described boolean not null default false,
        customer_name text,
        customer_domain text,
        customer_country text,
        product_id text,
        sku_id text,
        product_name text,
        sku_name text,
        mpn_id text
      );
      create index invoice_line_invoice_id_index on subscriptions.invoice_line (invoice_id, id);
      create index invoice_line_undescribed_index on subscriptions.invoice_line (invoice_id) where not described;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table subscriptions.invoice_line; drop table subscriptions.invoice;');
  }
}
