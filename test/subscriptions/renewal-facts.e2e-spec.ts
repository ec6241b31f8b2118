import Decimal from 'decimal.js';
import { requestsTotal } from '../../shared/metrics';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { processDueWork, setClock } from './support';

/** Requests each subgraph has served so far (this process runs the whole stack). */
async function served(): Promise<Record<string, number>> {
  const { values } = await requestsTotal.get();
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value.labels.service)] = (counts[String(value.labels.service)] ?? 0) + value.value;
  return counts;
}

async function requestsDuring(run: () => Promise<unknown>): Promise<{ catalog: number; customers: number }> {
  const before = await served();
  await run();
  const after = await served();
  return { catalog: (after.catalog ?? 0) - (before.catalog ?? 0), customers: (after.customers ?? 0) - (before.customers ?? 0) };
}

/**
 * BIL-5, BIL-7 at month-end: the facts a renewal needs from other subgraphs (the customer's
 * market and segment, the catalog's quote for the new term) are read for a batch of due
 * subscriptions at once, not once per subscription; each is still renewed once, at its own price.
 */
describe('renewal facts read per batch (processDueWork)', () => {
  // It counts what the catalog is asked: no answer of the catalog kept anywhere.
  const t = useStack({ entityCache: false });
  let partner: TestPartner;
  let token: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
  });

  /** Monthly subscriptions bought through the gateway at `at`, one per (customer, offer). */
  async function bought(at: string, customers: { id: string }[], offers: string[]): Promise<string[]> {
    await setClock(t, at);
    const ids: string[] = [];
    for (const customer of customers) {
      const { payload } = await buy(t, partner, customer.id, offers.map((offerId, i) => ({ offerId, quantity: 3 + i, termDuration: 'P1M', billingFrequency: 'MONTHLY' })));
      expect(payload.errors).toEqual([]);
      ids.push(...payload.order.lines.map((line: any) => line.subscription.id));
    }
    return ids;
  }

  it('BIL-5: a due batch of several subscriptions costs one catalog request and one customers request, whatever their number; each renews once at its quote', async () => {
    const offers = ['offer-m365-e3-no-teams', 'offer-power-bi-pro'];
    const markets = new Map<string, string>();
    const customer = async (country: string) => {
      const created = await createCustomer(t, partner, { country });
      markets.set(created.id, country);
      return created;
    };
    const single = await bought('2031-03-10T10:00:00Z', [await customer('DE')], offers.slice(0, 1));
    // Eight, for four customers in two markets, due ten days later.
    const ids = await bought('2031-03-20T10:00:00Z', [await customer('DE'), await customer('GB'), await customer('DE'), await customer('GB')], offers);
    expect(ids).toHaveLength(8);

    // One subscription due: what the whole due work costs in requests with a single renewal.
    await setClock(t, '2031-04-10T00:00:01Z');
    let report: Record<string, number> = {};
    const one = await requestsDuring(async () => (report = await processDueWork(t)));
    expect(report.renewed).toBe(single.length);
    expect(one.catalog).toBeGreaterThanOrEqual(1);

    // Eight due at once: the same requests as for one.
    await setClock(t, '2031-04-20T00:00:01Z');
    const eight = await requestsDuring(async () => (report = await processDueWork(t)));
    expect(report.renewed).toBe(ids.length);
    expect(eight).toEqual(one);
    // The catalog: the renewals' quotes (one request for the batch) and the new invoice lines' descriptions (BIL-3).
    expect(eight.catalog).toBeLessThanOrEqual(2);

    // Each renewed exactly once, at the catalog's quote for its own offer, market and quantity.
    for (const id of ids) {
      const renewed = dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { id status quantity termStart version customer { id } offer { id } ledger { kind amount { amount currency } at } } }`, { id })).subscription;
      expect(renewed).toMatchObject({ status: 'ACTIVE', termStart: '2031-04-20T00:00:00.000Z', version: 2 });
      const market = markets.get(renewed.customer.id)!;
      const quote = dataOf(await t.gql(token, `query($id: ID!, $market: String!) { offer(id: $id) { priceQuote(market: $market, termDuration: "P1M", billingFrequency: MONTHLY, at: "2031-04-20T00:00:00Z", target: RENEWAL) { effectivePrice { amount currency } } } }`, { id: renewed.offer.id, market })).offer.priceQuote;
      const charges = renewed.ledger.filter((entry: any) => entry.kind === 'CHARGE');
      expect(charges).toHaveLength(2);
      expect(charges[1]).toEqual({
        kind: 'CHARGE',
        at: '2031-04-20T00:00:00.000Z',
        amount: { amount: new Decimal(quote.effectivePrice.amount).mul(renewed.quantity).toFixed(2), currency: quote.effectivePrice.currency },
      });
    }
    const audits = await t.db.query(`select count(*)::int as n, count(distinct resource_id)::int as d from platform.audit_record where resource_id = any($1) and operation = 'renewSubscription'`, [ids]);
    expect(audits.rows[0]).toEqual({ n: ids.length, d: ids.length });
    // Nothing is renewed twice.
    expect((await processDueWork(t)).renewed).toBe(0);
  });
});
