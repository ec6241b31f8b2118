import { Migration } from '@mikro-orm/migrations';

/**
 * EA renewals to CSP (EA-1 … EA-8) and partner-to-partner transfers (XFR-1, XFR-2). EA-6 is
 * the partial unique index: one holding schedule per EA subscription, whoever asks first.
 */
export class Migration20261215000000_renewals_transfers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table transfers.enterprise_agreement add column renewed boolean not null default false;
      alter table transfers.ea_subscription add column offer_id text;
      create unique index ea_subscription_sku on transfers.ea_subscription (agreement_id, provisioning_id);

      create table transfers.ea_renewal_schedule (
        id text primary key,
        ea_subscription_id text not null references transfers.ea_subscription (id),
        partner_id text not null,
        partner_type text not null,
        customer_id text not null,
        status text not null check (status in ('SCHEDULED', 'PROCESSING', 'COMPLETED', 'CANCELLED', 'FAILED')),
        quantity integer not null check (quantity > 0),
        term_duration text not null,
        billing_frequency text not null,
        coterminous_with_subscription_id text,
        submitted_at timestamptz not null,
        submitted_by text not null,
        subscription_id text,
        status_reason text,
        created_at timestamptz not null,
        cancelled_at timestamptz,
        completed_at timestamptz
      );
      create unique index ea_renewal_schedule_holder on transfers.ea_renewal_schedule (ea_subscription_id)
        where status in ('SCHEDULED', 'PROCESSING', 'COMPLETED');
      create index ea_renewal_schedule_partner on transfers.ea_renewal_schedule (ea_subscription_id, partner_id, id);
      create index ea_renewal_schedule_due on transfers.ea_renewal_schedule (id) where status = 'SCHEDULED';

      create table transfers.transfer_request (
        id text primary key,
        customer_id text not null,
        source_tenant_id text not null,
        source_partner_id text not null,
        target_tenant_id text not null,
        target_partner_id text not null,
        customer_email text not null,
        status text not null check (status in ('PENDING', 'ACCEPTED', 'COMPLETED', 'REJECTED', 'CANCELLED', 'EXPIRED')),
        created_by text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        answered_at timestamptz,
        completed_at timestamptz,
        failure_reason text,
        check (source_tenant_id <> target_tenant_id)
      );
      create unique index transfer_request_open on transfers.transfer_request (customer_id, source_tenant_id, target_tenant_id)
        where status in ('PENDING', 'ACCEPTED');
      create index transfer_request_source on transfers.transfer_request (source_tenant_id, id);
      create index transfer_request_target on transfers.transfer_request (target_tenant_id, id);
      create index transfer_request_expiry on transfers.transfer_request (expires_at) where status = 'PENDING';

      create table transfers.transfer_item (
        transfer_id text not null references transfers.transfer_request (id),
        source_subscription_id text not null,
        position integer not null,
        target_subscription_id text,
        primary key (transfer_id, source_subscription_id)
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table transfers.transfer_item;
      drop table transfers.transfer_request;
      drop table transfers.ea_renewal_schedule;
      drop index transfers.ea_subscription_sku;
      alter table transfers.ea_subscription drop column offer_id;
      alter table transfers.enterprise_agreement drop column renewed;
    `);
  }
}
