import type { Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { getSubscription, mutate, setClock, subscribeAt } from './support';

const COMMERCE_ALLOWED: Role[] = ['ADMIN_AGENT', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN', 'GLOBAL_ADMIN'];
const COMMERCE_FORBIDDEN: Role[] = ['ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'];
const RESELLER_ALLOWED: Role[] = ['SALES_AGENT', 'ADMIN_AGENT', 'GLOBAL_ADMIN'];
const RESELLER_FORBIDDEN: Role[] = ['HELPDESK_AGENT', 'BILLING_ADMIN', 'ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'];

/** SPEC §10 rows of the lifecycle mutations (ACT-3), tenant isolation (ACT-2), resellers (RES-3, RES-4). */
describe('subscription lifecycle: roles, tenants and resellers', () => {
  const t = useStack();
  let direct: TestPartner;
  let provider: TestPartner;
  let reseller: TestPartner;
  /** The reseller the provider's subscriptions are bought through (ORD-2); `reseller` starts with no partnership. */
  let seller: TestPartner;
  let customerId: string;
  let providerCustomerId: string;

  beforeAll(async () => {
    direct = await onboardPartner(t, 'DIRECT_BILL');
    provider = await onboardPartner(t, 'INDIRECT_PROVIDER');
    reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    customerId = (await createCustomer(t, direct)).id;
    providerCustomerId = (await createCustomer(t, provider)).id;
    seller = await onboardPartner(t, 'INDIRECT_RESELLER');
    await partner(seller);
    await setClock(t, '2027-03-02T00:00:00Z');
  });

  /** Bought now (within its SUB-5 window). */
  const directSubscription = () => subscribeAt(t, { partnerId: direct.id, customerId });
  const providerSubscription = () => subscribeAt(t, { partnerId: provider.id, customerId: providerCustomerId, resellerPartnerId: seller.partnerId });

  async function partner(other = reseller): Promise<void> {
    const request = dataOf(
      await t.gql(await provider.token(), 'mutation($i: RequestResellerPartnershipInput!) { requestResellerPartnership(input: $i) { invitation { id } errors { code message } } }', {
        i: { resellerEmail: 'owner@reseller.example', resellerPartnerId: other.partnerId },
      }),
    ).requestResellerPartnership;
    const accepted = dataOf(
      await t.gql(await other.token(), 'mutation($i: AcceptResellerPartnershipInput!) { acceptResellerPartnership(input: $i) { errors { code message } } }', {
        i: { invitationId: request.invitation.id },
      }),
    ).acceptResellerPartnership;
    expect(accepted.errors).toEqual([]);
  }

  const commerceMutations = (id: string): [string, Record<string, unknown>][] => [
    ['updateSubscriptionQuantity', { subscriptionId: id, quantity: 11 }],
    ['setSubscriptionAutoRenew', { subscriptionId: id, enabled: true }],
    ['suspendSubscription', { subscriptionId: id }],
    ['reactivateSubscription', { subscriptionId: id }],
    ['cancelSubscription', { subscriptionId: id }],
  ];

  it('ACT-3: the lifecycle mutations are allowed to ADMIN_AGENT, SALES_AGENT, HELPDESK_AGENT, BILLING_ADMIN and GLOBAL_ADMIN', async () => {
    for (const role of COMMERCE_ALLOWED) {
      const id = await directSubscription();
      const token = await direct.token([role]);
      for (const [name, input] of commerceMutations(id)) {
        const body = await mutate(t, token, name, input);
        expect({ role, name, errors: body.errors }).toEqual({ role, name, errors: undefined });
        expect(dataOf(body)[name].errors).toEqual([]);
      }
    }
  });

  it('ACT-3: other partner roles, customers, the operator and indirect resellers get FORBIDDEN; no token UNAUTHENTICATED', async () => {
    const id = await directSubscription();
    const tokens = [
      ...(await Promise.all(COMMERCE_FORBIDDEN.map((role) => direct.token([role])))),
      await t.token(customerId, ['CUSTOMER_ADMIN']),
      await t.operatorToken(),
      await reseller.token(['ADMIN_AGENT', 'SALES_AGENT', 'GLOBAL_ADMIN']),
    ];
    for (const token of tokens) {
      for (const [name, input] of commerceMutations(id)) expect(codeOf(await mutate(t, token, name, input))).toBe('FORBIDDEN');
    }
    expect(codeOf(await mutate(t, undefined as unknown as string, 'cancelSubscription', { subscriptionId: id }))).toBe('UNAUTHENTICATED');
    expect((await getSubscription(t, await direct.token(), id)).status).toBe('ACTIVE');
  });

  it('ACT-2: another partner sees neither the subscription nor its ledger (NOT_FOUND) and cannot change it', async () => {
    const id = await directSubscription();
    const other = await onboardPartner(t, 'DIRECT_BILL');
    const token = await other.token();
    const audited = async () => (await t.db.query(`select count(*)::int as n from platform.audit_record where resource_id = $1`, [id])).rows[0].n;
    const auditsBefore = await audited();
    const read = await t.gql(token, 'query($id: ID!) { subscription(id: $id) { id ledger { kind } } }', { id });
    expect(codeOf(read)).toBe('NOT_FOUND');
    for (const [name, input] of commerceMutations(id)) expect(codeOf(await mutate(t, token, name, input))).toBe('NOT_FOUND');
    const list = dataOf(await t.gql(await direct.token(), `query($id: ID!) { customer(id: $id) { subscriptions { totalCount } } }`, { id: customerId }));
    expect(list.customer.subscriptions.totalCount).toBeGreaterThan(0);
    expect(await audited()).toBe(auditsBefore);
  });

  it('ACT-3: setSubscriptionReseller and setSupportContact are for SALES_AGENT, ADMIN_AGENT and GLOBAL_ADMIN of indirect providers', async () => {
    const id = await providerSubscription();
    for (const role of RESELLER_FORBIDDEN) {
      const token = await provider.token([role]);
      expect(codeOf(await mutate(t, token, 'setSubscriptionReseller', { subscriptionId: id, resellerPartnerId: reseller.partnerId }))).toBe('FORBIDDEN');
      expect(codeOf(await mutate(t, token, 'setSupportContact', { subscriptionId: id, resellerId: reseller.id }))).toBe('FORBIDDEN');
    }
    const directId = await directSubscription();
    expect(codeOf(await mutate(t, await direct.token(['ADMIN_AGENT']), 'setSubscriptionReseller', { subscriptionId: directId, resellerPartnerId: reseller.partnerId }))).toBe('FORBIDDEN');
    expect(codeOf(await mutate(t, await reseller.token(['ADMIN_AGENT']), 'setSupportContact', { subscriptionId: id, resellerId: reseller.id }))).toBe('FORBIDDEN');
    for (const role of RESELLER_ALLOWED) {
      const body = await mutate(t, await provider.token([role]), 'setSubscriptionReseller', { subscriptionId: id, resellerPartnerId: reseller.partnerId });
      expect(dataOf(body).setSubscriptionReseller.errors).toEqual([]);
    }
  });

  it('RES-4: the reseller of record must be a verified PartnerID of an onboarded reseller with a signed MPA (INVALID_RESELLER)', async () => {
    const id = await providerSubscription();
    const token = await provider.token(['SALES_AGENT']);
    const unsigned = await onboardPartner(t, 'INDIRECT_RESELLER', 'EUROPE', false);
    for (const partnerId of ['9999999', unsigned.partnerId, direct.partnerId]) {
      const refused = dataOf(await mutate(t, token, 'setSubscriptionReseller', { subscriptionId: id, resellerPartnerId: partnerId })).setSubscriptionReseller;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', field: ['resellerPartnerId'] })]);
    }
    const set = dataOf(await mutate(t, token, 'setSubscriptionReseller', { subscriptionId: id, resellerPartnerId: reseller.partnerId })).setSubscriptionReseller;
    expect(set.subscription.resellerPartnerId).toBe(reseller.partnerId);
    // Besides its purchase (createSubscription), only the accepted change is audited.
    const audit = await t.db.query(`select operation, details from platform.audit_record where resource_id = $1 and operation <> 'createSubscription'`, [id]);
    expect(audit.rows).toEqual([
      {
        operation: 'setSubscriptionReseller',
        details: {
          resellerPartnerId: reseller.partnerId, status: 'ACTIVE', quantity: 10, offerId: 'offer-m365-e3-no-teams', customerId: providerCustomerId,
          autoRenew: true, termStart: set.subscription.termStart, termEnd: set.subscription.termEnd,
        },
      },
    ]);
  });

  it('RES-3: a partnered reseller becomes support contact, shown by its PartnerID, and, as reseller of record, sees the subscription read-only (ACT-1)', async () => {
    const id = await providerSubscription();
    const token = await provider.token(['ADMIN_AGENT']);
    const before = dataOf(await mutate(t, token, 'setSupportContact', { subscriptionId: id, resellerId: reseller.id })).setSupportContact;
    expect(before.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'RES-3' })]);
    await partner();
    const contact = dataOf(await mutate(t, token, 'setSupportContact', { subscriptionId: id, resellerId: reseller.partnerId })).setSupportContact;
    expect(contact.errors).toEqual([]);
    // RES-3: supportContactId is the reseller's PartnerID (named here by its tenant id or its PartnerID alike).
    expect(contact.subscription.supportContactId).toBe(reseller.partnerId);
    const byTenantId = dataOf(await mutate(t, token, 'setSupportContact', { subscriptionId: id, resellerId: reseller.id })).setSupportContact;
    expect(byTenantId.subscription.supportContactId).toBe(reseller.partnerId);

    expect(codeOf(await t.gql(await reseller.token(), 'query($id: ID!) { subscription(id: $id) { id } }', { id }))).toBe('NOT_FOUND');
    dataOf(await mutate(t, token, 'setSubscriptionReseller', { subscriptionId: id, resellerPartnerId: reseller.partnerId }));
    const seen = await getSubscription(t, await reseller.token(), id);
    expect(seen).toMatchObject({ id, resellerPartnerId: reseller.partnerId, supportContactId: reseller.partnerId });
    // The provider's billing stays the provider's (ACT-2): the reseller sees no ledger.
    expect(seen.ledger).toEqual([]);
    expect((await getSubscription(t, token, id)).ledger).toHaveLength(1);
    expect(codeOf(await mutate(t, await reseller.token(), 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 }))).toBe('FORBIDDEN');
  });
});
