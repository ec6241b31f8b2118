import { Workers } from '../support/workers';
import { subscriptionsSubgraph } from '../../subgraphs/subscriptions';
import { runDueWork, SETTLE_TOGETHER } from '../../subgraphs/subscriptions/lifecycle/renewal.service';
import { recordStatements } from '../../shared/db/sql-stats';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { clockAt, setClock } from './support';

/**
 * SUB-7: due subscriptions are settled several to a unit of work (one transaction, one write of
 * their events), each still claimed and settled exactly once; a group in which one cannot be
 * settled is settled again one unit each, so only that one fails.
 */
describe('SUB-7 due subscriptions settled together', () => {
  const t = useStack();
  let partner: TestPartner;
  const workers = new Workers(t);

  beforeAll(async () => {
    partner = await onboardPartner(t);
  });
  afterAll(() => workers.close());

  const worker = () => workers.runtime(subscriptionsSubgraph);

  /** `count` monthly subscriptions of a new customer, bought at `at` in one order. */
  async function bought(count: number, at: string): Promise<string[]> {
    await clockAt(t, at);
    const customerId = (await createCustomer(t, partner)).id;
    const lines = Array.from({ length: count }, (_, i) => ({ offerId: 'offer-m365-e3-no-teams', quantity: 1 + i, termDuration: 'P1M' }));
    const { payload } = await buy(t, partner, customerId, lines);
    if (payload.errors.length) throw new Error(JSON.stringify(payload.errors));
    return payload.order.lines.map((line: any) => line.subscription.id);
  }

  /** Per subscription: renewal charges (CHARGE lines after the purchase's), SUBSCRIPTION_RENEWED events and the transactions that wrote them. */
  async function renewals(ids: string[]) {
    const charges = await t.db.query(`select subscription_id, count(*)::int - 1 as n from subscriptions.ledger_entry where subscription_id = any($1) and kind = 'CHARGE' group by subscription_id`, [ids]);
    const events = await t.db.query(
      `select count(*)::int as events, count(distinct resource_id)::int as subscriptions, count(distinct xmin::text)::int as transactions
         from platform.outbox_event where resource_id = any($1) and type = 'SUBSCRIPTION_RENEWED'`,
      [ids],
    );
    return { charges: new Map(charges.rows.map((row) => [row.subscription_id, row.n])), ...events.rows[0] };
  }

  it(`SUB-7: ${SETTLE_TOGETHER + 5} due subscriptions are renewed once each in two transactions`, async () => {
    const ids = await bought(SETTLE_TOGETHER + 5, '2040-01-01T00:00:00.000Z');
    await setClock(t, '2040-02-01T00:10:00Z');
    const runtime = await worker();
    const { result: run, sql } = await recordStatements(() => runDueWork(runtime));
    expect(run).toMatchObject({ renewed: SETTLE_TOGETHER + 5, failed: 0 });
    // SCH-1, BIL-3: a group reads its scheduled changes in one statement, and the partner's open
    // invoice of the month once (twice where it opens it), not once per subscription.
    const reads = (pattern: RegExp) => sql.filter((q) => pattern.test(q)).length;
    expect(reads(/^select .* from "subscriptions"\."scheduled_change"/)).toBe(2);
    expect(reads(/from subscriptions\.invoice where partner_id/)).toBeLessThanOrEqual(4);
    const after = await renewals(ids);
    expect(ids.map((id) => after.charges.get(id))).toEqual(ids.map(() => 1));
    expect(after).toMatchObject({ events: ids.length, subscriptions: ids.length, transactions: 2 });
    expect((await runDueWork(await worker())).renewed).toBe(0);
  });

  it('SUB-7: when one of a group cannot be settled, the others are renewed once each and only that one fails, to be renewed by a later run', async () => {
    const ids = await bought(SETTLE_TOGETHER, '2041-01-01T00:00:00.000Z');
    await setClock(t, '2041-02-01T00:10:00Z');
    const bad = ids[7];
    // A price that cannot be computed fails the unit that settles it, inside the group.
    const run = await runDueWork(await worker(), {
      facts: { priceRenewals: async (subscriptions) => new Map(subscriptions.map((s) => [s.id, s.id === bad ? { unitPrice: 'not a price', currency: 'EUR' } : null])) },
    });
    // The first test's subscriptions fell due again meanwhile: counted are this test's own.
    expect(run.failed).toBe(1);
    const after = await renewals(ids);
    expect(ids.map((id) => after.charges.get(id))).toEqual(ids.map((id) => (id === bad ? 0 : 1)));
    expect(after).toMatchObject({ events: ids.length - 1, subscriptions: ids.length - 1 });

    expect((await runDueWork(await worker())).failed).toBe(0);
    expect((await renewals([bad])).charges.get(bad)).toBe(1);
  });
});
