import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';

const LIST = `query($id: ID!) { customer(id: $id) { subscriptions(first: 50) { edges { node {
  id reducibleLicenses { quantity until } ledger { kind amount { amount } } cancellationDeadline } } } } }`;

/** The lifecycle fields of a subscription list are loaded in batches, not once per subscription. */
describe('lifecycle fields of subscription lists (DataLoader)', () => {
  const t = useStack();

  async function customerWith(partner: TestPartner, count: number): Promise<string> {
    const customer = await createCustomer(t, partner);
    const lines = Array.from({ length: count }, () => ({ offerId: 'offer-m365-e3-no-teams', quantity: 10 }));
    expect((await buy(t, partner, customer.id, lines)).payload.errors).toEqual([]);
    return customer.id;
  }

  it('SUB-2/SUB-3: reducibleLicenses and ledger of 3 or 30 subscriptions take the same number of SQL statements', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const small = await customerWith(partner, 3);
    const large = await customerWith(partner, 30);
    await t.gql(token, LIST, { id: small });
    const three = await t.countedGql(token, LIST, { id: small });
    const thirty = await t.countedGql(token, LIST, { id: large });
    expect(dataOf(thirty.body).customer.subscriptions.edges).toHaveLength(30);
    expect(dataOf(thirty.body).customer.subscriptions.edges[29].node.ledger).toHaveLength(1);
    expect(thirty.statements).toBe(three.statements);
  });
});
