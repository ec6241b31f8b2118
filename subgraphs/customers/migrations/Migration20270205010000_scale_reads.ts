import { Migration } from '@mikro-orm/migrations';

/**
 * Reads that stay as fast for a partner with 100,000 customers as for one with 100
 * (docs/platform.md, "Large partners"):
 * - the number of customers of each partner, kept by a trigger on every write of a relationship
 *   (in the writing transaction), in eight rows per partner so that concurrent writes of one
 *   partner seldom wait on the same row; `customers { totalCount }` sums them instead of counting
 *   the partner's relationships;
 * - trigram indexes (pg_trgm) for the case-insensitive search on name or domain (`%…%` patterns,
 *   which a b-tree cannot serve), without GIN's pending list (`fastupdate = off`): new customers
 *   go straight into the index instead of a list every search reads through until it is merged;
 * - an indirect reseller's customers in id order, for keyset pages of its list (RES-6).
 */
export class Migration20270205010000_scale_reads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table customers.partner_customer_count (
        partner_id text not null,
        shard smallint not null,
        customers bigint not null,
        primary key (partner_id, shard)
      );
      create function customers.count_partner_customers() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.status = 'ACTIVE' then
          insert into customers.partner_customer_count as c (partner_id, shard, customers)
            values (old.partner_id, abs(hashtext(old.customer_id)) % 8, -1)
            on conflict (partner_id, shard) do update set customers = c.customers - 1;
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.status = 'ACTIVE' then
          insert into customers.partner_customer_count as c (partner_id, shard, customers)
            values (new.partner_id, abs(hashtext(new.customer_id)) % 8, 1)
            on conflict (partner_id, shard) do update set customers = c.customers + 1;
        end if;
        return null;
      end
      $$;
      create trigger customer_relationship_count after insert or delete on customers.customer_relationship
        for each row execute function customers.count_partner_customers();
      create trigger customer_relationship_count_update after update of status, partner_id, customer_id on customers.customer_relationship
        for each row when (old.status is distinct from new.status or old.partner_id is distinct from new.partner_id or old.customer_id is distinct from new.customer_id)
        execute function customers.count_partner_customers();
      insert into customers.partner_customer_count (partner_id, shard, customers)
        select partner_id, abs(hashtext(customer_id)) % 8, count(*) from customers.customer_relationship
         where status = 'ACTIVE' group by 1, 2;

      create extension if not exists pg_trgm with schema public;
      create index customer_company_name_trgm on customers.customer using gin (company_name public.gin_trgm_ops) with (fastupdate = off);
      create index customer_domain_trgm on customers.customer using gin (domain public.gin_trgm_ops) with (fastupdate = off);
      create index customer_relationship_reseller_customer on customers.customer_relationship (indirect_reseller_id, customer_id) where status = 'ACTIVE' and indirect_reseller_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index customers.customer_relationship_reseller_customer;
      drop index customers.customer_domain_trgm;
      drop index customers.customer_company_name_trgm;
      drop trigger customer_relationship_count_update on customers.customer_relationship;
      drop trigger customer_relationship_count on customers.customer_relationship;
      drop function customers.count_partner_customers();
      drop table customers.partner_customer_count;
    `);
  }
}
