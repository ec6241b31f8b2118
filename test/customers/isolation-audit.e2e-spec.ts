import { createOrm, type EntityManager } from '../../shared/db/orm';
import { readBusinessNow } from '../../shared/clock';
import { customersSubgraph } from '../../subgraphs/customers';
import { seedCustomersDemo } from '../../subgraphs/customers/seed/demo';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import {
  ACCEPT_REQUEST,
  count,
  CREATE_CUSTOMER,
  CREATE_REQUEST,
  customerInput,
  customerToken,
  ids,
  partneredReseller,
  payload,
  REMOVE_PARTNERSHIP,
  REMOVE_RELATIONSHIP,
  UPDATE_CUSTOMER,
} from './helpers';

const AUDIT = `query($from: DateTime, $to: DateTime, $first: Int, $after: String) {
  auditRecords(from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id operation resourceType resourceId userId at outcome } } } }`;

describe('tenant isolation of the customers subgraph (ACT-2)', () => {
  const t = useStack();

  it('ACT-2 Customer: another partner gets NOT_FOUND for read, update and removal, and nothing in lists', async () => {
    const a = await onboardPartner(t);
    const b = await onboardPartner(t);
    const customer = await createCustomer(t, a);
    const token = await b.token();
    expect(codeOf(await t.gql(token, `query($id: ID!) { customer(id: $id) { id } }`, { id: customer.id }))).toBe('NOT_FOUND');
    expect(ids(await t.gql(token, `{ customers(first: 100) { edges { node { id } } } }`), 'customers')).not.toContain(customer.id);
    expect(codeOf(await t.gql(token, UPDATE_CUSTOMER, { input: { customerId: customer.id, companyName: 'Taken' } }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(token, REMOVE_RELATIONSHIP, { input: { customerId: customer.id } }))).toBe('NOT_FOUND');
    expect(await count(t, `select 1 from customers.customer_relationship where customer_id = $1 and status = 'ACTIVE'`, [customer.id])).toBe(1);
    // Another customer's admin cannot read it either.
    const other = await createCustomer(t, a);
    expect(codeOf(await t.gql(await customerToken(t, other.id), `query($id: ID!) { customer(id: $id) { id } }`, { id: customer.id }))).toBe('NOT_FOUND');
  });

  it('ACT-2 Partner: a partner reads itself, another partner is NOT_FOUND', async () => {
    const a = await onboardPartner(t);
    const b = await onboardPartner(t);
    expect(dataOf(await t.gql(await a.token(), `query($id: ID!) { partner(id: $id) { id } }`, { id: a.id })).partner.id).toBe(a.id);
    expect(codeOf(await t.gql(await a.token(), `query($id: ID!) { partner(id: $id) { id } }`, { id: b.id }))).toBe('NOT_FOUND');
  });

  it('ACT-2 RelationshipRequest: each partner lists only its own requests', async () => {
    const a = await onboardPartner(t);
    const b = await onboardPartner(t);
    const mine = (await payload(t, await a.token(), CREATE_REQUEST, {})).request;
    const list = (token: string) => t.gql(token, `{ relationshipRequests(first: 100) { totalCount edges { node { id } } } }`);
    expect(ids(await list(await a.token()), 'relationshipRequests')).toEqual([mine.id]);
    expect(ids(await list(await b.token()), 'relationshipRequests')).toEqual([]);
    const customer = await createCustomer(t, a);
    expect(ids(await list(await customerToken(t, customer.id)), 'relationshipRequests')).toEqual([]);
  });

  it('ACT-2 reseller partnerships and invitations: other providers neither see nor remove them', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const other = await onboardPartner(t, 'INDIRECT_PROVIDER');
    const list = `{ indirectResellers(first: 100) { totalCount edges { node { id } } } }`;
    expect(ids(await t.gql(await provider.token(), list), 'indirectResellers')).toEqual([reseller.id]);
    expect(ids(await t.gql(await other.token(), list), 'indirectResellers')).toEqual([]);
    expect(codeOf(await t.gql(await other.token(), REMOVE_PARTNERSHIP, { input: { resellerId: reseller.id, attestation: true } }))).toBe('NOT_FOUND');
    expect(await count(t, `select 1 from customers.reseller_partnership where provider_id = $1 and status = 'ACTIVE'`, [provider.id])).toBe(1);
    const refused = await payload(t, await other.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: reseller.id }));
    expect(refused.errors[0].code).toBe('INVALID_RESELLER');
  });

  it('RES-4: a PartnerID entered for a reseller of record is verified on its own (valid only for onboarded resellers with MPA)', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const verify = async (p: string) => dataOf(await t.gql(await provider.token(), `query($p: String!) { verifyPartnerId(partnerId: $p) { valid name } }`, { p })).verifyPartnerId;
    expect((await verify(reseller.partnerId)).valid).toBe(true);
    expect((await verify(provider.partnerId)).valid).toBe(false);
  });

  it('the demo indirect provider has an active partnership with the demo reseller, seeded idempotently', async () => {
    const orm = await createOrm({ clientUrl: t.databaseUrl, schema: 'customers', entities: customersSubgraph.entities, migrations: customersSubgraph.migrations, poolMax: 1 });
    try {
      for (let i = 0; i < 2; i += 1) {
        const em = orm.em.fork() as EntityManager;
        const now = await readBusinessNow(em);
        await em.transactional((tx) => seedCustomersDemo(tx as EntityManager, now));
      }
    } finally {
      await orm.close();
    }
    expect(await count(t, `select 1 from customers.reseller_partnership where provider_id = 'ptn-fabrikam-provider' and reseller_id = 'ptn-northwind-reseller' and status = 'ACTIVE'`)).toBe(1);
    const token = await t.token('ptn-fabrikam-provider', ['ADMIN_AGENT']);
    expect(ids(await t.gql(token, `{ indirectResellers(first: 10) { edges { node { id } } } }`), 'indirectResellers')).toEqual(['ptn-northwind-reseller']);
  });

  describe('AUD-1 auditRecords', () => {
    it('AUD-1: each successful mutation is recorded for the caller\'s tenant only; refusals record nothing', async () => {
      const a = await onboardPartner(t);
      const b = await onboardPartner(t);
      const token = await t.token(a.id, ['ADMIN_AGENT'], 'alice');
      const created = (await payload(t, token, CREATE_CUSTOMER, customerInput())).customer;
      await payload(t, token, UPDATE_CUSTOMER, { customerId: created.id, companyName: 'Audited GmbH' });
      const request = (await payload(t, token, CREATE_REQUEST, {})).request;
      const refused = await payload(t, token, CREATE_CUSTOMER, customerInput({ country: 'US' }));
      expect(refused.errors[0].code).toBe('REGION_MISMATCH');

      const records = dataOf(await t.gql(token, AUDIT)).auditRecords;
      expect(records.totalCount).toBe(3);
      expect(records.edges.map((e: { node: unknown }) => e.node)).toEqual([
        expect.objectContaining({ operation: 'createCustomer', resourceType: 'Customer', resourceId: created.id, userId: 'alice', outcome: 'SUCCESS', at: expect.any(String) }),
        expect.objectContaining({ operation: 'updateCustomer', resourceType: 'Customer', resourceId: created.id }),
        expect.objectContaining({ operation: 'createRelationshipRequest', resourceType: 'RelationshipRequest', resourceId: request.id }),
      ]);
      expect(dataOf(await t.gql(await b.token(), AUDIT)).auditRecords.totalCount).toBe(0);

      // Acceptance is recorded for the customer and for the partner.
      const other = await createCustomer(t, b);
      await payload(t, await customerToken(t, other.id), ACCEPT_REQUEST, { requestId: request.id });
      const forCustomer = dataOf(await t.gql(await customerToken(t, other.id), AUDIT)).auditRecords;
      expect(forCustomer.edges.map((e: { node: { operation: string } }) => e.node.operation)).toEqual(['acceptRelationshipRequest']);
      expect(dataOf(await t.gql(token, AUDIT)).auditRecords.totalCount).toBe(4);

      const page1 = dataOf(await t.gql(token, AUDIT, { first: 2 })).auditRecords;
      expect(page1.edges).toHaveLength(2);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = dataOf(await t.gql(token, AUDIT, { first: 2, after: page1.pageInfo.endCursor })).auditRecords;
      expect(page2.edges.map((e: { node: { operation: string } }) => e.node.operation)).toEqual(['createRelationshipRequest', 'acceptRelationshipRequest']);
    });

    it('AUD-1: default window is the last 30 days of the business clock; from more than 90 days back → BAD_USER_INPUT', async () => {
      const a = await onboardPartner(t);
      const token = await a.token();
      await createCustomer(t, a);
      const now = new Date(dataOf(await t.gql(token, `{ sandboxClock }`)).sandboxClock);
      const day = 86_400_000;
      const later = new Date(now.getTime() + 40 * day);
      dataOf(await t.gql(await t.operatorToken(), `mutation($now: DateTime!) { setSandboxClock(input: { now: $now }) { now } }`, { now: later.toISOString() }));
      expect(dataOf(await t.gql(token, AUDIT)).auditRecords.totalCount).toBe(0);
      const from = new Date(later.getTime() - 60 * day).toISOString();
      expect(dataOf(await t.gql(token, AUDIT, { from })).auditRecords.totalCount).toBe(1);
      expect(dataOf(await t.gql(token, AUDIT, { from, to: new Date(now.getTime() - day).toISOString() })).auditRecords.totalCount).toBe(0);
      const tooOld = new Date(later.getTime() - 91 * day).toISOString();
      expect(codeOf(await t.gql(token, AUDIT, { from: tooOld }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(token, AUDIT, { from, to: new Date(later.getTime() - 70 * day).toISOString() }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(token, AUDIT, { first: 101 }))).toBe('BAD_USER_INPUT');
    });
  });
});
