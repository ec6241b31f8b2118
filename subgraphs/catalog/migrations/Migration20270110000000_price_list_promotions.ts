import { Migration } from '@mikro-orm/migrations';

/**
 * BIL-7, BIL-5: Partner Center's product and SKU ids on offers, the license-based price list
 * with effective dates (per offer, market, segment, term, billing plan, pricing tier and
 * currency), its unlogged staging area for streamed imports, and promotions.
 */
export class Migration20270110000000_price_list_promotions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table catalog.offer
        add column product_id text check (product_id ~ '^[A-Z0-9]{12}$'),
        add column sku_id text check (sku_id ~ '^[A-Z0-9]{4}$'),
        add constraint offer_product_sku_together check ((product_id is null) = (sku_id is null)),
        -- Checked at commit: one import may move a ProductId/SkuId from one offer to another.
        add constraint offer_product_sku unique (product_id, sku_id) deferrable initially deferred;

      create table catalog.price_list_entry (
        offer_id text not null references catalog.offer (id) on delete cascade,
        market text not null check (market ~ '^[A-Z]{2}$'),
        segment text not null check (segment in ('COMMERCIAL', 'EDUCATION', 'GOVERNMENT', 'NONPROFIT')),
        term_duration text not null check (term_duration in ('P1M', 'P1Y', 'P3Y')),
        billing_plan text not null check (billing_plan in ('MONTHLY', 'ANNUAL', 'TRIENNIAL')),
        tier_min integer not null check (tier_min >= 0),
        effective_start timestamptz not null,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        tier_max integer check (tier_max >= tier_min),
        effective_end timestamptz not null check (effective_end >= effective_start),
        unit_price numeric(18,6) not null check (unit_price >= 0),
        erp_price numeric(18,6) check (erp_price >= 0),
        -- The key of a row of the file; its prefix serves "the price in effect at an instant".
        primary key (offer_id, market, segment, term_duration, billing_plan, tier_min, effective_start, currency)
      );

      -- Rows of an import in progress: streamed in batches outside any transaction, merged in one.
      create unlogged table catalog.price_list_staging (
        import_id text not null,
        record integer not null,
        line integer not null,
        offer_id text not null,
        market text not null,
        segment text not null,
        term_duration text not null,
        billing_plan text not null,
        tier_min integer not null,
        effective_start timestamptz not null,
        currency text not null,
        tier_max integer,
        effective_end timestamptz not null,
        unit_price numeric(18,6) not null,
        erp_price numeric(18,6),
        staged_at timestamptz not null default clock_timestamp(),
        primary key (import_id, record)
      );

      create table catalog.promotion (
        id text primary key,
        offer_id text not null references catalog.offer (id) on delete cascade,
        markets text[] not null,
        segment text not null check (segment in ('COMMERCIAL', 'EDUCATION', 'GOVERNMENT', 'NONPROFIT')),
        term_duration text not null check (term_duration in ('P1M', 'P1Y', 'P3Y')),
        billing_frequency text not null check (billing_frequency in ('MONTHLY', 'ANNUAL', 'TRIENNIAL')),
        discount_percent numeric(5,2) not null check (discount_percent > 0 and discount_percent <= 100),
        start_date timestamptz not null,
        end_date timestamptz not null check (end_date > start_date),
        applies_to text[] not null,
        min_quantity integer check (min_quantity >= 1),
        max_quantity integer check (max_quantity >= coalesce(min_quantity, 1))
      );
      create index promotion_offer on catalog.promotion (offer_id, id);
      create index promotion_markets on catalog.promotion using gin (markets);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table catalog.promotion;
      drop table catalog.price_list_staging;
      drop table catalog.price_list_entry;
      alter table catalog.offer drop constraint offer_product_sku, drop constraint offer_product_sku_together,
        drop column product_id, drop column sku_id;
    `);
  }
}
