import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table catalog.offer (
        id text primary key,
        name text not null,
        provisioning_id text not null unique,
        product_family text not null,
        publisher text not null check (publisher in ('MICROSOFT', 'ISV')),
        isv_publisher text,
        billing_type text not null check (billing_type in ('LICENSE', 'USAGE')),
        category text not null check (category in ('ENTERPRISE', 'SMALL_BUSINESS', 'TRIAL')),
        segments text[] not null,
        lifecycle text not null check (lifecycle in ('AVAILABLE', 'END_OF_SALE', 'END_OF_SALE_WITH_CONVERSIONS')),
        term_durations text[] not null,
        billing_frequencies text[] not null,
        min_quantity integer not null default 1,
        max_quantity integer not null default 10000,
        one_per_customer boolean not null default false,
        prerequisites text[] not null default '{}',
        markets text[] not null,
        trial_offer_id text
      );
      create index offer_name_lower on catalog.offer (lower(name));
      create table catalog.offer_price (
        offer_id text not null references catalog.offer (id) on delete cascade,
        market char(2) not null,
        currency char(3) not null,
        amount numeric(14,4) not null check (amount >= 0),
        tax_included boolean not null,
        primary key (offer_id, market)
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table catalog.offer_price; drop table catalog.offer;');
  }
}
