import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../../shared/auth/forwarding';
import { gatewaySecret } from '../../shared/config';
import { onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { setClock } from '../subscriptions/support';
import { agreement, agreementNumber, cancelSchedule, count, rows, schedule, SCHEDULE_FIELDS, transferMutation, transfers, twoPartnersOneCustomer, updateSchedule } from './support';

const E3 = 'Microsoft_365_E3_(no_Teams)';

/**
 * ACT-2 in the transfers subgraph: agreements only for partners that may renew them (EA-1),
 * schedules only for the partner that made them, transfer requests only for their two
 * partners — through the gateway and through the subgraph's own `_entities`.
 */
describe('tenant isolation of agreements, schedules and transfers (ACT-2)', () => {
  const t = useStack();
  let a: TestPartner;
  let b: TestPartner;
  let stranger: TestPartner;
  let customerId: string;
  let agreementId: string;
  let eaSubscriptionId: string;
  let scheduleId: string;
  let transferId: string;

  beforeAll(async () => {
    await setClock(t, '2031-01-10T10:00:00Z');
    ({ a, b, customerId } = await twoPartnersOneCustomer(t));
    stranger = await onboardPartner(t);
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: '2031-03-31', subscriptions: [{ offerProvisioningId: E3, quantity: 10, endDate: '2031-03-31' }] });
    agreementId = ea.id;
    eaSubscriptionId = ea.sub[E3];
    scheduleId = (await schedule(t, await a.token(), { eaSubscriptionId })).schedule.id;
    expect((await buy(t, a, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10 }])).payload.errors).toEqual([]);
    transferId = (await transferMutation(t, await b.token(), 'createTransferRequest', { customerId, sourcePartnerId: a.partnerId, customerEmail: 'it@customer.example' })).transfer.id;
  });

  /** `_entities` on the transfers subgraph itself, as a partner (the gateway's secret, the partner's identity). */
  async function entities(partner: TestPartner, representations: Record<string, unknown>[], selection: string): Promise<unknown[]> {
    const response = await fetch(t.stack.subgraphs.transfers.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SECRET_HEADER]: gatewaySecret(),
        [IDENTITY_HEADER]: encodeIdentity({ userId: 'u', tenantId: partner.id, tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] }),
      },
      body: JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: representations } }),
    });
    const body = (await response.json()) as { data?: { _entities: unknown[] }; errors?: unknown[] };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data._entities;
  }

  it('ACT-2/EA-1 agreements: a partner without a relationship gets NOT_FOUND through the gateway and nothing through _entities without the EA-1 facts', async () => {
    expect(codeOf(await t.gql(await stranger.token(), 'query($id: ID!) { customer(id: $id) { enterpriseAgreements { id } } }', { id: customerId }))).toBe('NOT_FOUND');
    // `Customer.enterpriseAgreements` takes the EA-1 facts from the representation, as the gateway
    // read them from the customers subgraph for the caller (@requires): a representation without
    // them, or with either one false, shows nothing.
    const asCustomer = (partner: TestPartner, facts: Record<string, boolean> = {}) =>
      entities(partner, [{ __typename: 'Customer', id: customerId, ...facts }], '... on Customer { enterpriseAgreements { id number } }');
    expect(await asCustomer(a, { relationshipActive: true, inCallerRegion: true })).toEqual([{ enterpriseAgreements: [expect.objectContaining({ id: agreementId })] }]);
    expect(await asCustomer(a, { relationshipActive: true, inCallerRegion: false })).toEqual([{ enterpriseAgreements: [] }]);
    expect(await asCustomer(a)).toEqual([{ enterpriseAgreements: [] }]);
    expect(await asCustomer(stranger)).toEqual([{ enterpriseAgreements: [] }]);
    const asAgreement = (partner: TestPartner) => entities(partner, [{ __typename: 'EnterpriseAgreement', id: agreementId }], '... on EnterpriseAgreement { id number }');
    expect(await asAgreement(b)).toEqual([expect.objectContaining({ id: agreementId })]);
    expect(await asAgreement(stranger)).toEqual([null]);
  });

  it('ACT-2 schedules: only the partner that made one sees or changes it; others get NOT_FOUND and null through _entities', async () => {
    const asSchedule = (partner: TestPartner) => entities(partner, [{ __typename: 'EaRenewalSchedule', id: scheduleId }], `... on EaRenewalSchedule { ${SCHEDULE_FIELDS.replace('subscription { id }', 'subscriptionId')} }`);
    expect(await asSchedule(a)).toEqual([expect.objectContaining({ id: scheduleId, status: 'SCHEDULED' })]);
    expect(await asSchedule(b)).toEqual([null]);
    expect(await asSchedule(stranger)).toEqual([null]);
    for (const partner of [b, stranger]) {
      expect(codeOf(await t.gql(await partner.token(), 'query($id: ID!) { eaRenewalSchedule(id: $id) { id } }', { id: scheduleId }))).toBe('NOT_FOUND');
      expect(dataOf(await t.gql(await partner.token(), '{ eaRenewalSchedules(first: 100) { totalCount } }')).eaRenewalSchedules.totalCount).toBe(0);
      expect(codeOf(await t.gql(await partner.token(), 'mutation($input: UpdateEaRenewalInput!) { updateEaRenewal(input: $input) { schedule { id } } }', { input: { scheduleId, quantity: 1 } }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(await partner.token(), 'mutation($input: CancelEaRenewalInput!) { cancelEaRenewal(input: $input) { schedule { id } } }', { input: { scheduleId } }))).toBe('NOT_FOUND');
    }
    // B sees the EA subscription as taken, never A's schedule.
    const seen = dataOf(await t.gql(await b.token(), `query($id: ID!) { customer(id: $id) { enterpriseAgreements { subscriptions { availability schedule { id } } } } }`, { id: customerId }));
    expect(seen.customer.enterpriseAgreements[0].subscriptions).toEqual([{ availability: 'NOT_AVAILABLE', schedule: null }]);
    expect((await rows(t, 'select status, quantity from transfers.ea_renewal_schedule where id = $1', [scheduleId]))[0]).toEqual({ status: 'SCHEDULED', quantity: 10 });
    expect((await updateSchedule(t, await a.token(), { scheduleId, quantity: 11 })).schedule.quantity).toBe(11);
    expect(dataOf(await t.gql(await a.token(), '{ eaRenewalSchedules(first: 100) { totalCount } }')).eaRenewalSchedules.totalCount).toBe(1);
  });

  it('ACT-2 transfers: only the source and the target see a request; a third partner gets nothing, NOT_FOUND and null through _entities', async () => {
    const asTransfer = (partner: TestPartner) => entities(partner, [{ __typename: 'TransferRequest', id: transferId }], '... on TransferRequest { id status direction }');
    expect(await asTransfer(a)).toEqual([{ id: transferId, status: 'PENDING', direction: 'INCOMING' }]);
    expect(await asTransfer(b)).toEqual([{ id: transferId, status: 'PENDING', direction: 'OUTGOING' }]);
    expect(await asTransfer(stranger)).toEqual([null]);
    expect(await transfers(t, await stranger.token())).toEqual([]);
    for (const name of ['rejectTransferRequest', 'cancelTransferRequest']) {
      const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
      expect(codeOf(await t.gql(await stranger.token(), `mutation($input: ${inputType}!) { ${name}(input: $input) { transfer { id } } }`, { input: { transferId } }))).toBe('NOT_FOUND');
    }
    expect(codeOf(await t.gql(await stranger.token(), 'mutation($input: AcceptTransferRequestInput!) { acceptTransferRequest(input: $input) { transfer { id } } }', {
      input: { transferId, subscriptionIds: ['sub_x'] },
    }))).toBe('NOT_FOUND');
    expect(await count(t, `select 1 from transfers.transfer_request where id = $1 and status = 'PENDING'`, [transferId])).toBe(1);
    expect((await cancelSchedule(t, await a.token(), scheduleId)).schedule.status).toBe('CANCELLED');
  });
});
