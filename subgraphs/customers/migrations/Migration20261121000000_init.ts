import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table customers.partner (
        id text primary key,
        name text not null,
        type text not null check (type in ('DIRECT_BILL', 'INDIRECT_PROVIDER', 'INDIRECT_RESELLER')),
        partner_id text not null unique,
        region text not null,
        mpa_signed boolean not null default true,
        created_at timestamptz not null
      );
      create table customers.customer (
        id text primary key,
        company_name text not null,
        domain text not null unique,
        country char(2) not null,
        segment text not null,
        admin_user_name text not null,
        admin_password_hash text not null,
        agreement_signer_name text,
        agreement_signer_email text,
        agreement_accepted_at timestamptz,
        created_by_partner_id text not null,
        created_at timestamptz not null
      );
      create index customer_company_name_lower on customers.customer (lower(company_name));
      create table customers.customer_relationship (
        id text primary key,
        partner_id text not null,
        customer_id text not null references customers.customer (id),
        indirect_reseller_id text,
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'REMOVED')),
        created_at timestamptz not null,
        removed_at timestamptz
      );
      create unique index customer_relationship_active on customers.customer_relationship (partner_id, customer_id) where status = 'ACTIVE';
      create index customer_relationship_customer on customers.customer_relationship (customer_id);
      create index customer_relationship_reseller on customers.customer_relationship (indirect_reseller_id) where indirect_reseller_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table customers.customer_relationship; drop table customers.customer; drop table customers.partner;');
  }
}
