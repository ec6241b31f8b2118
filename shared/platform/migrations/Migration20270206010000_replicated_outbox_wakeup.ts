import { Migration } from '@mikro-orm/migrations';

/**
 * With subgraphs on separate databases, events of other subgraphs arrive in this database by
 * logical replication, not through a unit of work that could wake the consumers. A row trigger
 * enabled for replica sessions only (the apply process runs as one; ordinary sessions never fire
 * it) notifies `csp_outbox_replicated`, which the job runner listens to (shared/jobs/runner.ts).
 * pg_notify sends one notification per transaction and channel, however many rows it inserts.
 */
export class Migration20270206010000_replicated_outbox_wakeup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function platform.outbox_replicated() returns trigger language plpgsql as $$
      begin
        perform pg_notify('csp_outbox_replicated', '');
        return null;
      end $$;
      create trigger outbox_replicated after insert on platform.outbox_event for each row execute function platform.outbox_replicated();
      alter table platform.outbox_event enable replica trigger outbox_replicated;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists outbox_replicated on platform.outbox_event; drop function if exists platform.outbox_replicated();');
  }
}
