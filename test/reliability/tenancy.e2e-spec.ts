import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../../shared/auth/forwarding';
import type { Identity } from '../../shared/auth/roles';
import { gatewaySecret, type SubgraphName } from '../../shared/config';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack, type GraphQLResponse } from '../support/stack';

/**
 * ACT-2 at every door that takes a customer id or an entity reference: another partner's
 * customer and a customer that does not exist get the same answer (NOT_FOUND, or null from
 * `_entities`), and nothing is written.
 */
describe('tenancy of customer ids and entity references (ACT-2)', () => {
  const t = useStack();
  let owner: TestPartner;
  let other: TestPartner;
  let customer: { id: string; domain: string };
  const UNKNOWN = 'cus-does-not-exist';

  beforeAll(async () => {
    owner = await onboardPartner(t);
    other = await onboardPartner(t);
    customer = await createCustomer(t, owner);
  });

  /** The error of a refused call with the customer id blanked out, to compare two answers. */
  const refusal = (body: GraphQLResponse, id: string) => ({
    code: body.errors?.[0]?.extensions?.code,
    message: body.errors?.[0]?.message.replace(id, '<id>'),
  });

  const CUSTOMER_ID_OPERATIONS: [string, (customerId: string) => [string, Record<string, unknown>], string | null][] = [
    ['updateCustomer', (id) => ['mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { customer { id } errors { code } } }', { i: { customerId: id, companyName: 'Renamed' } }], 'select count(*)::int as n from customers.customer where company_name = \'Renamed\''],
    ['removeCustomerRelationship', (id) => ['mutation($i: RemoveCustomerRelationshipInput!) { removeCustomerRelationship(input: $i) { customer { id } errors { code } } }', { i: { customerId: id } }], "select count(*)::int as n from customers.customer_relationship where status = 'ACTIVE'"],
    ['createCart', (id) => ['mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id } errors { code } } }', { i: { customerId: id, lines: [{ offerId: 'offer-m365-e3-no-teams', quantity: 1 }] } }], 'select count(*)::int as n from subscriptions.cart'],
    ['subscriptionsCsv', (id) => ['query($c: ID!) { subscriptionsCsv(customerId: $c) }', { c: id }], null],
    ['offers(filter: { customerId })', (id) => ['query($c: ID) { offers(first: 5, filter: { customerId: $c }) { totalCount } }', { c: id }], null],
    ['Offer.purchasable', (id) => ['query($c: ID!) { offer(id: "offer-m365-e3-no-teams") { purchasable(customerId: $c) { allowed reason } } }', { c: id }], null],
  ];

  it.each(CUSTOMER_ID_OPERATIONS)('ACT-2: %s refuses another partner’s customer and an unknown one alike, NOT_FOUND, writing nothing', async (_name, call, countSql) => {
    const token = await other.token(['ADMIN_AGENT']);
    const count = async () => (countSql ? (await t.db.query(countSql)).rows[0].n : 0);
    const before = await count();
    const foreign = await t.gql(token, ...call(customer.id));
    const unknown = await t.gql(token, ...call(UNKNOWN));
    expect(refusal(foreign, customer.id)).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    expect(refusal(foreign, customer.id)).toEqual(refusal(unknown, UNKNOWN));
    expect(await count()).toBe(before);
  });

  describe('_entities on each subgraph, as different callers', () => {
    const partnerIdentity = (partner: TestPartner): Identity => ({ userId: 'u', tenantId: partner.id, tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] });
    const customerIdentity = (id: string): Identity => ({ userId: 'u', tenantId: id, tenantKind: 'CUSTOMER', roles: ['CUSTOMER_ADMIN'] });

    async function entities(subgraph: SubgraphName, identity: Identity | undefined, representation: Record<string, unknown>, selection: string) {
      const response = await fetch(t.stack.subgraphs[subgraph].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: gatewaySecret(), ...(identity ? { [IDENTITY_HEADER]: encodeIdentity(identity) } : {}) },
        body: JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: [representation] } }),
      });
      const body = (await response.json()) as GraphQLResponse<{ _entities: unknown[] }>;
      return body.data?._entities[0] ?? null;
    }

    it('ACT-2: Customer resolves for its partner only: null for another partner, an unknown id and an anonymous caller', async () => {
      const selection = '... on Customer { id companyName relationshipActive }';
      expect(await entities('customers', partnerIdentity(owner), { __typename: 'Customer', id: customer.id }, selection)).toMatchObject({ id: customer.id, relationshipActive: true });
      expect(await entities('customers', partnerIdentity(other), { __typename: 'Customer', id: customer.id }, selection)).toBeNull();
      expect(await entities('customers', partnerIdentity(other), { __typename: 'Customer', id: UNKNOWN }, selection)).toBeNull();
      expect(await entities('customers', undefined, { __typename: 'Customer', id: customer.id }, selection)).toBeNull();
    });

    it('ACT-2: Partner by id resolves for itself (and the operator) only; by PartnerID for partners, never for customers', async () => {
      const selection = '... on Partner { id name }';
      expect(await entities('customers', partnerIdentity(owner), { __typename: 'Partner', id: owner.id }, selection)).toMatchObject({ id: owner.id });
      expect(await entities('customers', partnerIdentity(other), { __typename: 'Partner', id: owner.id }, selection)).toBeNull();
      expect(await entities('customers', customerIdentity(customer.id), { __typename: 'Partner', id: owner.id }, selection)).toBeNull();
      expect(await entities('customers', undefined, { __typename: 'Partner', id: owner.id }, selection)).toBeNull();
      expect(await entities('customers', partnerIdentity(other), { __typename: 'Partner', partnerId: owner.partnerId }, '... on Partner { id }')).toMatchObject({ id: owner.id });
      expect(await entities('customers', customerIdentity(customer.id), { __typename: 'Partner', partnerId: owner.partnerId }, '... on Partner { id }')).toBeNull();
    });

    it('ACT-2: Offer resolves for any authenticated caller, never anonymously, and its customer-scoped field keeps the caller’s scope', async () => {
      const offer = { __typename: 'Offer', id: 'offer-m365-e3-no-teams' };
      expect(await entities('catalog', partnerIdentity(other), offer, '... on Offer { id name }')).toMatchObject({ id: offer.id });
      expect(await entities('catalog', undefined, offer, '... on Offer { id name }')).toBeNull();
      const response = await fetch(t.stack.subgraphs.catalog.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: gatewaySecret(), [IDENTITY_HEADER]: encodeIdentity(partnerIdentity(other)) },
        body: JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { purchasable(customerId: "${customer.id}") { allowed } } } }`, variables: { r: [offer] } }),
      });
      const body = (await response.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
