import { IDENTITY_HEADER, SECRET_HEADER, encodeIdentity } from '../../shared/auth/forwarding';
import { signDevToken } from '../../shared/auth/jwt';
import { gatewaySecret, SUBGRAPH_NAMES } from '../../shared/config';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';

describe('identity, roles and tenancy (ACT-2, ACT-3)', () => {
  const t = useStack();

  it('ACT-3: no token → UNAUTHENTICATED', async () => {
    expect(codeOf(await t.gql(undefined, '{ me { userId } }'))).toBe('UNAUTHENTICATED');
  });

  it('ACT-3: a token signed with another secret → UNAUTHENTICATED', async () => {
    const forged = await signDevToken({ sub: 'x', tid: 'platform', roles: ['PLATFORM_OPERATOR'] }, 'not-the-secret');
    const response = await t.gql(forged, '{ me { userId } }');
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
    expect(response.data ?? null).toBeNull();
  });

  it('ACT-3: a token for an unknown tenant → UNAUTHENTICATED', async () => {
    const token = await t.token('ptn-does-not-exist', ['ADMIN_AGENT']);
    expect(codeOf(await t.gql(token, '{ me { userId } }'))).toBe('UNAUTHENTICATED');
  });

  it('ACT-3: a role outside the matrix → FORBIDDEN, and nothing is written', async () => {
    const partner = await onboardPartner(t);
    const helpdesk = await partner.token(['HELPDESK_AGENT']);
    const response = await t.gql(
      helpdesk,
      `mutation { createCustomer(input: { companyName: "X", country: "DE", segment: COMMERCIAL, domain: "forbidden-role.example" }) { customer { id } } }`,
    );
    expect(codeOf(response)).toBe('FORBIDDEN');
    const rows = await t.db.query(`select 1 from customers.customer where domain = 'forbidden-role.example'`);
    expect(rows.rowCount).toBe(0);
  });

  it('ACT-3: a partner role on a customer tenant or an operator mutation by a partner → FORBIDDEN', async () => {
    const partner = await onboardPartner(t);
    const response = await t.gql(
      await partner.token(['GLOBAL_ADMIN']),
      `mutation { onboardPartner(input: { name: "Nope", type: DIRECT_BILL, partnerId: "99999999", region: EUROPE }) { partner { id } } }`,
    );
    expect(codeOf(response)).toBe('FORBIDDEN');
  });

  it('ACT-2: partner B reading partner A\'s customer → NOT_FOUND', async () => {
    const a = await onboardPartner(t);
    const b = await onboardPartner(t);
    const customer = await createCustomer(t, a);
    expect(codeOf(await t.gql(await b.token(), `{ customer(id: "${customer.id}") { id } }`))).toBe('NOT_FOUND');
    const list = dataOf(await t.gql(await b.token(), '{ customers(first: 100) { totalCount edges { node { id } } } }'));
    expect(list.customers.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(customer.id);
  });

  it('ACT-2: partner B gets null for partner A\'s customer through _entities', async () => {
    const a = await onboardPartner(t);
    const b = await onboardPartner(t);
    const customer = await createCustomer(t, a);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id companyName } } }`;
    const call = async (tenantId: string) => {
      const response = await fetch(t.stack.subgraphs.customers.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SECRET_HEADER]: gatewaySecret(),
          [IDENTITY_HEADER]: encodeIdentity({ userId: 'u', tenantId, tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] }),
        },
        body: JSON.stringify({ query, variables: { r: [{ __typename: 'Customer', id: customer.id }] } }),
      });
      return (await response.json()) as { data: { _entities: unknown[] } };
    };
    expect((await call(a.id)).data._entities[0]).toMatchObject({ id: customer.id });
    expect((await call(b.id)).data._entities[0]).toBeNull();
  });

  it.each(SUBGRAPH_NAMES)('a direct call to the %s subgraph without the gateway secret → 401', async (name) => {
    const response = await fetch(t.stack.subgraphs[name].url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: encodeIdentity({ userId: 'u', tenantId: 'platform', tenantKind: 'PLATFORM', roles: ['PLATFORM_OPERATOR'] }),
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
  });

  it('identity headers sent by a client are never trusted or passed through', async () => {
    const partner = await onboardPartner(t);
    const response = await fetch(t.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await partner.token(['ADMIN_AGENT'])}`,
        [IDENTITY_HEADER]: encodeIdentity({ userId: 'evil', tenantId: 'platform', tenantKind: 'PLATFORM', roles: ['PLATFORM_OPERATOR'] }),
        [SECRET_HEADER]: 'guess',
      },
      body: JSON.stringify({ query: '{ me { userId tenantId roles } }' }),
    });
    const body = (await response.json()) as { data: { me: { tenantId: string; roles: string[] } } };
    expect(body.data.me.tenantId).toBe(partner.id);
    expect(body.data.me.roles).toEqual(['ADMIN_AGENT']);
  });

  it('roles that do not belong to the tenant kind are dropped', async () => {
    const partner = await onboardPartner(t);
    const token = await t.token(partner.id, ['ADMIN_AGENT', 'PLATFORM_OPERATOR', 'CUSTOMER_ADMIN']);
    expect(dataOf(await t.gql(token, '{ me { roles } }')).me.roles).toEqual(['ADMIN_AGENT']);
  });
});
