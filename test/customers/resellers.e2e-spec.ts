import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import {
  ACCEPT_PARTNERSHIP,
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
  REQUEST_PARTNERSHIP,
} from './helpers';

const RESELLERS = `{ indirectResellers(first: 100) { totalCount edges { node { id partnerId name type } } } }`;
const VERIFY = `query($p: String!) { verifyPartnerId(partnerId: $p) { partnerId valid name reason } }`;

describe('indirect resellers (SPEC §3) and ACT-1', () => {
  const t = useStack();

  it('RES-1: the provider\'s invitation has a link and a draft email containing it; on acceptance the reseller is listed', async () => {
    const provider = await onboardPartner(t, 'INDIRECT_PROVIDER');
    const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    const requested = await payload(t, await provider.token(['SALES_AGENT']), REQUEST_PARTNERSHIP, { resellerEmail: 'Owner@Reseller.example' });
    expect(requested.errors).toEqual([]);
    const invitation = requested.invitation;
    expect(invitation.url).toMatch(new RegExp(`^https?://[^/]+/reseller-invitations/${invitation.id}$`));
    expect(invitation.emailDraft).toContain(invitation.url);
    expect(invitation.emailDraft).toContain('owner@reseller.example');
    expect(invitation.resellerEmail).toBe('owner@reseller.example');
    expect(dataOf(await t.gql(await provider.token(), RESELLERS)).indirectResellers.totalCount).toBe(0);

    const accepted = await payload(t, await reseller.token(['ADMIN_AGENT']), ACCEPT_PARTNERSHIP, { invitationId: invitation.id });
    expect(accepted.errors).toEqual([]);
    expect(accepted.partnership).toMatchObject({ status: 'ACTIVE', provider: { id: provider.id }, reseller: { id: reseller.id } });
    const again = await payload(t, await reseller.token(), ACCEPT_PARTNERSHIP, { invitationId: invitation.id });
    expect(again.partnership.id).toBe(accepted.partnership.id);
    expect(await count(t, `select 1 from customers.reseller_partnership where provider_id = $1`, [provider.id])).toBe(1);

    const list = dataOf(await t.gql(await provider.token(), RESELLERS)).indirectResellers;
    expect(list.totalCount).toBe(1);
    expect(list.edges[0].node).toMatchObject({ id: reseller.id, partnerId: reseller.partnerId, type: 'INDIRECT_RESELLER' });
    // The reseller sees its providers.
    expect(ids(await t.gql(await reseller.token(), RESELLERS), 'indirectResellers')).toEqual([provider.id]);
  });

  it('RES-2: only onboarded resellers with a signed MPA can be named or accept → INVALID_RESELLER; PartnerIDs can be verified', async () => {
    const provider = await onboardPartner(t, 'INDIRECT_PROVIDER');
    const unsigned = await onboardPartner(t, 'INDIRECT_RESELLER', 'EUROPE', false);
    const direct = await onboardPartner(t, 'DIRECT_BILL');
    const good = await onboardPartner(t, 'INDIRECT_RESELLER');
    const token = await provider.token();
    for (const partnerId of [unsigned.partnerId, direct.partnerId, '99999998']) {
      const result = await payload(t, token, REQUEST_PARTNERSHIP, { resellerEmail: 'r@reseller.example', resellerPartnerId: partnerId });
      expect(result.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'RES-2' })]);
    }
    expect(await count(t, `select 1 from customers.reseller_invitation where provider_id = $1`, [provider.id])).toBe(0);

    // An unnamed invitation cannot be accepted by a reseller without MPA.
    const open = (await payload(t, token, REQUEST_PARTNERSHIP, { resellerEmail: 'r@reseller.example' })).invitation;
    const refused = await payload(t, await unsigned.token(), ACCEPT_PARTNERSHIP, { invitationId: open.id });
    expect(refused.errors[0]).toMatchObject({ code: 'INVALID_RESELLER', rule: 'RES-2' });
    // An invitation naming a PartnerID is for that reseller only.
    const named = (await payload(t, token, REQUEST_PARTNERSHIP, { resellerEmail: 'g@good.example', resellerPartnerId: good.partnerId })).invitation;
    expect(named.resellerPartnerId).toBe(good.partnerId);
    const other = await onboardPartner(t, 'INDIRECT_RESELLER');
    expect((await payload(t, await other.token(), ACCEPT_PARTNERSHIP, { invitationId: named.id })).errors[0].code).toBe('INVALID_RESELLER');
    expect(await count(t, `select 1 from customers.reseller_partnership where provider_id = $1`, [provider.id])).toBe(0);
    expect((await payload(t, await good.token(), ACCEPT_PARTNERSHIP, { invitationId: named.id })).errors).toEqual([]);

    const verify = async (p: string) => dataOf(await t.gql(token, VERIFY, { p })).verifyPartnerId;
    expect(await verify(good.partnerId)).toMatchObject({ partnerId: good.partnerId, valid: true, name: expect.any(String), reason: null });
    expect(await verify(unsigned.partnerId)).toMatchObject({ valid: false, reason: expect.stringMatching(/MPA/) });
    expect(await verify(direct.partnerId)).toMatchObject({ valid: false, reason: expect.stringMatching(/not an indirect reseller/) });
    expect(await verify('99999997')).toMatchObject({ valid: false, name: null });
    expect(await verify('abc')).toMatchObject({ valid: false, reason: expect.stringMatching(/not onboarded|No partner/) });
    expect(await verify('12 34')).toMatchObject({ valid: false, reason: expect.stringMatching(/digits/) });
    expect(await verify(good.id)).toMatchObject({ valid: true });
    expect(codeOf(await t.gql(token, VERIFY, { p: '1'.repeat(51) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(token, REQUEST_PARTNERSHIP, { input: { resellerEmail: 'not-an-email' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(await good.token(), ACCEPT_PARTNERSHIP, { input: { invitationId: 'inv_unknown' } }))).toBe('NOT_FOUND');
  });

  it('RES-3: a provider adds customers on behalf of a partnered reseller, who gets delegated (read) access; without partnership → INVALID_RESELLER', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const created = await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: reseller.id }));
    expect(created.errors).toEqual([]);
    expect(created.customer.indirectResellerId).toBe(reseller.id);
    const seen = dataOf(await t.gql(await reseller.token(), `query($id: ID!) { customer(id: $id) { id indirectResellerId relationshipActive } }`, { id: created.customer.id }));
    expect(seen.customer).toEqual({ id: created.customer.id, indirectResellerId: reseller.id, relationshipActive: false });

    const stranger = await onboardPartner(t, 'INDIRECT_RESELLER');
    const before = await count(t, `select 1 from customers.customer`);
    const refused = await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: stranger.id }));
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'RES-3' })]);
    const direct = await onboardPartner(t, 'DIRECT_BILL');
    expect((await payload(t, await direct.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: reseller.id }))).errors[0].code).toBe('INVALID_RESELLER');
    expect(await count(t, `select 1 from customers.customer`)).toBe(before);

    // A relationship request may name the partnered reseller too (REL-2 with RES-3).
    const owner = await onboardPartner(t);
    const customer = await createCustomer(t, owner);
    const request = (await payload(t, await provider.token(), CREATE_REQUEST, { indirectResellerId: reseller.id })).request;
    expect(request.indirectResellerId).toBe(reseller.id);
    expect((await payload(t, await provider.token(), CREATE_REQUEST, { indirectResellerId: stranger.id })).errors[0].code).toBe('INVALID_RESELLER');
    await payload(t, await customerToken(t, customer.id), ACCEPT_REQUEST, { requestId: request.id });
    expect(ids(await t.gql(await reseller.token(), `{ customers(first: 100) { edges { node { id } } } }`), 'customers')).toEqual(
      expect.arrayContaining([created.customer.id, customer.id]),
    );
  });

  it('RES-5: removal requires attestation (ATTESTATION_REQUIRED); customers and delegated access stay, the reseller leaves the list', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const created = (await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: reseller.id }))).customer;
    const staleRequest = (await payload(t, await provider.token(), CREATE_REQUEST, { indirectResellerId: reseller.id })).request;
    const refused = await payload(t, await provider.token(), REMOVE_PARTNERSHIP, { resellerId: reseller.id, attestation: false });
    expect(refused).toEqual({ removed: null, errors: [expect.objectContaining({ code: 'ATTESTATION_REQUIRED', rule: 'RES-5' })] });
    expect(await count(t, `select 1 from customers.reseller_partnership where provider_id = $1 and status = 'ACTIVE'`, [provider.id])).toBe(1);

    const removed = await payload(t, await provider.token(['SALES_AGENT']), REMOVE_PARTNERSHIP, { resellerId: reseller.id, attestation: true });
    expect(removed).toEqual({ removed: true, errors: [] });
    expect(dataOf(await t.gql(await provider.token(), RESELLERS)).indirectResellers.totalCount).toBe(0);
    expect(await count(t, `select 1 from customers.reseller_partnership where provider_id = $1 and status = 'REMOVED' and removed_by is not null`, [provider.id])).toBe(1);
    expect(await count(t, `select 1 from customers.customer_relationship where customer_id = $1 and indirect_reseller_id = $2 and status = 'ACTIVE'`, [created.id, reseller.id])).toBe(1);
    expect(dataOf(await t.gql(await reseller.token(), `query($id: ID!) { customer(id: $id) { id } }`, { id: created.id })).customer.id).toBe(created.id);
    expect(dataOf(await t.gql(await provider.token(), `query($id: ID!) { customer(id: $id) { indirectResellerId } }`, { id: created.id })).customer.indirectResellerId).toBe(reseller.id);
    // A removed partnership cannot be named any more, nor removed twice; a request naming it is stale.
    const owner = await onboardPartner(t);
    const target = await createCustomer(t, owner);
    const stale = await payload(t, await customerToken(t, target.id), ACCEPT_REQUEST, { requestId: staleRequest.id });
    expect(stale.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'RES-3' })]);
    expect(await count(t, `select 1 from customers.customer_relationship where customer_id = $1 and partner_id = $2`, [target.id, provider.id])).toBe(0);
    expect((await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: reseller.id }))).errors[0].code).toBe('INVALID_RESELLER');
    expect(codeOf(await t.gql(await provider.token(), REMOVE_PARTNERSHIP, { input: { resellerId: reseller.id, attestation: true } }))).toBe('NOT_FOUND');
  });

  it('RES-6: customers listed per reseller; a reseller lists the customers associated with it', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const { reseller: second } = await (async () => {
      const r2 = await onboardPartner(t, 'INDIRECT_RESELLER');
      const inv = (await payload(t, await provider.token(), REQUEST_PARTNERSHIP, { resellerEmail: 'x@r2.example', resellerPartnerId: r2.partnerId })).invitation;
      await payload(t, await r2.token(), ACCEPT_PARTNERSHIP, { invitationId: inv.id });
      return { reseller: r2 };
    })();
    const viaFirst = (await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: reseller.id }))).customer.id;
    const viaSecond = (await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: second.id }))).customer.id;
    const direct = (await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput())).customer.id;
    const perReseller = `query($r: ID) { customers(first: 100, filter: { resellerId: $r }) { totalCount edges { node { id } } } }`;
    expect(ids(await t.gql(await provider.token(), perReseller, { r: reseller.id }), 'customers')).toEqual([viaFirst]);
    expect(ids(await t.gql(await provider.token(), perReseller, { r: second.id }), 'customers')).toEqual([viaSecond]);
    expect(ids(await t.gql(await provider.token(), `{ customers(first: 100) { edges { node { id } } } }`), 'customers')).toEqual([viaFirst, viaSecond, direct]);
    expect(ids(await t.gql(await reseller.token(), `{ customers(first: 100) { edges { node { id } } } }`), 'customers')).toEqual([viaFirst]);
    // The reseller list pages like every connection.
    const page1 = dataOf(await t.gql(await provider.token(), `{ indirectResellers(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`)).indirectResellers;
    expect(page1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const page2 = dataOf(
      await t.gql(await provider.token(), `query($a: String) { indirectResellers(first: 1, after: $a) { pageInfo { hasNextPage } edges { node { id } } } }`, { a: page1.pageInfo.endCursor }),
    ).indirectResellers;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([page1.edges[0].node.id, page2.edges[0].node.id].sort()).toEqual([reseller.id, second.id].sort());
  });

  it('ACT-1: an indirect reseller sees its customers read-only; createCustomer and createRelationshipRequest → FORBIDDEN, nothing written', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const created = (await payload(t, await provider.token(), CREATE_CUSTOMER, customerInput({ indirectResellerId: reseller.id }))).customer;
    for (const role of ['ADMIN_AGENT', 'GLOBAL_ADMIN', 'SALES_AGENT'] as const) {
      const token = await reseller.token([role]);
      expect(dataOf(await t.gql(token, `query($id: ID!) { customer(id: $id) { id } }`, { id: created.id })).customer.id).toBe(created.id);
      expect(codeOf(await t.gql(token, CREATE_CUSTOMER, { input: customerInput() }))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(token, CREATE_REQUEST, { input: {} }))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(token, `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { errors { code } } }`, { input: { customerId: created.id, companyName: 'Nope' } }))).toBe(
        'FORBIDDEN',
      );
    }
    expect(await count(t, `select 1 from customers.relationship_request where partner_id = $1`, [reseller.id])).toBe(0);
    expect(await count(t, `select 1 from customers.customer where created_by_partner_id = $1`, [reseller.id])).toBe(0);
    expect(await count(t, `select 1 from platform.audit_record where tenant_id = $1 and operation in ('createCustomer', 'createRelationshipRequest', 'updateCustomer')`, [reseller.id])).toBe(0);
  });
});
