import { verifyPassword } from '../../subgraphs/customers/services/password';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { buy } from '../subscriptions/checkout.fixtures';
import { mutate } from '../subscriptions/support';
import { codeOf, dataOf, useStack } from '../support/stack';
import {
  ACCEPT_REQUEST,
  count,
  CREATE_CUSTOMER,
  CREATE_REQUEST,
  customerInput,
  customerToken,
  ids,
  payload,
  REMOVE_RELATIONSHIP,
  UPDATE_CUSTOMER,
} from './helpers';

const CUSTOMER = `query($id: ID!) { customer(id: $id) { id companyName relationshipActive indirectResellerId } }`;

describe('customers and relationships (SPEC §2)', () => {
  const t = useStack();

  /** A subscription the partner buys for the customer through checkout; returns its id. */
  async function subscribe(partner: TestPartner, customerId: string): Promise<string> {
    const { payload: bought } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 5 }]);
    expect(bought.errors).toEqual([]);
    return bought.order.lines[0].subscription.id;
  }

  async function suspend(partner: TestPartner, subscriptionId: string): Promise<void> {
    expect(dataOf(await mutate(t, await partner.token(), 'suspendSubscription', { subscriptionId })).suspendSubscription.errors).toEqual([]);
  }

  describe('createCustomer', () => {
    it('REL-1: a customer created by the partner has the relationship at once', async () => {
      const partner = await onboardPartner(t);
      const result = await payload(t, await partner.token(), CREATE_CUSTOMER, customerInput());
      expect(result.errors).toEqual([]);
      expect(result.customer.relationshipActive).toBe(true);
      const seen = dataOf(await t.gql(await partner.token(['SALES_AGENT']), CUSTOMER, { id: result.customer.id }));
      expect(seen.customer).toMatchObject({ id: result.customer.id, relationshipActive: true, indirectResellerId: null });
    });

    it('REL-3: a customer outside the partner\'s CSP region → REGION_MISMATCH, nothing written', async () => {
      const partner = await onboardPartner(t, 'DIRECT_BILL', 'EUROPE');
      const input = customerInput({ country: 'US' });
      const result = await payload(t, await partner.token(), CREATE_CUSTOMER, input);
      expect(result.errors).toEqual([expect.objectContaining({ code: 'REGION_MISMATCH', rule: 'REL-3' })]);
      expect(result.customer).toBeNull();
      expect(await count(t, `select 1 from customers.customer where domain = $1`, [input.domain])).toBe(0);
      expect(await count(t, `select 1 from platform.audit_record where tenant_id = $1`, [partner.id])).toBe(0);
      const na = await onboardPartner(t, 'DIRECT_BILL', 'NORTH_AMERICA');
      expect((await payload(t, await na.token(), CREATE_CUSTOMER, customerInput({ country: 'CA' }))).errors).toEqual([]);
    });

    it('REL-5: admin credentials are returned once; only a scrypt hash is stored and no field exposes it', async () => {
      const partner = await onboardPartner(t);
      const result = await payload(t, await partner.token(), CREATE_CUSTOMER, customerInput());
      const { userName, temporaryPassword } = result.adminCredentials;
      expect(userName).toMatch(/^admin@/);
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
      const row = (await t.db.query(`select admin_password_hash from customers.customer where id = $1`, [result.customer.id])).rows[0];
      expect(row.admin_password_hash).toMatch(/^scrypt\$/);
      expect(row.admin_password_hash).not.toContain(temporaryPassword);
      expect(await verifyPassword(temporaryPassword, row.admin_password_hash)).toBe(true);
      const schema = dataOf(await t.gql(await partner.token(), `{ __type(name: "Customer") { fields { name } } }`));
      const names = schema.__type.fields.map((f: { name: string }) => f.name.toLowerCase());
      expect(names.filter((n: string) => /password|hash|credential/.test(n))).toEqual([]);
      expect(JSON.stringify(dataOf(await t.gql(await partner.token(), `query($id: ID!) { customer(id: $id) { id companyName domain } }`, { id: result.customer.id })))).not.toContain(
        temporaryPassword,
      );
    });

    it('REL-6: the proof of agreement acceptance is stored and exposed for checkout', async () => {
      const partner = await onboardPartner(t);
      const input = customerInput();
      const created = await payload(t, await partner.token(), CREATE_CUSTOMER, input);
      const data = dataOf(
        await t.gql(await partner.token(), `query($id: ID!) { customer(id: $id) { agreementAccepted agreementAcceptance { signerName signerEmail acceptedAt } country segment } }`, {
          id: created.customer.id,
        }),
      );
      expect(data.customer).toEqual({
        agreementAccepted: true,
        agreementAcceptance: { signerName: 'Ada Signer', signerEmail: input.agreementAcceptance.signerEmail, acceptedAt: '2026-01-01T00:00:00.000Z' },
        country: 'DE',
        segment: 'COMMERCIAL',
      });
      const without = await payload(t, await partner.token(), CREATE_CUSTOMER, customerInput({ agreementAcceptance: undefined }));
      expect(without.customer.agreementAccepted).toBe(false);
      const updated = await payload(t, await partner.token(), UPDATE_CUSTOMER, {
        customerId: without.customer.id,
        agreementAcceptance: { signerName: 'Bea Buyer', signerEmail: 'BEA@Buyer.example', acceptedAt: '2026-11-01T10:00:00Z' },
      });
      expect(updated.errors).toEqual([]);
      expect(updated.customer.agreementAccepted).toBe(true);
      expect(updated.customer.agreementAcceptance).toEqual({ signerName: 'Bea Buyer', signerEmail: 'bea@buyer.example', acceptedAt: '2026-11-01T10:00:00.000Z' });
    });

    it.each([
      ['unknown country code', { country: 'ZZ' }],
      ['empty company name', { companyName: '   ' }],
      ['overlong company name', { companyName: 'x'.repeat(201) }],
      ['malformed domain', { domain: 'not a domain' }],
      ['malformed signer email', { agreementAcceptance: { signerName: 'A', signerEmail: 'nope', acceptedAt: '2026-01-01T00:00:00Z' } }],
      ['empty signer name', { agreementAcceptance: { signerName: '', signerEmail: 'a@b.example', acceptedAt: '2026-01-01T00:00:00Z' } }],
    ])('bad input (%s) → BAD_USER_INPUT, nothing written', async (_name, overrides) => {
      const partner = await onboardPartner(t);
      const before = await count(t, `select 1 from customers.customer`);
      const response = await t.gql(await partner.token(), CREATE_CUSTOMER, { input: customerInput(overrides) });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(await count(t, `select 1 from customers.customer`)).toBe(before);
      expect(await count(t, `select 1 from platform.audit_record where tenant_id = $1`, [partner.id])).toBe(0);
    });
  });

  describe('updateCustomer', () => {
    it('updates the shared record for a partner with an active relationship; others get NOT_FOUND and nothing changes', async () => {
      const a = await onboardPartner(t);
      const b = await onboardPartner(t);
      const customer = await createCustomer(t, a);
      const renamed = await payload(t, await a.token(), UPDATE_CUSTOMER, { customerId: customer.id, companyName: 'Renamed GmbH' });
      expect(renamed.customer.companyName).toBe('Renamed GmbH');
      const foreign = await t.gql(await b.token(), UPDATE_CUSTOMER, { input: { customerId: customer.id, companyName: 'Hijacked' } });
      expect(codeOf(foreign)).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(await a.token(), UPDATE_CUSTOMER, { input: { customerId: 'cus_unknown', companyName: 'X' } }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(await a.token(), UPDATE_CUSTOMER, { input: { customerId: customer.id, companyName: '' } }))).toBe('BAD_USER_INPUT');
      const row = (await t.db.query(`select company_name from customers.customer where id = $1`, [customer.id])).rows[0];
      expect(row.company_name).toBe('Renamed GmbH');
    });
  });

  describe('relationship requests', () => {
    it('REL-2: a unique URL on the gateway host; before acceptance the partner cannot see the customer; the customer admin accepts; twice is harmless', async () => {
      const owner = await onboardPartner(t);
      const customer = await createCustomer(t, owner);
      const partner = await onboardPartner(t);
      const first = (await payload(t, await partner.token(), CREATE_REQUEST, {})).request;
      const second = (await payload(t, await partner.token(), CREATE_REQUEST, {})).request;
      expect(first.url).toMatch(new RegExp(`^https?://[^/]+/relationship-requests/${first.id}$`));
      expect(second.url).not.toBe(first.url);
      expect(first.status).toBe('PENDING');
      expect(codeOf(await t.gql(await partner.token(), CUSTOMER, { id: customer.id }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(await partner.token(), UPDATE_CUSTOMER, { input: { customerId: customer.id, companyName: 'Early' } }))).toBe('NOT_FOUND');

      const admin = await customerToken(t, customer.id);
      const accepted = await payload(t, admin, ACCEPT_REQUEST, { requestId: first.id });
      expect(accepted).toEqual({ customer: { id: customer.id }, errors: [] });
      const again = await payload(t, admin, ACCEPT_REQUEST, { requestId: first.id });
      expect(again.errors).toEqual([]);
      expect(await count(t, `select 1 from customers.customer_relationship where partner_id = $1 and customer_id = $2`, [partner.id, customer.id])).toBe(1);
      expect(dataOf(await t.gql(await partner.token(), CUSTOMER, { id: customer.id })).customer.relationshipActive).toBe(true);
      const list = dataOf(await t.gql(await partner.token(), `{ relationshipRequests(first: 10) { totalCount edges { node { id status customerId url } } } }`));
      expect(list.relationshipRequests.totalCount).toBe(2);
      expect(list.relationshipRequests.edges[0].node).toMatchObject({ id: first.id, status: 'ACCEPTED', customerId: customer.id });
    });

    it('REL-2: unknown, revoked or another customer\'s requests → RELATIONSHIP_REQUEST_INVALID, nothing changes', async () => {
      const owner = await onboardPartner(t);
      const c1 = await createCustomer(t, owner);
      const c2 = await createCustomer(t, owner);
      const partner = await onboardPartner(t);
      const request = (await payload(t, await partner.token(), CREATE_REQUEST, {})).request;
      const unknown = await payload(t, await customerToken(t, c1.id), ACCEPT_REQUEST, { requestId: 'rrq_unknown' });
      expect(unknown.errors).toEqual([expect.objectContaining({ code: 'RELATIONSHIP_REQUEST_INVALID', rule: 'REL-2' })]);
      expect((await payload(t, await customerToken(t, c1.id), ACCEPT_REQUEST, { requestId: request.id })).errors).toEqual([]);
      const foreign = await payload(t, await customerToken(t, c2.id), ACCEPT_REQUEST, { requestId: request.id });
      expect(foreign.errors[0].code).toBe('RELATIONSHIP_REQUEST_INVALID');
      expect(await count(t, `select 1 from customers.customer_relationship where partner_id = $1 and customer_id = $2`, [partner.id, c2.id])).toBe(0);
      // Removing the relationship revokes the request: the old link cannot bring it back.
      expect((await payload(t, await partner.token(), REMOVE_RELATIONSHIP, { customerId: c1.id })).errors).toEqual([]);
      const revoked = await payload(t, await customerToken(t, c1.id), ACCEPT_REQUEST, { requestId: request.id });
      expect(revoked.errors[0].code).toBe('RELATIONSHIP_REQUEST_INVALID');
      expect(await count(t, `select 1 from customers.customer_relationship where partner_id = $1 and customer_id = $2 and status = 'ACTIVE'`, [partner.id, c1.id])).toBe(0);
    });

    it('REL-2: a partner agent cannot accept on the customer\'s behalf → FORBIDDEN', async () => {
      const owner = await onboardPartner(t);
      const customer = await createCustomer(t, owner);
      const partner = await onboardPartner(t);
      const request = (await payload(t, await partner.token(), CREATE_REQUEST, {})).request;
      for (const role of ['ADMIN_AGENT', 'GLOBAL_ADMIN'] as const) {
        expect(codeOf(await t.gql(await partner.token([role]), ACCEPT_REQUEST, { input: { requestId: request.id } }))).toBe('FORBIDDEN');
      }
      expect(await count(t, `select 1 from customers.relationship_request where id = $1 and status = 'PENDING'`, [request.id])).toBe(1);
      void customer;
    });

    it('REL-3: accepting a request of a partner of another CSP region → REGION_MISMATCH, nothing changes', async () => {
      const owner = await onboardPartner(t);
      const customer = await createCustomer(t, owner, { country: 'FR' });
      const american = await onboardPartner(t, 'DIRECT_BILL', 'NORTH_AMERICA');
      const request = (await payload(t, await american.token(), CREATE_REQUEST, {})).request;
      const result = await payload(t, await customerToken(t, customer.id), ACCEPT_REQUEST, { requestId: request.id });
      expect(result.errors).toEqual([expect.objectContaining({ code: 'REGION_MISMATCH', rule: 'REL-3' })]);
      expect(await count(t, `select 1 from customers.relationship_request where id = $1 and status = 'PENDING'`, [request.id])).toBe(1);
      expect(await count(t, `select 1 from customers.customer_relationship where partner_id = $1`, [american.id])).toBe(0);
    });
  });

  it('REL-4: one customer, several partners, each with its own view of a shared record; search by name or domain, paginated', async () => {
    const a = await onboardPartner(t);
    const b = await onboardPartner(t);
    const customer = await createCustomer(t, a, { companyName: 'Zugspitze Alpine Tours GmbH' });
    const request = (await payload(t, await b.token(), CREATE_REQUEST, {})).request;
    await payload(t, await customerToken(t, customer.id), ACCEPT_REQUEST, { requestId: request.id });
    expect(ids(await t.gql(await a.token(), `{ customers(first: 100) { edges { node { id } } } }`), 'customers')).toContain(customer.id);
    expect(ids(await t.gql(await b.token(), `{ customers(first: 100) { edges { node { id } } } }`), 'customers')).toContain(customer.id);
    await payload(t, await b.token(), UPDATE_CUSTOMER, { customerId: customer.id, companyName: 'Zugspitze Alpine Tours AG' });
    expect(dataOf(await t.gql(await a.token(), CUSTOMER, { id: customer.id })).customer.companyName).toBe('Zugspitze Alpine Tours AG');

    for (let i = 0; i < 3; i += 1) await createCustomer(t, a, { companyName: `Searchable Bakery ${i}` });
    const byName = dataOf(await t.gql(await a.token(), `{ customers(first: 2, filter: { search: "searchable bakery" }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`));
    expect(byName.customers.totalCount).toBe(3);
    expect(byName.customers.edges).toHaveLength(2);
    expect(byName.customers.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(
      await t.gql(await a.token(), `query($after: String) { customers(first: 2, after: $after, filter: { search: "searchable bakery" }) { pageInfo { hasNextPage } edges { node { id } } } }`, {
        after: byName.customers.pageInfo.endCursor,
      }),
    );
    expect(rest.customers.edges).toHaveLength(1);
    expect(rest.customers.pageInfo.hasNextPage).toBe(false);
    const byDomain = dataOf(await t.gql(await b.token(), `query($s: String) { customers(first: 10, filter: { search: $s }) { totalCount edges { node { id } } } }`, { s: customer.domain.slice(0, 12) }));
    expect(byDomain.customers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([customer.id]);
    // b does not find a's other customers by search.
    expect(dataOf(await t.gql(await b.token(), `{ customers(first: 10, filter: { search: "searchable bakery" }) { totalCount } }`)).customers.totalCount).toBe(0);
  });

  describe('removeCustomerRelationship', () => {
    it('REL-7: refused with ACTIVE_SUBSCRIPTIONS_EXIST while the partner has an active subscription; allowed once it is suspended: REMOVED, history kept, customer hidden', async () => {
      const partner = await onboardPartner(t);
      const other = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const request = (await payload(t, await other.token(), CREATE_REQUEST, {})).request;
      await payload(t, await customerToken(t, customer.id), ACCEPT_REQUEST, { requestId: request.id });
      const own = await subscribe(partner, customer.id);
      // Another partner's subscription does not block this partner's removal (ACT-2).
      await subscribe(other, customer.id);

      const refused = await payload(t, await partner.token(), REMOVE_RELATIONSHIP, { customerId: customer.id });
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'ACTIVE_SUBSCRIPTIONS_EXIST', rule: 'REL-7' })]);
      expect(await count(t, `select 1 from customers.customer_relationship where partner_id = $1 and status = 'ACTIVE'`, [partner.id])).toBe(1);

      // "Suspend or cancel first": a suspended subscription no longer blocks the removal.
      await suspend(partner, own);
      const removed = await payload(t, await partner.token(), REMOVE_RELATIONSHIP, { customerId: customer.id });
      expect(removed).toEqual({ customer: { id: customer.id }, errors: [] });
      const rows = await t.db.query(`select status, removed_at from customers.customer_relationship where partner_id = $1 and customer_id = $2`, [partner.id, customer.id]);
      expect(rows.rows).toEqual([{ status: 'REMOVED', removed_at: expect.any(Date) }]);
      expect(codeOf(await t.gql(await partner.token(), CUSTOMER, { id: customer.id }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(await partner.token(), REMOVE_RELATIONSHIP, { input: { customerId: customer.id } }))).toBe('NOT_FOUND');
      // The other partner keeps its own relationship (REL-4).
      expect(dataOf(await t.gql(await other.token(), CUSTOMER, { id: customer.id })).customer.relationshipActive).toBe(true);
    });
  });

  describe('audit and outbox rows', () => {
    const outbox = (type: string, customerId: string) =>
      t.db.query(`select type, tenant_id, resource_id, data from platform.outbox_event where type = $1 and resource_id = $2`, [type, customerId]).then((r) => r.rows);
    const rowCounts = async () => ({ audit: await count(t, `select 1 from platform.audit_record`), outbox: await count(t, `select 1 from platform.outbox_event`) });

    it('AUD-2: accepting writes exactly one RELATIONSHIP_ACCEPTED outbox row for the partner (none on re-accept); AUD-1/REL-7: a refused mutation writes no audit and no outbox row', async () => {
      const owner = await onboardPartner(t);
      const customer = await createCustomer(t, owner);
      const partner = await onboardPartner(t);
      const request = (await payload(t, await partner.token(), CREATE_REQUEST, {})).request;
      const admin = await customerToken(t, customer.id);
      expect((await payload(t, admin, ACCEPT_REQUEST, { requestId: request.id })).errors).toEqual([]);
      expect((await payload(t, admin, ACCEPT_REQUEST, { requestId: request.id })).errors).toEqual([]);
      expect(await outbox('RELATIONSHIP_ACCEPTED', customer.id)).toEqual([
        { type: 'RELATIONSHIP_ACCEPTED', tenant_id: partner.id, resource_id: customer.id, data: { v: 1, partnerId: partner.id, customerId: customer.id, indirectResellerId: null } },
      ]);

      const held = await subscribe(partner, customer.id);
      const before = await rowCounts();
      const invalid = await payload(t, admin, ACCEPT_REQUEST, { requestId: 'rrq_unknown' });
      expect(invalid.errors).toEqual([expect.objectContaining({ code: 'RELATIONSHIP_REQUEST_INVALID', rule: 'REL-2' })]);
      const refused = await payload(t, await partner.token(), REMOVE_RELATIONSHIP, { customerId: customer.id });
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'ACTIVE_SUBSCRIPTIONS_EXIST', rule: 'REL-7' })]);
      expect(await rowCounts()).toEqual(before);

      // Once allowed, the removal is announced to the subscriptions subgraph (REL-7).
      await suspend(partner, held);
      expect((await payload(t, await partner.token(), REMOVE_RELATIONSHIP, { customerId: customer.id })).errors).toEqual([]);
      expect(await outbox('RELATIONSHIP_REMOVED', customer.id)).toEqual([
        { type: 'RELATIONSHIP_REMOVED', tenant_id: partner.id, resource_id: customer.id, data: { v: 1, partnerId: partner.id, customerId: customer.id } },
      ]);
    });
  });
});
