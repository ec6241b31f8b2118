import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateAndSeed } from '../../scripts/stack';
import { withDatabase } from '../support/global-setup';

/** The demo seed leaves subscriptions as a purchase would: batch and charge (SUB-2, SUB-3), idempotently. */
describe('demo subscriptions seed', () => {
  const name = `t_seed_${randomBytes(5).toString('hex')}`;
  let db: Client;

  beforeAll(async () => {
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    db = new Client({ connectionString: withDatabase(process.env.TEST_SERVER_URL!, name) });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('SUB-2/SUB-3/BIL-1: every demo subscription has one purchase batch and monthly charges of exactly one month in its currency, also after seeding twice', async () => {
    const url = withDatabase(process.env.TEST_SERVER_URL!, name);
    await migrateAndSeed(url, { demo: true });
    await migrateAndSeed(url, { demo: true });
    const rows = await db.query(`
      select s.id, s.currency, s.quantity,
             (select count(*)::int from subscriptions.license_batch b where b.subscription_id = s.id and b.quantity = s.quantity) as batches,
             (select count(*)::int from subscriptions.ledger_entry l where l.subscription_id = s.id and l.kind = 'CHARGE' and l.currency = s.currency
                and l.amount_value = round(s.unit_price * s.quantity, 2)) as charges,
             (select count(*)::int from subscriptions.ledger_entry l where l.subscription_id = s.id) as entries
        from subscriptions.subscription s order by s.id`);
    expect(rows.rows.length).toBe(8);
    for (const row of rows.rows) {
      expect({ id: row.id, batches: row.batches, monthly: row.charges >= 1 && row.charges === row.entries }).toEqual({ id: row.id, batches: 1, monthly: true });
    }
  });

  it('SUB-6: the demo data shows subscriptions in different states for several customers per partner', async () => {
    const states = await db.query(`select status, count(*)::int as n from subscriptions.subscription group by status order by status`);
    expect(states.rows).toEqual([{ status: 'ACTIVE', n: 7 }, { status: 'SUSPENDED', n: 1 }]);
    const perPartner = await db.query(`select partner_id, count(distinct customer_id)::int as customers from subscriptions.subscription group by partner_id order by partner_id`);
    expect(perPartner.rows).toEqual([
      { partner_id: 'ptn-contoso-direct', customers: 3 },
      { partner_id: 'ptn-fabrikam-provider', customers: 1 },
      { partner_id: 'ptn-tailspin-direct', customers: 2 },
    ]);
  });
});
