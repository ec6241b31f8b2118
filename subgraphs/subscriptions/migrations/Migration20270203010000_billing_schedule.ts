import { Migration } from '@mikro-orm/migrations';

/**
 * BIL-1/BIL-2: the billing schedule. A subscription remembers the next billing period not billed
 * yet (due work bills it); a ledger line says why (charge type), for which days and at what price
 * per license for the period. A period is charged once: a second cycle charge of the same period
 * start is refused by the database whatever the number of workers.
 */
export class Migration20270203010000_billing_schedule extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table subscriptions.subscription add column next_charge_at timestamptz;
      create index subscription_next_charge_idx on subscriptions.subscription (next_charge_at) where next_charge_at is not null;
      alter table subscriptions.ledger_entry
        add column charge_type text,
        add column charge_start timestamptz,
        add column charge_end timestamptz,
        add column unit_price numeric(14,4);
      create unique index ledger_entry_cycle_once on subscriptions.ledger_entry (subscription_id, charge_start) where charge_type = 'CYCLE_CHARGE';
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index subscriptions.ledger_entry_cycle_once;
      alter table subscriptions.ledger_entry drop column charge_type, drop column charge_start, drop column charge_end, drop column unit_price;
      drop index subscriptions.subscription_next_charge_idx;
      alter table subscriptions.subscription drop column next_charge_at;
    `);
  }
}
