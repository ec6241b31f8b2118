import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table transfers.enterprise_agreement (
        id text primary key,
        customer_id text not null,
        number text not null unique,
        end_date date not null,
        in_extended_term boolean not null default false,
        imported_at timestamptz not null
      );
      create index enterprise_agreement_customer on transfers.enterprise_agreement (customer_id, end_date);
      create table transfers.ea_subscription (
        id text primary key,
        agreement_id text not null references transfers.enterprise_agreement (id),
        provisioning_id text not null,
        quantity integer not null check (quantity > 0),
        end_date date not null,
        commercial boolean not null default true
      );
      create index ea_subscription_agreement on transfers.ea_subscription (agreement_id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table transfers.ea_subscription; drop table transfers.enterprise_agreement;');
  }
}
