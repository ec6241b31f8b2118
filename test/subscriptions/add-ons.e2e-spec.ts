import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy, checkout, createCart, writtenRows } from './checkout.fixtures';
import { relate } from '../transfers/support';
import { getSubscription, mutate, setClock, subscribeAt } from './support';

const E3 = 'offer-m365-e3-no-teams';
const COPILOT = 'offer-m365-copilot';
const BASE_OF = `query($id: ID!) { subscription(id: $id) { id termEnd } }`;

/** Add-ons bought through carts (SUB-9, CAT-7) and coterminous cart lines (ORD-1). */
describe('add-ons and coterminous lines', () => {
  const t = useStack();
  let partner: TestPartner;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner)).id;
  });

  const baseOf = async (id: string) => (await t.db.query(`select base_subscription_id from subscriptions.subscription where id = $1`, [id])).rows[0].base_subscription_id;

  it('SUB-9: an add-on whose prerequisite is a base line of the same cart is provisioned onto that new base and ends with it', async () => {
    const customer = await createCustomer(t, partner);
    const { payload } = await buy(t, partner, customer.id, [
      { offerId: COPILOT, quantity: 5, termDuration: 'P1Y' },
      { offerId: E3, quantity: 5, termDuration: 'P1Y' },
    ]);
    expect(payload.errors).toEqual([]);
    const [addOn, base] = payload.order.lines.map((l: any) => l.subscription);
    expect(await baseOf(addOn.id)).toBe(base.id);
    expect(addOn.termEnd).toBe(base.termEnd);
  });

  it('SUB-9: an add-on bought onto an existing base mid-term ends with the base and is charged only its days', async () => {
    const base = await subscribeAt(t, { partnerId: partner.id, customerId, at: '2029-01-01T00:00:00.000Z' });
    await setClock(t, '2029-07-01T00:00:00Z');
    const { payload } = await buy(t, partner, customerId, [{ offerId: COPILOT, quantity: 2, termDuration: 'P1Y' }]);
    expect(payload.errors).toEqual([]);
    const addOn = payload.order.lines[0].subscription;
    expect(await baseOf(addOn.id)).toBe(base);
    expect(addOn.termEnd).toBe('2029-12-31T23:59:59.999Z');
    const ledger = dataOf(await t.gql(await partner.token(), `query($id: ID!) { subscription(id: $id) { ledger { amount { amount } } } }`, { id: addOn.id })).subscription.ledger;
    // BIL-1: coterminous with its base, it shares the base's monthly periods: the first runs Jul 1 to Aug 1, a whole month.
    const month = Number((await t.db.query(`select unit_price from subscriptions.subscription where id = $1`, [addOn.id])).rows[0].unit_price) * 2;
    expect(ledger).toHaveLength(1);
    expect(Number(ledger[0].amount.amount)).toBeCloseTo(month, 2);
  });

  it('ORD-1: a cart line takes coterminousWithSubscriptionId; the new subscription ends with that one, prorated', async () => {
    // Bought now (2029-07-01, after the previous test), the new line joins it two months later.
    const existing = await subscribeAt(t, { partnerId: partner.id, customerId });
    await setClock(t, '2029-09-01T00:00:00Z');
    const token = await partner.token();
    const cart = dataOf(await createCart(t, token, customerId, [{ offerId: 'offer-power-bi-pro', quantity: 3, coterminousWithSubscriptionId: existing }])).createCart;
    expect(cart.errors).toEqual([]);
    const read = dataOf(await t.gql(token, `query($id: ID!) { cart(id: $id) { lines { coterminousWithSubscriptionId } } }`, { id: cart.cart.id }));
    expect(read.cart.lines).toEqual([{ coterminousWithSubscriptionId: existing }]);
    const placed = dataOf(await checkout(t, token, cart.cart.id)).checkoutCart;
    expect(placed.errors).toEqual([]);
    const target = dataOf(await t.gql(token, BASE_OF, { id: existing })).subscription;
    expect(placed.order.lines[0].subscription.termEnd).toBe(target.termEnd);
    expect(await baseOf(placed.order.lines[0].subscription.id)).toBeNull();
  });

  it("ORD-1/ACT-2: a coterminous line naming another partner's or an unknown subscription is NOT_FOUND at createCart", async () => {
    const other = await onboardPartner(t);
    await relate(t, other, customerId);
    const theirs = await subscribeAt(t, { partnerId: other.id, customerId });
    const token = await partner.token();
    for (const id of [theirs, 'sub_unknown']) {
      expect(codeOf(await createCart(t, token, customerId, [{ offerId: 'offer-power-bi-pro', quantity: 1, coterminousWithSubscriptionId: id }]))).toBe('NOT_FOUND');
    }
  });

  it('ORD-1: checkout refuses a coterminous line whose subscription is no longer active (TARGET_SUBSCRIPTION_INVALID) and writes nothing', async () => {
    const existing = await subscribeAt(t, { partnerId: partner.id, customerId });
    const token = await partner.token();
    expect(dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: existing })).suspendSubscription.errors).toEqual([]);
    const cart = dataOf(await createCart(t, token, customerId, [{ offerId: 'offer-power-bi-pro', quantity: 1, coterminousWithSubscriptionId: existing }])).createCart.cart;
    const before = await writtenRows(t);
    const refused = dataOf(await checkout(t, token, cart.id)).checkoutCart;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'TARGET_SUBSCRIPTION_INVALID', rule: 'ORD-1', field: ['lines', '0', 'coterminousWithSubscriptionId'] })]);
    expect(await writtenRows(t)).toEqual(before);
    expect((await getSubscription(t, token, existing)).status).toBe('SUSPENDED');
  });
});
