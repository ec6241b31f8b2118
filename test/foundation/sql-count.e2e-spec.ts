import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { preparedStatementStats } from '../../shared/db/prepared';
import { statementCacheStats } from '../../shared/db/statement-cache';
import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';

const DASHBOARD = `{ customers(first: 50) { edges { node { companyName
  subscriptions(first: 10) { edges { node { quantity status offer { name price(market: "DE") { amount } } } } } } } } }`;

describe('batched database access (DataLoader)', () => {
  // What the catalog reads when it is asked: the gateway's entity cache would answer repeated offers itself.
  const t = useStack({ entityCache: false });

  async function partnerWithCustomers(count: number): Promise<TestPartner> {
    const partner = await onboardPartner(t);
    const offers = ['offer-m365-e3-no-teams', 'offer-power-bi-pro', 'offer-m365-business-premium'];
    // One checkout per customer buys its three subscriptions; ten customers at a time.
    const customerWithSubscriptions = async () => {
      const customer = await createCustomer(t, partner);
      const { payload } = await buy(t, partner, customer.id, offers.map((offerId) => ({ offerId, quantity: 5 })));
      if (payload.errors.length) throw new Error(JSON.stringify(payload.errors));
    };
    for (let done = 0; done < count; done += 10) await Promise.all(Array.from({ length: Math.min(10, count - done) }, customerWithSubscriptions));
    return partner;
  }

  it('customers(first: 50) { subscriptions { offer { price } } } runs the same number of SQL statements for 5 and 50 customers', async () => {
    const small = await partnerWithCustomers(5);
    const large = await partnerWithCustomers(50);
    const token = await small.token();
    await t.gql(token, DASHBOARD); // warm-up: tenant lookup cache, query plans
    await t.gql(await large.token(), DASHBOARD);
    const five = await t.countedGql(token, DASHBOARD);
    const fifty = await t.countedGql(await large.token(), DASHBOARD);
    expect(dataOf(five.body).customers.edges).toHaveLength(5);
    expect(dataOf(fifty.body).customers.edges).toHaveLength(50);
    expect(dataOf(fifty.body).customers.edges[49].node.subscriptions.edges).toHaveLength(3);
    expect(five.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBeLessThanOrEqual(8);
  });

  it('every read statement of the dashboard is built once per shape, the priced offers included (the ORM inlines no value into it)', async () => {
    const partner = await partnerWithCustomers(3);
    const token = await partner.token();
    await t.gql(token, DASHBOARD);
    const before = statementCacheStats();
    const answer = await t.gql(token, DASHBOARD);
    expect(answer.errors).toBeUndefined();
    const after = statementCacheStats();
    expect(after.uncached.filter((key) => key.startsWith('offers-priced-in'))).toEqual([]);
    expect(after.uncached).toEqual(before.uncached);
    // per-customer subscription pages, offers with their price: reused, not rebuilt (a partner's
    // customers page is a fixed text of its own, subgraphs/customers/services/customer-pages.ts).
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(2);
  });

  it('the dashboard reads run as prepared statements, whatever the number of customers on the page, and PostgreSQL refuses none', async () => {
    const small = await partnerWithCustomers(2);
    const large = await partnerWithCustomers(7);
    await t.gql(await small.token(), DASHBOARD);
    const before = preparedStatementStats();
    const answer = await t.gql(await large.token(), DASHBOARD);
    expect(answer.errors).toBeUndefined();
    expect(dataOf(answer).customers.edges.map((edge: any) => edge.node.subscriptions.edges.length)).toEqual(Array(7).fill(3));
    const after = preparedStatementStats();
    // per-customer subscription pages (one text for 2 or 7 parents), offers with their price (a partner's
    // customers page is planned for its values, never prepared: subgraphs/customers/services/customer-pages.ts).
    expect(after.executions - before.executions).toBe(2);
    expect(after.prepared).toBe(before.prepared); // the same texts as for 2 customers
    expect(after.refused).toEqual([]);
  });

  it('offers referenced by a page that shows their price in one market are read with that price in one statement; other markets answer the same as asked alone', async () => {
    const partner = await partnerWithCustomers(2);
    const token = await partner.token();
    const priced = (market: string) => `query($market: String!) { customers(first: 5) { edges { node { subscriptions(first: 5) { edges { node {
      offer { id name price(market: $market) { amount currency } priceDetails(market: $market) { market taxIncluded } } } } } } } } }`;
    await t.gql(token, priced('DE'));
    const { body, sql } = await t.countedGql(token, priced('DE'), { market: 'de' });
    const offerStatements = sql.filter((statement) => /"catalog"\."offer"|catalog\.offer_price/.test(statement));
    expect(offerStatements).toHaveLength(1);
    expect(offerStatements[0]).toMatch(/offer_price/);
    const offers = dataOf(body).customers.edges.flatMap((edge: any) => edge.node.subscriptions.edges.map((sub: any) => sub.node.offer));
    expect(offers).toHaveLength(6);
    // Each offer as `offer(id)` shows it, read alone with its own price statement.
    for (const offer of offers) {
      const alone = dataOf(await t.gql(token, `query($id: ID!) { offer(id: $id) { id name price(market: "DE") { amount currency } priceDetails(market: "DE") { market taxIncluded } } }`, { id: offer.id })).offer;
      expect(offer).toEqual(alone);
    }
    // Two markets in one query: offers and prices are read apart, and each price is its market's.
    const two = dataOf(await t.gql(token, `{ customers(first: 1) { edges { node { subscriptions(first: 1) { edges { node { offer { de: price(market: "DE") { currency } au: priceDetails(market: "AU") { market taxIncluded } } } } } } } } }`));
    expect(two.customers.edges[0].node.subscriptions.edges[0].node.offer).toEqual({ de: { currency: 'EUR' }, au: { market: 'AU', taxIncluded: true } });
  });

  it('a reference query reads only the offer columns its fields need; a field whose resolver declares none reads every column', async () => {
    const partner = await partnerWithCustomers(1);
    const token = await partner.token();
    const referenced = (fields: string) => `{ customers(first: 1) { edges { node { subscriptions(first: 3) { edges { node { offer { id ${fields} } } } } } } } }`;
    const offerStatement = (sql: string[]) => sql.filter((statement) => /"catalog"\."offer"/.test(statement));
    for (const [fields, narrow] of [
      ['name price(market: "DE") { amount }', true],
      ['name isTrial', true],
      ['name suite { persona minimumLicenses }', false],
    ] as const) {
      await t.gql(token, referenced(fields));
      const { body, sql } = await t.countedGql(token, referenced(fields));
      const [statement] = offerStatement(sql);
      expect(statement).toMatch(/"r"\."name"/);
      // segments, min_quantity: columns none of the narrow queries' fields need (suite needs min_quantity).
      expect([fields, /"r"\."segments"/.test(statement), /"r"\."min_quantity"/.test(statement)]).toEqual([fields, !narrow, !narrow]);
      for (const offer of dataOf(body).customers.edges[0].node.subscriptions.edges.map((edge: any) => edge.node.offer)) {
        expect(offer).toEqual(dataOf(await t.gql(token, `query($id: ID!) { offer(id: $id) { id ${fields} } }`, { id: offer.id })).offer);
      }
    }
  });

  it('me reads the tenant only when the query asks for it', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    await t.gql(token, '{ me { userId } }'); // warm-up: tenant lookup cache
    const plain = await t.countedGql(token, '{ me { userId tenantId roles } }');
    expect(dataOf(plain.body).me).toMatchObject({ tenantId: partner.id });
    expect(plain.sql.filter((statement) => /"customers"\."partner"/.test(statement))).toEqual([]);
    const withTenant = await t.countedGql(token, '{ me { tenant { __typename ... on Partner { id } } } }');
    expect(dataOf(withTenant.body).me.tenant).toEqual({ __typename: 'Partner', id: partner.id });
    expect(withTenant.sql.filter((statement) => /"customers"\."partner"/.test(statement))).toHaveLength(1);
  });
});
