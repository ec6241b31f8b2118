import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { insertSubscription } from './support';

const SUBSCRIPTIONS = `query($id: ID!, $first: Int, $after: String) { customer(id: $id) { subscriptions(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
const ORDERS = `query($id: ID!, $first: Int, $after: String) { customer(id: $id) { orders(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;

/** Customer.subscriptions and Customer.orders share one per-customer paging (API.md connections). */
describe('per-customer lists', () => {
  const t = useStack();

  it('SUB-1/ORD-5: a page after the last item keeps the totalCount of the list, for subscriptions and orders alike', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    for (let i = 0; i < 3; i++) await insertSubscription(t, { partnerId: partner.id, customerId: customer.id, termStart: '2027-03-01T00:00:00.000Z' });
    for (const quantity of [1, 2]) await buy(t, partner, customer.id, [{ offerId: 'offer-power-bi-pro', quantity }]);
    const token = await partner.token();
    for (const [query, field, total] of [[SUBSCRIPTIONS, 'subscriptions', 5], [ORDERS, 'orders', 2]] as const) {
      const all = dataOf(await t.gql(token, query, { id: customer.id, first: 10 })).customer[field];
      expect(all.totalCount).toBe(total);
      const past = dataOf(await t.gql(token, query, { id: customer.id, first: 10, after: all.pageInfo.endCursor })).customer[field];
      expect(past).toEqual({ totalCount: total, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
      const none = dataOf(await t.gql(token, query, { id: customer.id, first: 0 })).customer[field];
      expect(none.totalCount).toBe(total);
    }
  });

  it('a first page smaller than the list counts the whole list in the same statement, per customer and for root lists; a customer without any counts 0', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const empty = await createCustomer(t, partner);
    for (let i = 0; i < 4; i++) await insertSubscription(t, { partnerId: partner.id, customerId: customer.id, termStart: '2027-03-01T00:00:00.000Z' });
    const token = await partner.token();
    const page = dataOf(
      await t.gql(token, `{ customers(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id subscriptions(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id } } } } } } }`),
    ).customers;
    expect(page.totalCount).toBe(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const batch = dataOf(
      await t.gql(token, `query($a: ID!, $b: ID!) { a: customer(id: $a) { subscriptions(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id } } } }
        b: customer(id: $b) { subscriptions(first: 2) { totalCount edges { node { id } } } } }`, { a: customer.id, b: empty.id }),
    );
    expect(batch.a.subscriptions).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    expect(batch.a.subscriptions.edges).toHaveLength(2);
    expect(batch.b.subscriptions).toEqual({ totalCount: 0, edges: [] });
    const offers = dataOf(await t.gql(token, `{ all: offers(first: 100) { totalCount } two: offers(first: 2) { totalCount pageInfo { hasNextPage endCursor } } }`));
    expect(offers.two.totalCount).toBe(offers.all.totalCount);
    const next = dataOf(await t.gql(token, `query($after: String) { offers(first: 2, after: $after) { totalCount edges { node { id } } } }`, { after: offers.two.pageInfo.endCursor })).offers;
    expect(next.totalCount).toBe(offers.all.totalCount);
    expect(next.edges).toHaveLength(2);
  });
});
