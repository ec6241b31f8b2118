import { ACCEPT_REQUEST, CREATE_REQUEST, payload } from '../customers/helpers';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy, ORDER_FIELDS } from './checkout.fixtures';

const E3 = 'offer-m365-e3-no-teams';
const ORDERS = `query($id: ID!, $first: Int, $after: String) { customer(id: $id) { orders(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id createdBy lines { offer { id } quantity status } } } } } }`;

describe('orders through the gateway (ORD-5)', () => {
  const t = useStack();

  it('ORD-5: an order keeps its lines with per-line status, creation time and who placed it', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const token = await t.token(partner.id, ['SALES_AGENT'], 'sales-alice');
    const cart = dataOf(
      await t.gql(token, `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id } } }`, {
        input: { customerId: customer.id, lines: [{ offerId: E3, quantity: 3 }, { offerId: 'offer-power-bi-pro', quantity: 1 }] },
      }),
    ).createCart.cart;
    const placed = dataOf(
      await t.gql(token, `mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { order { id } errors { code } } }`, {
        input: { cartId: cart.id, attestationAccepted: true },
      }),
    ).checkoutCart.order;
    const { now } = dataOf(await t.gql(await t.operatorToken(), '{ now: sandboxClock }'));
    const order = dataOf(await t.gql(await partner.token(), `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: placed.id })).order;
    expect(order).toMatchObject({
      id: placed.id,
      createdBy: 'sales-alice',
      customer: { id: customer.id },
      lines: [
        { offer: { id: E3 }, quantity: 3, status: 'PROVISIONED', setupUrl: null, subscription: { quantity: 3, status: 'ACTIVE' } },
        { offer: { id: 'offer-power-bi-pro' }, quantity: 1, status: 'PROVISIONED' },
      ],
    });
    expect(Math.abs(new Date(order.createdAt).getTime() - new Date(now).getTime())).toBeLessThan(60_000);
    const { rows } = await t.db.query(`select order_id from subscriptions.subscription where id = $1`, [order.lines[0].subscription.id]);
    expect(rows[0].order_id).toBe(placed.id);
  });

  it('ORD-5: Customer.orders lists the history newest first, paginated, also for the customer itself', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const ids: string[] = [];
    for (const quantity of [1, 2, 3]) ids.push((await buy(t, partner, customer.id, [{ offerId: E3, quantity }])).payload.order.id);
    const token = await partner.token(['BILLING_ADMIN']);
    const first = dataOf(await t.gql(token, ORDERS, { id: customer.id, first: 2 })).customer.orders;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(await t.gql(token, ORDERS, { id: customer.id, first: 2, after: first.pageInfo.endCursor })).customer.orders;
    expect(rest.edges.map((e: any) => e.node.id)).toEqual([ids[0]]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(rest.totalCount).toBe(3);
    const own = dataOf(await t.gql(await t.token(customer.id, ['CUSTOMER_ADMIN']), ORDERS, { id: customer.id, first: 10 })).customer.orders;
    expect(own.totalCount).toBe(3);
  });

  it("ACT-2: a partner never sees another partner's orders, even for a shared customer", async () => {
    const partner = await onboardPartner(t);
    const other = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const mine = (await buy(t, partner, customer.id, [{ offerId: E3, quantity: 2 }])).payload.order.id;
    // The other partner gains a relationship with the same customer (REL-2, REL-4) and orders too.
    const request = (await payload(t, await other.token(), CREATE_REQUEST, {})).request;
    const accepted = await payload(t, await t.token(customer.id, ['CUSTOMER_ADMIN']), ACCEPT_REQUEST, { requestId: request.id });
    expect(accepted.errors).toEqual([]);
    const theirs = (await buy(t, other, customer.id, [{ offerId: E3, quantity: 4 }])).payload.order.id;

    const otherToken = await other.token();
    expect(codeOf(await t.gql(otherToken, `query($id: ID!) { order(id: $id) { id } }`, { id: mine }))).toBe('NOT_FOUND');
    const seen = dataOf(await t.gql(otherToken, ORDERS, { id: customer.id, first: 10 })).customer.orders;
    expect(seen.edges.map((e: any) => e.node.id)).toEqual([theirs]);
    expect(seen.totalCount).toBe(1);
    const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    expect(codeOf(await t.gql(await reseller.token(), `query($id: ID!) { order(id: $id) { id } }`, { id: mine }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(await partner.token(), `query { order(id: "ord_missing") { id } }`))).toBe('NOT_FOUND');
  });

  it('ORD-5: Customer.orders of a customer list is batched: the SQL statement count does not grow with the number of customers', async () => {
    const partner = await onboardPartner(t, 'DIRECT_BILL', 'NORTH_AMERICA');
    const query = `{ customers(first: 20) { edges { node { id orders(first: 5) { totalCount edges { node { id lines { offer { id } subscription { id } } } } } } } } }`;
    const measure = async () => (await t.countedGql(await partner.token(), query)).statements;
    for (let i = 0; i < 2; i += 1) {
      const customer = await createCustomer(t, partner, { country: 'US' });
      await buy(t, partner, customer.id, [{ offerId: E3, quantity: 1 }]);
    }
    const small = await measure();
    for (let i = 0; i < 4; i += 1) {
      const customer = await createCustomer(t, partner, { country: 'US' });
      await buy(t, partner, customer.id, [{ offerId: E3, quantity: 1 }]);
    }
    const body = await t.gql(await partner.token(), query);
    expect(dataOf(body).customers.edges).toHaveLength(6);
    expect(dataOf(body).customers.edges.every((e: any) => e.node.orders.totalCount === 1 && e.node.orders.edges[0].node.lines[0].subscription)).toBe(true);
    expect(await measure()).toBe(small);
  });
});
