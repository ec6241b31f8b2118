import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';

const SUBSCRIPTIONS = `query($id: ID!, $first: Int, $after: String) { customer(id: $id) { subscriptions(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
const ORDERS = `query($id: ID!, $first: Int, $after: String) { customer(id: $id) { orders(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;

/** `count` cart lines, each a subscription of its own. */
const E3_LINES = (count: number) => Array.from({ length: count }, () => ({ offerId: 'offer-m365-e3-no-teams', quantity: 10 }));

/** Customer.subscriptions and Customer.orders share one per-customer paging (API.md connections). */
describe('per-customer lists', () => {
  const t = useStack();

  it('SUB-1/ORD-5: a page after the last item keeps the totalCount of the list, for subscriptions and orders alike', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    // Two orders holding five subscriptions.
    expect((await buy(t, partner, customer.id, [...E3_LINES(3), { offerId: 'offer-power-bi-pro', quantity: 1 }])).payload.errors).toEqual([]);
    expect((await buy(t, partner, customer.id, [{ offerId: 'offer-power-bi-pro', quantity: 2 }])).payload.errors).toEqual([]);
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
    expect((await buy(t, partner, customer.id, E3_LINES(4))).payload.errors).toEqual([]);
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
  it('a page that does not show totalCount never counts; shown through a fragment, or after a cursor, it is counted right', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    await createCustomer(t, partner);
    // Twelve subscriptions in one order.
    const { payload } = await buy(t, partner, customer.id, Array.from({ length: 12 }, () => ({ offerId: 'offer-m365-e3-no-teams', quantity: 1 })));
    expect(payload.errors).toEqual([]);
    const token = await partner.token();
    const counts = (sql: string[]) => sql.filter((statement) => /count\(/i.test(statement));

    const plain = await t.countedGql(token, `{ customers(first: 1) { edges { node { id subscriptions(first: 10) { pageInfo { hasNextPage } edges { node { id } } } } } }
      offers(first: 2) { edges { node { id } } } webhooks(first: 5) { edges { node { id } } } }`);
    const page = dataOf(plain.body);
    expect(page.customers.edges[0].node.subscriptions.edges).toHaveLength(10);
    expect(page.customers.edges[0].node.subscriptions.pageInfo.hasNextPage).toBe(true);
    expect(page.offers.edges).toHaveLength(2);
    expect(counts(plain.sql)).toEqual([]);

    const fragment = `fragment Total on SubscriptionConnection { totalCount }
      query($id: ID!, $after: String) { customers(first: 1) { ... on CustomerConnection { totalCount } edges { node { id subscriptions(first: 10, after: $after) { ...Total edges { node { id } } } } } }
      webhooks(first: 5) { totalCount } customer(id: $id) { orders(first: 1) { totalCount } } }`;
    const shown = await t.countedGql(token, fragment, { id: customer.id });
    const data = dataOf(shown.body);
    expect(data.customers.totalCount).toBe(2);
    expect(data.customers.edges[0].node.subscriptions.totalCount).toBe(12);
    expect(data.webhooks.totalCount).toBe(0);
    expect(data.customer.orders.totalCount).toBe(1);
    expect(counts(shown.sql).length).toBeGreaterThan(0);

    const cursor = dataOf(await t.gql(token, `query($id: ID!) { customer(id: $id) { subscriptions(first: 10) { pageInfo { endCursor } } } }`, { id: customer.id })).customer.subscriptions.pageInfo.endCursor;
    const rest = dataOf(await t.gql(token, fragment, { id: customer.id, after: cursor })).customers.edges[0].node.subscriptions;
    expect(rest.totalCount).toBe(12);
    expect(rest.edges).toHaveLength(2);
  });
});
