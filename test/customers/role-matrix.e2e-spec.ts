import { ALL_ROLES, PARTNER_ROLES, type PartnerType, type Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, type GraphQLResponse, useStack } from '../support/stack';
import {
  ACCEPT_PARTNERSHIP,
  ACCEPT_REQUEST,
  count,
  CREATE_CUSTOMER,
  CREATE_REQUEST,
  customerInput,
  payload,
  REMOVE_PARTNERSHIP,
  REMOVE_RELATIONSHIP,
  REQUEST_PARTNERSHIP,
  UPDATE_CUSTOMER,
} from './helpers';

/**
 * SPEC §10 (ACT-3) rows of the customers subgraph's mutations, restated here and checked
 * through the gateway for every role: allowed roles succeed, every other role is FORBIDDEN
 * and writes nothing. Partner roles act on a partner of the row's partner type.
 */
type Row = { allowed: Role[]; partnerType?: PartnerType; wrongTypes: PartnerType[] };
const CUSTOMER_MANAGEMENT: Row = { allowed: ['GLOBAL_ADMIN', 'ADMIN_AGENT', 'SALES_AGENT', 'ACCOUNT_ADMIN'], partnerType: 'DIRECT_BILL', wrongTypes: ['INDIRECT_RESELLER'] };
const RESELLER_MANAGEMENT: Row = { allowed: ['GLOBAL_ADMIN', 'SALES_AGENT', 'ADMIN_AGENT'], partnerType: 'INDIRECT_PROVIDER', wrongTypes: ['DIRECT_BILL', 'INDIRECT_RESELLER'] };
const ROWS: Record<string, Row> = {
  createCustomer: CUSTOMER_MANAGEMENT,
  updateCustomer: CUSTOMER_MANAGEMENT,
  createRelationshipRequest: CUSTOMER_MANAGEMENT,
  removeCustomerRelationship: CUSTOMER_MANAGEMENT,
  acceptRelationshipRequest: { allowed: ['CUSTOMER_ADMIN'], wrongTypes: [] },
  requestResellerPartnership: RESELLER_MANAGEMENT,
  removeResellerPartnership: RESELLER_MANAGEMENT,
  acceptResellerPartnership: { allowed: ['ADMIN_AGENT'], partnerType: 'INDIRECT_RESELLER', wrongTypes: ['DIRECT_BILL', 'INDIRECT_PROVIDER'] },
};

/** Inputs that pass GraphQL validation, so that only authentication decides. */
const VALID_INPUT: Record<string, string> = {
  createCustomer: '{ companyName: "X", country: "DE", segment: COMMERCIAL, domain: "unauthenticated.example" }',
  updateCustomer: '{ customerId: "cus_x", companyName: "X" }',
  createRelationshipRequest: '{}',
  removeCustomerRelationship: '{ customerId: "cus_x" }',
  acceptRelationshipRequest: '{ requestId: "rrq_x" }',
  requestResellerPartnership: '{ resellerEmail: "a@b.example" }',
  removeResellerPartnership: '{ resellerId: "ptn_x", attestation: true }',
  acceptResellerPartnership: '{ invitationId: "inv_x" }',
};

