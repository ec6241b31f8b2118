import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { mutate, setClock, subscribeAt, type Purchase } from '../subscriptions/support';
import { agreement, agreementNumber, transferMutation, twoPartnersOneCustomer } from '../transfers/support';

const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';

/** API.md "Dashboard fields": Partner lists added by the subgraphs that own the facts, soonest first, on the business clock. */
describe('partner dashboard fields', () => {
  const t = useStack();

  const dashboard = async (partner: TestPartner, fields: string, variables: Record<string, unknown> = {}, token?: string) =>
    t.gql(token ?? (await partner.token()), `query(${declarations(fields)}) { partner(id: $id) { id ${fields} } }`, { id: partner.id, ...variables });

  /** The variables a selection uses, declared. */
  const declarations = (fields: string) =>
    ['$id: ID!', '$first: Int', '$after: String', '$within: Duration'].filter((d) => d.startsWith('$id') || fields.includes(d.split(':')[0])).join(', ');

  const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

  describe('subscriptions subgraph', () => {
    let partner: TestPartner;
    let customerId: string;
    /** Bought at `at` (the term start), annual unless told otherwise. */
    const subscription = (at: string, extra: Partial<Purchase> = {}) => subscribeAt(t, { partnerId: partner.id, customerId, at, ...extra });

    beforeAll(async () => {
      partner = await onboardPartner(t);
      customerId = (await createCustomer(t, partner)).id;
    });

    it('SUB-7: renewalsDue lists ACTIVE subscriptions whose term ends within the window (default P30D), soonest first, paged by cursor', async () => {
      // Annual terms: bought on Jun 10 they end on 2032-06-09, and so on.
      const soon = await subscription('2031-06-10T00:00:00Z', { autoRenew: false });
      const sameDay = await subscription('2031-06-10T00:00:00Z');
      await subscription('2031-06-12T00:00:00Z', { suspended: true });
      const cancelled = await subscription('2031-06-12T00:00:00Z');
      expect(dataOf(await mutate(t, await partner.token(), 'cancelSubscription', { subscriptionId: cancelled })).cancelSubscription.errors).toEqual([]);
      const late = await subscription('2031-06-26T00:00:00Z'); // ends 2032-06-25
      await subscription('2031-08-01T00:00:00Z'); // ends 2032-07-31: beyond 30 days
      await setClock(t, '2032-06-01T10:00:00Z');

      const fields = `renewalsDue(first: $first, after: $after, within: $within) { ${PAGE} edges { node { id termEnd autoRenew status } } }`;
      const all = dataOf(await dashboard(partner, fields)).partner.renewalsDue;
      expect(all.totalCount).toBe(3);
      expect(ids(all)).toEqual([...[soon, sameDay].sort(), late]);
      expect(all.edges.map((e: any) => e.node.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);

      const first = dataOf(await dashboard(partner, fields, { first: 2 })).partner.renewalsDue;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = dataOf(await dashboard(partner, fields, { first: 2, after: first.pageInfo.endCursor })).partner.renewalsDue;
      expect([...ids(first), ...ids(second)]).toEqual(ids(all));
      expect(second).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });

      const narrow = dataOf(await dashboard(partner, fields, { within: 'P10D' })).partner.renewalsDue;
      expect(ids(narrow)).toEqual([soon, sameDay].sort());
      expect(codeOf(await dashboard(partner, fields, { within: 'thirty days' }))).toBe('BAD_USER_INPUT');
    });

    it('SUB-5: cancellationWindowsClosing lists cancellable subscriptions whose 168-hour window closes within the window (default P2D), soonest first; trials never', async () => {
      // Windows close at Sep 11 00:00, Sep 12 06:00 and Sep 14 00:00 (168 hours after provisioning).
      await subscription('2032-09-01T00:00:00Z'); // closed on Sep 8
      const closesTomorrow = await subscription('2032-09-04T00:00:00Z');
      await subscription('2032-09-04T00:00:00Z', { offerId: 'offer-m365-business-premium-trial', quantity: 25, termDuration: 'P1M' });
      const closesIn42h = await subscription('2032-09-05T06:00:00Z', { suspended: true });
      const later = await subscription('2032-09-07T00:00:00Z');
      await setClock(t, '2032-09-10T12:00:00Z');

      const fields = `cancellationWindowsClosing(first: $first, after: $after, within: $within) { ${PAGE} edges { node { id cancellationDeadline } } }`;
      const closing = dataOf(await dashboard(partner, fields)).partner.cancellationWindowsClosing;
      expect(ids(closing)).toEqual([closesTomorrow, closesIn42h]);
      // To the minute: provisioning completes a moment after the clock was set to the purchase time.
      expect(closing.edges.map((e: any) => e.node.cancellationDeadline.slice(0, 16))).toEqual(['2032-09-11T00:00', '2032-09-12T06:00']);
      const week = dataOf(await dashboard(partner, fields, { within: 'P7D' })).partner.cancellationWindowsClosing;
      expect(ids(week)).toEqual([closesTomorrow, closesIn42h, later]);
    });

    it('ACT-2: another partner never sees the lists, even naming this partner; nested fields are batched (no N+1)', async () => {
      await setClock(t, '2032-11-01T00:00:00Z'); // after the previous test: the business clock never moves back
      const stranger = await onboardPartner(t);
      const fields = 'renewalsDue { totalCount edges { node { id } } }';
      const asStranger = await dashboard(partner, fields, {}, await stranger.token());
      expect(asStranger.data?.partner ?? null).toBeNull();
      const own = dataOf(await dashboard(stranger, fields)).partner.renewalsDue;
      expect(own.totalCount).toBe(0);

      const rich = `renewalsDue(first: 50) { totalCount edges { node { id quantity customer { id companyName } offer { id name } reducibleLicenses { quantity until } } } }`;
      // Monthly terms bought now end on Nov 30, within the 30 days.
      const dueThisMonth = () => subscription('2032-11-01T00:00:00Z', { termDuration: 'P1M' });
      await dueThisMonth();
      await t.gql(await partner.token(), `query($id: ID!) { partner(id: $id) { ${rich} } }`, { id: partner.id }); // warm-up: tenant lookup cache
      const before = await t.countedGql(await partner.token(), `query($id: ID!) { partner(id: $id) { ${rich} } }`, { id: partner.id });
      for (let i = 0; i < 4; i += 1) await dueThisMonth();
      const after = await t.countedGql(await partner.token(), `query($id: ID!) { partner(id: $id) { ${rich} } }`, { id: partner.id });
      expect(dataOf(after.body).partner.renewalsDue.totalCount).toBe(dataOf(before.body).partner.renewalsDue.totalCount + 4);
      expect(after.statements).toBe(before.statements);
    });
  });

  describe('transfers subgraph', () => {
    it('EA-2: eaAgreementsExpiring lists the renewable agreements of your customers ending within P180D, soonest first, with availability (EA-3)', async () => {
      await setClock(t, '2033-01-10T10:00:00Z');
      const partner = await onboardPartner(t);
      const customerId = (await createCustomer(t, partner)).id;
      const line = (endDate: string) => ({ offerProvisioningId: 'Microsoft_365_E3_(no_Teams)', quantity: 20, endDate });
      const inFiveMonths = await agreement(t, { customerId, number: agreementNumber(), endDate: '2033-06-30', subscriptions: [line('2033-06-30')] });
      const inTwoMonths = await agreement(t, { customerId, number: agreementNumber(), endDate: '2033-03-15', subscriptions: [line('2033-03-15')] });
      await agreement(t, { customerId, number: agreementNumber(), endDate: '2033-12-31', subscriptions: [line('2033-12-31')] }); // beyond 180 days
      await agreement(t, { customerId, number: agreementNumber(), endDate: '2032-12-31', subscriptions: [line('2032-12-31')] }); // already ended
      // Another partner's customer: EA-1, no relationship.
      const other = await onboardPartner(t);
      const otherCustomer = (await createCustomer(t, other)).id;
      await agreement(t, { customerId: otherCustomer, number: agreementNumber(), endDate: '2033-02-28', subscriptions: [line('2033-02-28')] });

      const fields = `eaAgreementsExpiring(first: $first, after: $after, within: $within) { ${PAGE} edges { node { id endDate customer { id } subscriptions { provisioningId availability } } } }`;
      const expiring = dataOf(await dashboard(partner, fields)).partner.eaAgreementsExpiring;
      expect(ids(expiring)).toEqual([inTwoMonths.id, inFiveMonths.id]);
      expect(expiring.totalCount).toBe(2);
      expect(expiring.edges[0].node).toMatchObject({ endDate: '2033-03-15', customer: { id: customerId }, subscriptions: [{ provisioningId: 'Microsoft_365_E3_(no_Teams)', availability: 'AVAILABLE' }] });
      const page1 = dataOf(await dashboard(partner, fields, { first: 1 })).partner.eaAgreementsExpiring;
      const page2 = dataOf(await dashboard(partner, fields, { first: 1, after: page1.pageInfo.endCursor })).partner.eaAgreementsExpiring;
      expect([...ids(page1), ...ids(page2)]).toEqual(ids(expiring));
      expect(ids(dataOf(await dashboard(partner, fields, { within: 'P3M' })).partner.eaAgreementsExpiring)).toEqual([inTwoMonths.id]);
      // A role that may not view agreements gets an empty list, the rest of the dashboard still loads.
      const helpdesk = dataOf(await dashboard(partner, fields, {}, await partner.token(['HELPDESK_AGENT']))).partner.eaAgreementsExpiring;
      expect(helpdesk.totalCount).toBe(0);
    });

    it('XFR-1: pendingTransfers lists PENDING requests naming you as source or target, soonest to expire first', async () => {
      await setClock(t, '2033-02-01T10:00:00Z');
      const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
      const first = await transferMutation(t, await target.token(), 'createTransferRequest', { customerId, sourcePartnerId: source.partnerId, customerEmail: 'it@customer.example' });
      const fields = `pendingTransfers(first: $first, after: $after) { ${PAGE} edges { node { id status direction expiresAt } } }`;
      const asSource = dataOf(await dashboard(source, fields)).partner.pendingTransfers;
      expect(asSource.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ id: first.transfer.id, status: 'PENDING', direction: 'INCOMING' })]);
      const asTarget = dataOf(await dashboard(target, fields)).partner.pendingTransfers;
      expect(asTarget.edges.map((e: any) => e.node.direction)).toEqual(['OUTGOING']);

      const cancelled = await transferMutation(t, await target.token(), 'cancelTransferRequest', { transferId: first.transfer.id });
      expect(cancelled.errors).toEqual([]);
      expect(dataOf(await dashboard(source, fields)).partner.pendingTransfers.totalCount).toBe(0);
      const stranger = await onboardPartner(t);
      expect(dataOf(await dashboard(stranger, fields)).partner.pendingTransfers.totalCount).toBe(0);
    });
  });
});
