import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { businessNow } from '../subscriptions/support';
import { agreement } from '../transfers/support';

describe('federated graph through the gateway', () => {
  const t = useStack();

  it('answers one query crossing customers, catalog, subscriptions and transfers', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    expect((await buy(t, partner, customer.id, [{ offerId: 'offer-m365-e3-no-teams', quantity: 7 }])).payload.errors).toEqual([]);
    const endDate = new Date((await businessNow(t)).getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    await agreement(t, { customerId: customer.id, number: 'EA-0001', endDate, subscriptions: [{ offerProvisioningId: 'Microsoft_365_E3_(no_Teams)', quantity: 20, endDate }] });
    const data = dataOf(
      await t.gql(
        await partner.token(['ADMIN_AGENT']),
        `query($id: ID!) { customer(id: $id) {
            companyName
            subscriptions(first: 10) { totalCount edges { node { quantity offer { provisioningId price(market: "DE") { amount currency } } customer { id } } } }
            enterpriseAgreements { number }
        } }`,
        { id: customer.id },
      ),
    );
    expect(data.customer.subscriptions.totalCount).toBe(1);
    const node = data.customer.subscriptions.edges[0].node;
    expect(node.offer.provisioningId).toBe('Microsoft_365_E3_(no_Teams)');
    expect(node.offer.price.currency).toBe('EUR');
    expect(node.customer.id).toBe(customer.id);
    expect(data.customer.enterpriseAgreements).toEqual([{ number: 'EA-0001' }]);
  });

  it('serves GET /health when every subgraph is ready', async () => {
    const response = await fetch(t.gatewayUrl.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('returns no stack traces or internal messages', async () => {
    const response = await t.gql(await t.operatorToken(), '{ offer(id: "nope") { id } }');
    expect(codeOf(response)).toBe('NOT_FOUND');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('rejects pages larger than 100 and malformed cursors with BAD_USER_INPUT', async () => {
    const token = await t.operatorToken();
    expect(codeOf(await t.gql(token, '{ offers(first: 101) { totalCount } }'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(token, '{ offers(first: 5, after: "garbage") { totalCount } }'))).toBe('BAD_USER_INPUT');
  });
});
