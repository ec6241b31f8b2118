import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';

const DASHBOARD = `{ customers(first: 50) { edges { node { companyName
  subscriptions(first: 10) { edges { node { quantity status offer { name price(market: "DE") { amount } } } } } } } } }`;

describe('batched database access (DataLoader)', () => {
  const t = useStack();

  async function partnerWithCustomers(count: number): Promise<TestPartner> {
    const partner = await onboardPartner(t);
    const offers = ['offer-m365-e3-no-teams', 'offer-power-bi-pro', 'offer-m365-business-premium'];
    for (let i = 0; i < count; i++) {
      const customer = await createCustomer(t, partner);
      for (let j = 0; j < 3; j++) {
        await t.db.query(
          `insert into subscriptions.subscription (id, partner_id, customer_id, offer_id, quantity, status, term_start, term_end, term_duration, billing_frequency, created_at)
           values ($1, $2, $3, $4, 5, 'ACTIVE', now(), now() + interval '1 year', 'P1Y', 'MONTHLY', now())`,
          [`sub-${customer.id}-${j}`, partner.id, customer.id, offers[j]],
        );
      }
    }
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
});
