import { Migration } from '@mikro-orm/migrations';

/**
 * Software facts of a SKU as data (SW-2, SW-3, SW-4) and the CAT-8 flags: which SKUs are Azure
 * reservations (the only ones the seed 003 market list restricts) and which are sold to
 * commercial customers only (reservations and server subscriptions).
 */
export class Migration20261222000000_software_catalog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table catalog.offer
        add column azure_reservation boolean not null default false,
        add column commercial_only boolean not null default false,
        add column exchangeable boolean not null default true,
        add column software_versions text[] not null default '{}',
        add column software_languages text[] not null default '{}',
        add column software_file_types text[] not null default '{}',
        add column software_key_kind text check (software_key_kind in ('MULTIPLE_ACTIVATION', 'NONE')),
        add column install_instructions_url text,
        add column term_billing jsonb;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table catalog.offer drop column azure_reservation, drop column commercial_only, drop column exchangeable,
        drop column software_versions, drop column software_languages, drop column software_file_types,
        drop column software_key_kind, drop column install_instructions_url, drop column term_billing;
    `);
  }
}
