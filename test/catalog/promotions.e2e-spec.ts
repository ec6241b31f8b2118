import type { Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { setClock } from '../subscriptions/support';
import { IMPORT_PROMOTIONS, importPromotions, promotion } from './promotions.support';

const LIST = `query($filter: PromotionFilter, $first: Int, $after: String) { promotions(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id discountPercent markets offer { id name } } } } }`;
const ELIGIBILITY = `query($customerId: ID!, $offerId: ID!, $term: String!, $billing: BillingFrequency!, $quantity: Int! = 1, $promotionId: ID, $target: PromotionTarget! = NEW_PURCHASE) {
  promotionEligibility(customerId: $customerId, offerId: $offerId, termDuration: $term, billingFrequency: $billing, quantity: $quantity, promotionId: $promotionId, target: $target) {
    promotionId eligible reasons reasonCodes } }`;

/** Promotions of the catalog (BIL-5): the operator's import, the list, and eligibility with reasons. */
describe('promotions (BIL-5)', () => {
  const t = useStack();
  const stored = async () => (await t.db.query(`select count(*)::int as n from catalog.promotion`)).rows[0].n as number;

  beforeAll(async () => {
    await setClock(t, '2031-02-01T00:00:00Z');
  });

  it('BIL-5: the operator imports promotions, idempotent by id; everyone signed in lists them by offer and market', async () => {
    const [first] = await importPromotions(t, [promotion()]);
    expect(first).toMatchObject({
      id: 'promo-e3', offer: { id: 'offer-m365-e3-no-teams' }, markets: ['DE', 'AT'], discountPercent: 15, startDate: '2031-01-01T00:00:00.000Z', appliesTo: ['NEW_PURCHASE'], minQuantity: null,
    });
    // The same id again replaces it: one row, the new terms.
    const [again] = await importPromotions(t, [promotion({ discountPercent: 12.5, appliesTo: ['NEW_PURCHASE', 'RENEWAL', 'RENEWAL'] })]);
    expect(again).toMatchObject({ id: 'promo-e3', discountPercent: 12.5, appliesTo: ['NEW_PURCHASE', 'RENEWAL'] });
    await importPromotions(t, [
      promotion({ id: 'promo-e3-us', markets: ['US'] }),
      promotion({ id: 'promo-bi', offerId: 'offer-power-bi-pro', markets: ['DE'], discountPercent: 10, billingFrequency: 'ANNUAL' }),
    ]);
    expect(await stored()).toBe(3);
    const { rows } = await t.db.query(`select count(*)::int as n from platform.audit_record where operation = 'importPromotions'`);
    expect(rows[0].n).toBe(3);

    const partner = await onboardPartner(t);
    const token = await partner.token(['HELPDESK_AGENT']);
    const byOffer = dataOf(await t.gql(token, LIST, { filter: { offerId: 'offer-m365-e3-no-teams' } })).promotions;
    expect(byOffer.edges.map((e: any) => e.node.id)).toEqual(['promo-e3', 'promo-e3-us']);
    const inGermany = dataOf(await t.gql(token, LIST, { filter: { market: 'de' } })).promotions;
    expect(inGermany.edges.map((e: any) => [e.node.id, e.node.offer.id])).toEqual([['promo-bi', 'offer-power-bi-pro'], ['promo-e3', 'offer-m365-e3-no-teams']]);
    const page = dataOf(await t.gql(token, LIST, { first: 2 })).promotions;
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = dataOf(await t.gql(token, LIST, { first: 2, after: page.pageInfo.endCursor })).promotions;
    expect(rest.edges.map((e: any) => e.node.id)).toEqual(['promo-e3-us']);
    expect(dataOf(await t.gql(token, LIST, { filter: { activeAt: '2032-01-01T00:00:00Z' } })).promotions.totalCount).toBe(0);
    expect(codeOf(await t.gql(undefined, LIST, {}))).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['an unknown offer', { offerId: 'offer-nope' }, 'offerId'],
    ['a market where the offer is not sold', { offerId: 'offer-isv-contoso-backup', markets: ['BR'], termDuration: 'P1Y', billingFrequency: 'ANNUAL' }, 'markets'],
    ['an unknown market', { markets: ['QQ'] }, 'markets'],
    ['an end before the start', { endDate: '2030-01-01T00:00:00Z' }, 'endDate'],
    ['no discount', { discountPercent: 0 }, 'discountPercent'],
    ['more than 100%', { discountPercent: 150 }, 'discountPercent'],
    ['a term and plan the offer does not sell', { termDuration: 'P1M', billingFrequency: 'ANNUAL' }, 'billingFrequency'],
    ['no kind of purchase', { appliesTo: [] }, 'appliesTo'],
    ['a malformed id', { id: 'promo e3' }, 'id'],
  ])('BIL-5: an import with %s is BAD_USER_INPUT and stores nothing', async (_, extra, field) => {
    const before = await stored();
    const response = await t.gql(await t.operatorToken(), IMPORT_PROMOTIONS, { i: { promotions: [promotion({ id: 'promo-new' }), promotion({ id: 'promo-bad', ...extra })] } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.field).toEqual(['input', 'promotions', '1', field]);
    expect(await stored()).toBe(before);
  });

  it('BIL-5, ACT-3: only the operator imports promotions', async () => {
    const partner = await onboardPartner(t);
    for (const role of ['GLOBAL_ADMIN', 'ADMIN_AGENT', 'BILLING_ADMIN'] as Role[]) {
      expect(codeOf(await t.gql(await partner.token([role]), IMPORT_PROMOTIONS, { i: { promotions: [promotion({ id: 'promo-x' })] } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.gql(undefined, IMPORT_PROMOTIONS, { i: { promotions: [promotion({ id: 'promo-x' })] } }))).toBe('UNAUTHENTICATED');
  });

  describe('promotionEligibility', () => {
    let partner: TestPartner;
    let german: string;
    let austrianSchool: string;
    const ask = async (variables: Record<string, unknown>, roles: Role[] = ['BILLING_ADMIN']) =>
      t.gql(await partner.token(roles), ELIGIBILITY, { customerId: german, offerId: 'offer-m365-e3-no-teams', term: 'P1Y', billing: 'MONTHLY', ...variables });

    beforeAll(async () => {
      partner = await onboardPartner(t);
      german = (await createCustomer(t, partner, { country: 'DE' })).id;
      austrianSchool = (await createCustomer(t, partner, { country: 'AT', segment: 'EDUCATION' })).id;
      await importPromotions(t, [promotion({ id: 'promo-e3', minQuantity: 5, maxQuantity: 300 })]);
    });

    it('BIL-5: a qualifying purchase is eligible for the promotion that applies', async () => {
      expect(dataOf(await ask({ quantity: 10 })).promotionEligibility).toEqual({ promotionId: 'promo-e3', eligible: true, reasons: [], reasonCodes: [] });
    });

    it('BIL-5: otherwise the answer says why, as Partner Center’s eligibility check does: term, billing, seats, segment, purchase type, dates', async () => {
      expect(dataOf(await ask({ term: 'P3Y', billing: 'ANNUAL', quantity: 2 })).promotionEligibility).toEqual({
        promotionId: 'promo-e3',
        eligible: false,
        reasons: ['The promotion needs a P1Y term, not P3Y', 'The promotion needs MONTHLY billing, not ANNUAL', 'The promotion needs 5 to 300 licences, not 2'],
        reasonCodes: ['TERM', 'BILLING_CYCLE', 'SEAT_COUNT'],
      });
      expect(dataOf(await ask({ customerId: austrianSchool, quantity: 10 })).promotionEligibility.reasonCodes).toEqual(['SEGMENT']);
      expect(dataOf(await ask({ quantity: 10, target: 'EA_RENEWAL' })).promotionEligibility.reasons).toEqual(['The promotion applies to new purchases, not to Enterprise Agreement renewals']);
      expect(dataOf(await ask({ offerId: 'offer-ems-e3' })).promotionEligibility).toEqual({ promotionId: null, eligible: false, reasons: ['The offer has no promotion'], reasonCodes: ['NO_PROMOTION'] });
      await setClock(t, '2031-07-01T00:00:00Z');
      expect(dataOf(await ask({ quantity: 10, promotionId: 'promo-e3' })).promotionEligibility).toMatchObject({ eligible: false, reasonCodes: ['ENDED'] });
    });

    it('BIL-5: a market the promotion does not name is a reason', async () => {
      await importPromotions(t, [promotion({ id: 'promo-e3-fr', markets: ['FR'], startDate: '2031-06-01T00:00:00Z', endDate: '2031-12-31T23:59:59Z' })]);
      expect(dataOf(await ask({ quantity: 10, promotionId: 'promo-e3-fr' })).promotionEligibility.reasons).toEqual(["The promotion is not offered in the customer's market DE"]);
      expect(codeOf(await ask({ promotionId: 'promo-unknown' }))).toBe('NOT_FOUND');
    });

    it('BIL-5, SPEC §10: BILLING_ADMIN, ADMIN_AGENT and GLOBAL_ADMIN ask; other roles are FORBIDDEN; another partner’s customer is NOT_FOUND (ACT-2)', async () => {
      for (const role of ['BILLING_ADMIN', 'ADMIN_AGENT', 'GLOBAL_ADMIN'] as Role[]) expect(dataOf(await ask({}, [role])).promotionEligibility.promotionId).toBeTruthy();
      for (const role of ['SALES_AGENT', 'HELPDESK_AGENT', 'ACCOUNT_ADMIN'] as Role[]) expect(codeOf(await ask({}, [role]))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(await t.operatorToken(), ELIGIBILITY, { customerId: german, offerId: 'offer-m365-e3-no-teams', term: 'P1Y', billing: 'MONTHLY' }))).toBe('FORBIDDEN');
      const other = await onboardPartner(t);
      expect(codeOf(await t.gql(await other.token(['BILLING_ADMIN']), ELIGIBILITY, { customerId: german, offerId: 'offer-m365-e3-no-teams', term: 'P1Y', billing: 'MONTHLY' }))).toBe('NOT_FOUND');
    });
  });
});
