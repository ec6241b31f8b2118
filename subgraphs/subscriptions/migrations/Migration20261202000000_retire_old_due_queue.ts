import { Migration } from '@mikro-orm/migrations';

/**
 * Due work moved to the shared job runner under the queue `subscriptions.due-work`; the
 * every-minute schedule of the old queue name would keep sending jobs nobody works.
 */
export class Migration20261202000000_retire_old_due_queue extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      do $$ begin
        if to_regclass('pgboss.schedule') is not null then
          delete from pgboss.schedule where name = 'subscriptions-due-work';
        end if;
      end $$;
    `);
  }
}
