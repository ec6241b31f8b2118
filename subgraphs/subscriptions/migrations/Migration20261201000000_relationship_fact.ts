import { Migration } from '@mikro-orm/migrations';

/** REL-1/REL-7: relationship facts applied from the customers subgraph's events (checkout re-checks them). */
export class Migration20261201000000_relationship_fact extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table subscriptions.relationship_fact (
        partner_id text not null,
        customer_id text not null,
        active boolean not null,
        changed_at timestamptz not null,
        primary key (partner_id, customer_id)
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table subscriptions.relationship_fact;`);
  }
}