describe('SPEC §10 role matrix of the customers mutations, through the gateway (ACT-3)', () => {
  const t = useStack();
  const partners = {} as Record<PartnerType, TestPartner>;
  let owner: TestPartner;

  beforeAll(async () => {
    partners.DIRECT_BILL = await onboardPartner(t, 'DIRECT_BILL');
    partners.INDIRECT_PROVIDER = await onboardPartner(t, 'INDIRECT_PROVIDER');
    partners.INDIRECT_RESELLER = await onboardPartner(t, 'INDIRECT_RESELLER');
    owner = await onboardPartner(t, 'DIRECT_BILL');
  });

  /** A token of `role` on a tenant of the right kind: the partner, the customer, or the platform. */
  async function tokenFor(role: Role, partner: TestPartner, customerId?: string): Promise<string> {
    if ((PARTNER_ROLES as readonly string[]).includes(role)) return partner.token([role]);
    if (role === 'CUSTOMER_ADMIN') return t.token(customerId ?? (await createCustomer(t, owner)).id, [role]);
    return t.operatorToken();
  }

  /** One attempt per operation with fresh data, so that an allowed attempt can succeed. */
  const attempts: Record<string, (role: Role, partner: TestPartner) => Promise<() => Promise<GraphQLResponse>>> = {
    createCustomer: async (role, partner) => {
      const token = await tokenFor(role, partner);
      return () => t.gql(token, CREATE_CUSTOMER, { input: customerInput() });
    },
    updateCustomer: async (role, partner) => {
      const customer = partner.id === partners.INDIRECT_RESELLER.id ? await createCustomer(t, owner) : await createCustomer(t, partner);
      const token = await tokenFor(role, partner, customer.id);
      return () => t.gql(token, UPDATE_CUSTOMER, { input: { customerId: customer.id, companyName: 'Updated GmbH' } });
    },
    createRelationshipRequest: async (role, partner) => {
      const token = await tokenFor(role, partner);
      return () => t.gql(token, CREATE_REQUEST, { input: {} });
    },
    removeCustomerRelationship: async (role, partner) => {
      const customer = partner.id === partners.INDIRECT_RESELLER.id ? await createCustomer(t, owner) : await createCustomer(t, partner);
      const token = await tokenFor(role, partner, customer.id);
      return () => t.gql(token, REMOVE_RELATIONSHIP, { input: { customerId: customer.id } });
    },
    acceptRelationshipRequest: async (role, partner) => {
      const customer = await createCustomer(t, owner);
      const request = (await payload(t, await partners.DIRECT_BILL.token(), CREATE_REQUEST, {})).request;
      const token = await tokenFor(role, partner, customer.id);
      return () => t.gql(token, ACCEPT_REQUEST, { input: { requestId: request.id } });
    },
    requestResellerPartnership: async (role, partner) => {
      const token = await tokenFor(role, partner);
      return () => t.gql(token, REQUEST_PARTNERSHIP, { input: { resellerEmail: 'owner@reseller.example' } });
    },
    removeResellerPartnership: async (role, partner) => {
      const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
      const provider = partners.INDIRECT_PROVIDER;
      const invitation = (await payload(t, await provider.token(), REQUEST_PARTNERSHIP, { resellerEmail: 'r@x.example', resellerPartnerId: reseller.partnerId })).invitation;
      await payload(t, await reseller.token(), ACCEPT_PARTNERSHIP, { invitationId: invitation.id });
      const token = await tokenFor(role, partner);
      return () => t.gql(token, REMOVE_PARTNERSHIP, { input: { resellerId: reseller.id, attestation: true } });
    },
    acceptResellerPartnership: async (role, partner) => {
      const invitation = (await payload(t, await partners.INDIRECT_PROVIDER.token(), REQUEST_PARTNERSHIP, { resellerEmail: 'r@x.example' })).invitation;
      const token = await tokenFor(role, partner);
      return () => t.gql(token, ACCEPT_PARTNERSHIP, { input: { invitationId: invitation.id } });
    },
  };

  const auditRows = (operation: string) => count(t, `select 1 from platform.audit_record where operation = $1`, [operation]);

  describe.each(Object.keys(ROWS))('%s', (operation) => {
    const row = ROWS[operation];
    it.each([...ALL_ROLES])(`role %s: allowed only as SPEC §10 says`, async (role) => {
      const partner = partners[row.partnerType ?? 'DIRECT_BILL'];
      const send = await attempts[operation](role, partner);
      const before = await auditRows(operation);
      const response = await send();
      if (row.allowed.includes(role)) {
        expect(response.errors).toBeUndefined();
        expect(response.data![operation].errors).toEqual([]);
        expect(await auditRows(operation)).toBeGreaterThan(before);
      } else {
        expect(codeOf(response)).toBe('FORBIDDEN');
        expect(await auditRows(operation)).toBe(before);
      }
    });

    if (row.wrongTypes.length) it.each(row.wrongTypes)(`an allowed role of a %s partner → FORBIDDEN (ACT-1)`, async (type) => {
      const response = await (await attempts[operation](row.allowed[0], partners[type]))();
      expect(codeOf(response)).toBe('FORBIDDEN');
    });

    it('no token → UNAUTHENTICATED', async () => {
      const response = await t.gql(undefined, `mutation { ${operation}(input: ${VALID_INPUT[operation]}) { errors { code } } }`);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    });
  });
});

/** SPEC §10: invoices, reconciliation files and billing figures (BIL-8) are read by BILLING_ADMIN, ADMIN_AGENT and GLOBAL_ADMIN. */
describe('SPEC §10 role matrix of invoices, through the gateway (BIL-8)', () => {
  const t = useStack();
  const READERS: Role[] = ['BILLING_ADMIN', 'ADMIN_AGENT', 'GLOBAL_ADMIN'];
  let partner: TestPartner;

  beforeAll(async () => {
    partner = await onboardPartner(t, 'DIRECT_BILL');
  });

  it.each([...PARTNER_ROLES])('role %s: invoices and invoice(id) only as SPEC §10 says', async (role) => {
    const token = await partner.token([role]);
    const list = await t.gql(token, '{ invoices(first: 10) { totalCount } }');
    const one = await t.gql(token, '{ invoice(id: "inv_unknown") { id } }');
    if (READERS.includes(role)) {
      expect(list.errors).toBeUndefined();
      expect(list.data.invoices.totalCount).toBe(0);
      expect(codeOf(one)).toBe('NOT_FOUND');
    } else {
      expect(codeOf(list)).toBe('FORBIDDEN');
      expect(codeOf(one)).toBe('FORBIDDEN');
    }
  });

  it('customers and the operator get FORBIDDEN; no token UNAUTHENTICATED', async () => {
    const customer = await createCustomer(t, partner);
    expect(codeOf(await t.gql(await t.token(customer.id, ['CUSTOMER_ADMIN']), '{ invoices(first: 1) { totalCount } }'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(await t.operatorToken(), '{ invoices(first: 1) { totalCount } }'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(undefined, '{ invoices(first: 1) { totalCount } }'))).toBe('UNAUTHENTICATED');
  });
});
