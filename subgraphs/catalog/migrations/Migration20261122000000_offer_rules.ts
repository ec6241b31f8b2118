import { Migration } from '@mikro-orm/migrations';

/** Facts the catalog rules need (CAT-3 … CAT-10) and the upgrade paths as data (CAT-10). */
export class Migration20261122000000_offer_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table catalog.offer
        add column list_price_usd numeric(14,4) not null default 0 check (list_price_usd >= 0),
        add column teams text check (teams in ('WITH', 'WITHOUT')),
        add column paid_offer_id text,
        add column add_on_rule text check (add_on_rule in ('COPILOT_MAX_BASE', 'MULTI_GEO_MIN_PERCENT')),
        add column add_on_percent integer check (add_on_percent between 0 and 100),
        add column exclusive_partners text[] not null default '{}',
        add column csp_opt_out boolean not null default false,
        add column transactable boolean not null default true,
        add column marketplace_trial_days integer check (marketplace_trial_days > 0),
        add column setup_url text,
        add column is_software boolean not null default false,
        add column is_perpetual boolean not null default false,
        add column cancellable boolean not null default true,
        add constraint offer_quantity_range check (min_quantity >= 1 and max_quantity >= min_quantity);
      create table catalog.upgrade_path (
        source_provisioning_id text not null,
        target_provisioning_id text not null,
        kind text not null check (kind in ('LINEAR', 'CATEGORY_SWITCH', 'MANY_TO_ONE')),
        primary key (source_provisioning_id, target_provisioning_id),
        check (source_provisioning_id <> target_provisioning_id)
      );
      create index upgrade_path_target on catalog.upgrade_path (target_provisioning_id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table catalog.upgrade_path;
      alter table catalog.offer drop constraint offer_quantity_range,
        drop column list_price_usd, drop column teams, drop column paid_offer_id, drop column add_on_rule,
        drop column add_on_percent, drop column exclusive_partners, drop column csp_opt_out, drop column transactable,
        drop column marketplace_trial_days, drop column setup_url, drop column is_software, drop column is_perpetual,
        drop column cancellable;
    `);
  }
}
