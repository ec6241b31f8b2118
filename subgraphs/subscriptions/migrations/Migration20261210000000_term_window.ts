import { Migration } from '@mikro-orm/migrations';

/**
 * SUB-5/SUB-7/EA-8: the cancellation window of a renewed term (or of a subscription created by
 * an EA renewal) counts from the moment the renewal completed, not from the term start. Rows
 * written before keep their term start as the best known moment.
 */
export class Migration20261210000000_term_window extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table subscriptions.subscription add column window_opened_at timestamptz;
      update subscriptions.subscription set window_opened_at = term_start where window_opened_at is null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('alter table subscriptions.subscription drop column window_opened_at;');
  }
}
