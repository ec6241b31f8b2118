import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table subscriptions.subscription (
        id text primary key,
        partner_id text not null,
        customer_id text not null,
        offer_id text not null,
        quantity integer not null check (quantity >= 0),
        status text not null check (status in ('PENDING', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'CANCELLED')),
        auto_renew boolean not null default true,
        is_trial boolean not null default false,
        term_start timestamptz not null,
        term_end timestamptz not null,
        term_duration text not null,
        billing_frequency text not null,
        friendly_name text,
        promotion_id text,
        reseller_partner_id text,
        reseller_tenant_id text,
        support_contact_id text,
        base_subscription_id text references subscriptions.subscription (id),
        update_count integer not null default 0,
        version integer not null default 1,
        created_at timestamptz not null
      );
      create index subscription_customer_partner on subscriptions.subscription (customer_id, partner_id, id);
      create index subscription_partner on subscriptions.subscription (partner_id, id);
      create index subscription_reseller on subscriptions.subscription (reseller_tenant_id) where reseller_tenant_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table subscriptions.subscription;');
  }
}
