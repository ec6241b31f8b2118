import { Migration } from '@mikro-orm/migrations';

/**
 * Due work that failed: one row per (queue, item) while it keeps failing, so the operator sees
 * it and the workers park it after a bounded number of attempts instead of retrying it first
 * on every run.
 */
export class Migration20261220000000_due_work_failure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table platform.due_work_failure (
        queue text not null,
        item_id text not null,
        attempts integer not null,
        last_error text not null,
        first_failed_at timestamptz not null,
        last_failed_at timestamptz not null,
        primary key (queue, item_id)
      );
      create index due_work_failure_last on platform.due_work_failure (last_failed_at desc, queue, item_id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists platform.due_work_failure;');
  }
}
