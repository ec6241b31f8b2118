import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../../shared/auth/forwarding';
import type { Identity } from '../../shared/auth/roles';
import { gatewaySecret } from '../../shared/config';
import { partneredReseller } from '../customers/helpers';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { buy } from './checkout.fixtures';

/**
 * ACT-1/ACT-2 through the subscriptions subgraph's own `_entities` (how the gateway resolves
 * references), one test per entity type it resolves: the tenant rules of the graph hold there too.
 */
describe('_entities of the subscriptions subgraph', () => {
  const t = useStack();
  let owner: TestPartner;
  let stranger: TestPartner;
  let customerId: string;
  let subscriptionId: string;
  let orderId: string;

  const partnerIdentity = (partner: TestPartner, partnerType: Identity['partnerType'] = 'DIRECT_BILL'): Identity => ({
    userId: 'u',
    tenantId: partner.id,
    tenantKind: 'PARTNER',
    partnerType,
    roles: ['ADMIN_AGENT'],
  });

  async function entities(identity: Identity, representations: Record<string, string>[], selection: string): Promise<unknown[]> {
    const response = await fetch(t.stack.subgraphs.subscriptions.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: gatewaySecret(), [IDENTITY_HEADER]: encodeIdentity(identity) },
      body: JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: representations } }),
    });
    const body = (await response.json()) as { data?: { _entities: unknown[] }; errors?: unknown[] };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data._entities;
  }

  beforeAll(async () => {
    owner = await onboardPartner(t);
    stranger = await onboardPartner(t);
    customerId = (await createCustomer(t, owner)).id;
    const { payload } = await buy(t, owner, customerId, [{ offerId: 'offer-power-bi-pro', quantity: 2 }]);
    subscriptionId = payload.order.lines[0].subscription.id;
    orderId = payload.order.id;
  });

  it('ACT-2 Subscription: the owning partner, the customer itself and the operator resolve it; another partner gets null', async () => {
    const ref = [{ __typename: 'Subscription', id: subscriptionId }];
    const selection = '... on Subscription { id quantity ledger { kind } }';
    expect(await entities(partnerIdentity(owner), ref, selection)).toEqual([{ id: subscriptionId, quantity: 2, ledger: [{ kind: 'CHARGE' }] }]);
    expect(await entities(partnerIdentity(stranger), ref, selection)).toEqual([null]);
    const customer: Identity = { userId: 'admin', tenantId: customerId, tenantKind: 'CUSTOMER', roles: ['CUSTOMER_ADMIN'] };
    // The customer sees its subscription, but not its partner's billing (ACT-2).
    expect(await entities(customer, ref, selection)).toEqual([{ id: subscriptionId, quantity: 2, ledger: [] }]);
    const otherCustomer: Identity = { ...customer, tenantId: 'cus_someone_else' };
    expect(await entities(otherCustomer, ref, selection)).toEqual([null]);
    const operator: Identity = { userId: 'op', tenantId: 'platform', tenantKind: 'PLATFORM', roles: ['PLATFORM_OPERATOR'] };
    expect(await entities(operator, ref, '... on Subscription { id }')).toEqual([{ id: subscriptionId }]);
    expect(await entities(partnerIdentity(owner), [{ __typename: 'Subscription', id: 'sub_unknown' }], selection)).toEqual([null]);
  });

  it('ACT-1 Subscription: the indirect reseller of record resolves it read-only, without the ledger; another reseller gets null', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const customer = await createCustomer(t, provider, { indirectResellerId: reseller.id });
    const { payload } = await buy(t, provider, customer.id, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10, resellerPartnerId: reseller.partnerId }]);
    const id: string = payload.order.lines[0].subscription.id;
    const ref = [{ __typename: 'Subscription', id }];
    expect(await entities(partnerIdentity(reseller, 'INDIRECT_RESELLER'), ref, '... on Subscription { id ledger { kind } }')).toEqual([{ id, ledger: [] }]);
    const otherReseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    expect(await entities(partnerIdentity(otherReseller, 'INDIRECT_RESELLER'), ref, '... on Subscription { id }')).toEqual([null]);
  });

  it("ACT-2 Customer: its subscriptions and orders here are the caller's own; another partner sees none of them", async () => {
    const ref = [{ __typename: 'Customer', id: customerId }];
    const selection = '... on Customer { id activeSubscriptionCount subscriptions(first: 10) { totalCount edges { node { id } } } orders(first: 10) { totalCount edges { node { id } } } }';
    expect(await entities(partnerIdentity(owner), ref, selection)).toEqual([
      {
        id: customerId,
        activeSubscriptionCount: 1,
        subscriptions: { totalCount: 1, edges: [{ node: { id: subscriptionId } }] },
        orders: { totalCount: 1, edges: [{ node: { id: orderId } }] },
      },
    ]);
    expect(await entities(partnerIdentity(stranger), ref, selection)).toEqual([
      { id: customerId, activeSubscriptionCount: 0, subscriptions: { totalCount: 0, edges: [] }, orders: { totalCount: 0, edges: [] } },
    ]);
  });
});
