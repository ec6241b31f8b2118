import { ACCEPT_PARTNERSHIP, partneredReseller, payload as mutationPayload, REQUEST_PARTNERSHIP } from '../customers/helpers';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { businessNow, mutate, setClock } from './support';

const NODE = 'id status autoRenew termEnd resellerPartnerId customer { id } offer { id }';
const LIST = `query($filter: SubscriptionListFilter, $orderBy: SubscriptionListOrder, $first: Int, $after: String) {
  subscriptions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;

interface Row {
  id: string;
  status: string;
  autoRenew: boolean;
  resellerPartnerId: string | null;
  termEnd: string;
  customer: { id: string };
  offer: { id: string };
}

describe('the partner-wide subscriptions list (ACT-2, SUB-7)', () => {
  const t = useStack();
  let partner: TestPartner;
  let reseller: TestPartner;
  let token: string;
  let all: Row[];
  const customers: string[] = [];

  async function page(tok: string, variables: Record<string, unknown>) {
    return dataOf(await t.gql(tok, LIST, variables)).subscriptions;
  }

  /** Every page of the list, `first` at a time, following endCursor. */
  async function walk(tok: string, variables: Record<string, unknown>, first = 2): Promise<Row[]> {
    const rows: Row[] = [];
    let after: string | undefined;
    for (;;) {
      const answer = await page(tok, { ...variables, first, after });
      rows.push(...answer.edges.map((edge: any) => edge.node));
      expect(answer.edges.at(-1)?.cursor ?? null).toBe(answer.pageInfo.endCursor);
      if (!answer.pageInfo.hasNextPage) return rows;
      after = answer.pageInfo.endCursor;
    }
  }

  const byTermEnd = (a: Row, b: Row) => a.termEnd.localeCompare(b.termEnd) || (a.id < b.id ? -1 : 1);
  const ids = (rows: Row[]) => rows.map((row) => row.id);

  beforeAll(async () => {
    // An indirect provider names a reseller on every line (ORD-2): most with one reseller, one line with another.
    let usual: TestPartner;
    ({ provider: partner, reseller: usual } = await partneredReseller(t));
    reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    token = await partner.token();
    const invitation = (await mutationPayload(t, token, REQUEST_PARTNERSHIP, { resellerEmail: 'owner@second.example', resellerPartnerId: reseller.partnerId })).invitation;
    expect((await mutationPayload(t, await reseller.token(), ACCEPT_PARTNERSHIP, { invitationId: invitation.id })).partnership).toBeTruthy();
    for (let i = 0; i < 3; i++) customers.push((await createCustomer(t, partner)).id);
    const bought: string[] = [];
    const purchase = async (customerId: string, offerId: string, termDuration: string) => {
      const named = bought.length === 4 ? reseller : usual;
      const { payload } = await buy(t, partner, customerId, [{ offerId, quantity: 3, termDuration, billingFrequency: 'MONTHLY', resellerPartnerId: named.partnerId }]);
      expect(payload.errors).toEqual([]);
      bought.push(payload.order.lines[0].subscription.id);
    };
    await purchase(customers[0], 'offer-m365-e3-no-teams', 'P1Y');
    await purchase(customers[0], 'offer-power-bi-pro', 'P1M');
    // Later purchases: other term ends (the clock only moves forward).
    await setClock(t, new Date((await businessNow(t)).getTime() + 3 * 86_400_000).toISOString());
    await purchase(customers[1], 'offer-m365-business-premium', 'P1M');
    await purchase(customers[1], 'offer-m365-e3-no-teams', 'P1M');
    await purchase(customers[2], 'offer-power-bi-pro', 'P1Y');
    await purchase(customers[2], 'offer-power-bi-pro', 'P1M');
    expect(dataOf(await mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: bought[1], enabled: false })).setSubscriptionAutoRenew.errors).toEqual([]);
    expect(dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: bought[2] })).suspendSubscription.errors).toEqual([]);
    // Another partner's subscription: never in this partner's list (ACT-2).
    const other = await onboardPartner(t);
    await buy(t, other, (await createCustomer(t, other)).id, [{ offerId: 'offer-power-bi-pro', quantity: 1 }]);
    all = await walk(token, {}, 100);
    expect(ids(all).sort()).toEqual([...bought].sort());
  });

  it('ACT-2: lists the caller\'s subscriptions across its customers in creation order by default, and pages by cursor without gaps or repeats', async () => {
    expect(ids(all)).toEqual([...ids(all)].sort());
    expect(ids(await walk(token, {}, 1))).toEqual(ids(all));
    expect(ids(await walk(token, { orderBy: 'CREATED' }, 4))).toEqual(ids(all));
  });

  it('TERM_END orders soonest term end first, ties by id, and pages by cursor through equal term ends', async () => {
    const expected = [...all].sort(byTermEnd);
    expect(new Set(all.map((row) => row.termEnd)).size).toBeLessThan(all.length); // ties exist
    expect(ids(await walk(token, { orderBy: 'TERM_END' }, 1))).toEqual(ids(expected));
    expect(ids(await walk(token, { orderBy: 'TERM_END' }, 2))).toEqual(ids(expected));
  });

  it('filters by status, offer, customer, reseller, term end and auto-renewal, all together with the order and the cursor', async () => {
    const cases: [Record<string, unknown>, (row: Row) => boolean][] = [
      [{ status: 'SUSPENDED' }, (row) => row.status === 'SUSPENDED'],
      [{ status: 'ACTIVE' }, (row) => row.status === 'ACTIVE'],
      [{ offerId: 'offer-power-bi-pro' }, (row) => row.offer.id === 'offer-power-bi-pro'],
      [{ customerId: customers[1] }, (row) => row.customer.id === customers[1]],
      [{ autoRenew: false }, (row) => !row.autoRenew],
      [{ autoRenew: true, offerId: 'offer-power-bi-pro' }, (row) => row.autoRenew && row.offer.id === 'offer-power-bi-pro'],
    ];
    const sorted = [...all].sort(byTermEnd);
    const middle = sorted[Math.floor(sorted.length / 2)].termEnd;
    cases.push([{ termEndAfter: middle }, (row) => row.termEnd >= middle]);
    cases.push([{ termEndBefore: middle }, (row) => row.termEnd < middle]);
    cases.push([{ termEndAfter: sorted[0].termEnd, termEndBefore: sorted.at(-1)!.termEnd, status: 'ACTIVE' }, (row) => row.termEnd >= sorted[0].termEnd && row.termEnd < sorted.at(-1)!.termEnd && row.status === 'ACTIVE']);
    for (const [filter, keep] of cases) {
      const expected = all.filter(keep);
      expect([filter, expected.length > 0]).toEqual([filter, true]);
      expect([filter, ids(await walk(token, { filter }, 1))]).toEqual([filter, ids(expected)]);
      expect([filter, ids(await walk(token, { filter, orderBy: 'TERM_END' }, 2))]).toEqual([filter, ids([...expected].sort(byTermEnd))]);
    }
    const withReseller = await walk(token, { filter: { resellerId: reseller.id } }, 1);
    expect(withReseller.map((row) => row.resellerPartnerId)).toEqual([reseller.partnerId]);
    expect(ids(await walk(token, { filter: { resellerId: reseller.id, status: 'SUSPENDED' } }))).toEqual([]);
    expect(ids(await walk(token, { filter: { customerId: 'cus_unknown' } }))).toEqual([]);
  });

  it('ACT-1: an indirect reseller lists the subscriptions it is reseller of record for, read-only; another partner sees none of these', async () => {
    const seen = await walk(await reseller.token(), {}, 100);
    expect(ids(seen)).toEqual(ids(await walk(token, { filter: { resellerId: reseller.id } })));
    const stranger = await onboardPartner(t);
    expect(await walk(await stranger.token(), {})).toEqual([]);
  });

  it('totalCount counts every match when asked; a page past the end is empty', async () => {
    const answer = dataOf(await t.gql(token, `{ subscriptions(first: 1, filter: { status: ACTIVE }) { totalCount edges { node { id } } } }`)).subscriptions;
    expect(answer.totalCount).toBe(all.filter((row) => row.status === 'ACTIVE').length);
    const last = (await page(token, { first: all.length })).pageInfo.endCursor;
    expect(await page(token, { after: last })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('bad input is refused with BAD_USER_INPUT and never an internal error: a malformed cursor, a cursor of the other order, first out of range, over-long ids', async () => {
    const created = (await page(token, { first: 1 })).pageInfo.endCursor;
    const byEnd = (await page(token, { first: 1, orderBy: 'TERM_END' })).pageInfo.endCursor;
    const refusals: Record<string, unknown>[] = [
      { after: 'not-a-cursor' },
      { after: created, orderBy: 'TERM_END' },
      { after: byEnd, orderBy: 'CREATED' },
      { after: Buffer.from('s1:TERM_END:abc:sub_1').toString('base64url'), orderBy: 'TERM_END' },
      { first: 101 },
      { first: -1 },
      { filter: { offerId: 'x'.repeat(101) } },
      { filter: { termEndAfter: 'tomorrow' } },
    ];
    for (const variables of refusals) {
      const answer = await t.gql(token, LIST, variables);
      expect([variables, answer.errors?.[0]?.extensions?.code]).toEqual([variables, 'BAD_USER_INPUT']);
    }
  });
});
