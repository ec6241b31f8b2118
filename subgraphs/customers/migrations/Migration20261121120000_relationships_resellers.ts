import { Migration } from '@mikro-orm/migrations';

/** REL-2 relationship requests, RES-1…RES-5 reseller invitations and partnerships. */
export class Migration20261121120000_relationships_resellers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table customers.relationship_request (
        id text primary key,
        partner_id text not null references customers.partner (id),
        indirect_reseller_id text references customers.partner (id),
        status text not null default 'PENDING' check (status in ('PENDING', 'ACCEPTED', 'REVOKED')),
        customer_id text references customers.customer (id),
        created_at timestamptz not null,
        accepted_at timestamptz
      );
      create index relationship_request_partner on customers.relationship_request (partner_id, id);
      create table customers.reseller_invitation (
        id text primary key,
        provider_id text not null references customers.partner (id),
        reseller_email text not null,
        reseller_partner_id text,
        reseller_id text references customers.partner (id),
        status text not null default 'PENDING' check (status in ('PENDING', 'ACCEPTED')),
        created_at timestamptz not null,
        accepted_at timestamptz
      );
      create index reseller_invitation_provider on customers.reseller_invitation (provider_id, id);
      create table customers.reseller_partnership (
        id text primary key,
        provider_id text not null references customers.partner (id),
        reseller_id text not null references customers.partner (id),
        invitation_id text references customers.reseller_invitation (id),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'REMOVED')),
        created_at timestamptz not null,
        removed_at timestamptz,
        removed_by text
      );
      create unique index reseller_partnership_active on customers.reseller_partnership (provider_id, reseller_id) where status = 'ACTIVE';
      create index reseller_partnership_reseller on customers.reseller_partnership (reseller_id) where status = 'ACTIVE';
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table customers.reseller_partnership; drop table customers.reseller_invitation; drop table customers.relationship_request;');
  }
}
