import { numberedPlaceholders } from '../../shared/db/prepared';
import { recordStatementsWithParams } from '../../shared/db/sql-stats';
import { requestsTotal } from '../../shared/metrics';
import { dataOf, useStack } from '../support/stack';
import { buy, checkout, createCart } from './checkout.fixtures';
import { setClock } from './support';
import { twoPartnersOneCustomer } from '../transfers/support';

/** Requests the subscriptions subgraph has served so far (this process runs the whole stack). */
async function servedBySubscriptions(): Promise<number> {
  const { values } = await requestsTotal.get();
  return values.filter((value) => value.labels.service === 'subscriptions').reduce((sum, value) => sum + value.value, 0);
}

/** Checkout and the catalog: what crosses the boundary, and which way. */
describe('checkout across subgraphs', () => {
  const t = useStack();

  it('CAT-4: checkout hands the catalog the customer’s holdings, so the catalog never calls back into the subscriptions subgraph; the refusal is unchanged', async () => {
    await setClock(t, '2031-05-01T10:00:00Z');
    const { a, b, customerId } = await twoPartnersOneCustomer(t);
    const line = { offerId: 'offer-m365-e5-no-teams-trial', quantity: 25, termDuration: 'P1M', billingFrequency: 'MONTHLY' };
    expect((await buy(t, a, customerId, [line])).payload.errors).toEqual([]);

    const token = await b.token(['ADMIN_AGENT']);
    const cartId = dataOf(await createCart(t, token, customerId, [line])).createCart.cart.id;
    const before = await servedBySubscriptions();
    const refused = dataOf(await checkout(t, token, cartId)).checkoutCart;
    // One request: the checkout itself. A call back for the holdings would be a second one.
    expect((await servedBySubscriptions()) - before).toBe(1);
    expect(refused.order).toBeNull();
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'ONE_PER_CUSTOMER', rule: 'CAT-4' })]);
    expect(refused.errors[0].message).toContain('through another partner');
  });

  it('CAT-4: what checkout reads of the customer’s subscriptions does not grow with them: per offer and status, the first of all partners and the first the caller sees', async () => {
    await setClock(t, '2031-05-02T10:00:00Z');
    const e3 = { offerId: 'offer-m365-e3-no-teams', quantity: 2, termDuration: 'P1Y', billingFrequency: 'MONTHLY' };
    /** Rows the statements of `b`'s checkout of one more E3 read of the subscriptions table (run again after it). */
    const rowsRead = async (held: { a: number; b: number }) => {
      const { a, b, customerId } = await twoPartnersOneCustomer(t);
      expect((await buy(t, a, customerId, Array.from({ length: held.a }, () => e3))).payload.errors).toEqual([]);
      expect((await buy(t, b, customerId, Array.from({ length: held.b }, () => e3))).payload.errors).toEqual([]);
      const { result, statements } = await recordStatementsWithParams(() => buy(t, b, customerId, [e3]));
      expect(result.payload.errors).toEqual([]);
      let rows = 0;
      for (const s of statements.filter((s) => /^\s*select/i.test(s.sql) && /subscriptions"?\."?subscription"?\s/.test(s.sql))) {
        rows += (await t.db.query(numberedPlaceholders(s.sql) ?? s.sql, s.params as unknown[])).rowCount ?? 0;
      }
      return rows;
    };
    const few = await rowsRead({ a: 1, b: 1 });
    expect(few).toBeGreaterThan(0);
    expect(await rowsRead({ a: 4, b: 3 })).toBe(few);
  });
});
