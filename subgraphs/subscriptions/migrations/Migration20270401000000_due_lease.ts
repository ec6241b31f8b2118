import { Migration } from '@mikro-orm/migrations';

/**
 * SUB-7 at month-end: a due subscription read by one worker's batch is leased to it until
 * `due_leased_until` (wall time), so that a second worker's scan reads the next batch instead of
 * the same one. The lease is plumbing of the due scan, not a change of the subscription: it
 * moves no version and records nothing; a worker that stops leaves rows that are due again
 * once their lease has run out.
 */
export class Migration20270401000000_due_lease extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table subscriptions.subscription add column due_leased_until timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table subscriptions.subscription drop column due_leased_until;`);
  }
}
