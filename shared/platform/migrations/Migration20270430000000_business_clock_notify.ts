import { Migration } from '@mikro-orm/migrations';

/**
 * Every change of the business clock's row notifies `csp_business_clock` when it commits, so a
 * process that keeps the clock's offset in memory (shared/clock-cache.ts) drops it. A trigger
 * rather than a NOTIFY in `setSandboxClock`: no way of moving the clock can forget it.
 */
export class Migration20270430000000_business_clock_notify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function platform.business_clock_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('csp_business_clock', '');
        return null;
      end $$;
      create trigger business_clock_changed after insert or update or delete on platform.business_clock for each statement execute function platform.business_clock_changed();
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists business_clock_changed on platform.business_clock; drop function if exists platform.business_clock_changed();');
  }
}
