import { buy } from '../subscriptions/checkout.fixtures';
import { mutate } from '../subscriptions/support';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';

/** Makes the catalog larger than one page of 100, through the operator import. */
function bulkOffers(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `offer-bulk-${String(i).padStart(3, '0')}`,
    name: `Bulk Add-on ${i}`,
    provisioningId: `Bulk_Addon_${i}`,
    productFamily: 'Bulk',
    publisher: 'MICROSOFT',
    billingType: 'LICENSE',
    category: 'ENTERPRISE',
    segments: ['COMMERCIAL'],
    lifecycle: 'AVAILABLE',
    termDurations: ['P1M', 'P1Y'],
    billingFrequencies: ['MONTHLY', 'ANNUAL'],
    markets: ['DE', 'AT', 'US'],
    listPriceUsd: `${i + 1}.25`,
    // CAT-4: a one-per-customer offer on every page asks the subscriptions subgraph once per page.
    onePerCustomer: i === 0,
    upgradeTargets: [{ provisioningId: 'Microsoft_365_E5_(no_Teams)', kind: 'MANY_TO_ONE' }],
  }));
}

describe('Offer.purchasable (CAT-2, CAT-3, CAT-4, CAT-5, CAT-8) and batching', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token();
  });

  const ONE = `query($c: ID!, $o: ID!) { offer(id: $o) { purchasable(customerId: $c) { allowed reason detail message rule } } }`;

  it('CAT-2: a customer of another segment is refused with SEGMENT_NOT_ELIGIBLE', async () => {
    const school = await createCustomer(t, partner, { segment: 'EDUCATION' });
    const e3 = dataOf(await t.gql(token, ONE, { c: school.id, o: 'offer-m365-e3-no-teams' })).offer.purchasable;
    expect(e3).toMatchObject({ allowed: false, reason: 'OFFER_NOT_AVAILABLE', detail: 'SEGMENT_NOT_ELIGIBLE', rule: 'CAT-2' });
    expect(e3.message).toContain('EDUCATION');
    expect(dataOf(await t.gql(token, ONE, { c: school.id, o: 'offer-m365-a3' })).offer.purchasable).toMatchObject({ allowed: true });
    const gov = await createCustomer(t, partner, { segment: 'GOVERNMENT' });
    expect(dataOf(await t.gql(token, ONE, { c: gov.id, o: 'offer-o365-g3' })).offer.purchasable).toMatchObject({ allowed: true });
    expect(dataOf(await t.gql(token, ONE, { c: gov.id, o: 'offer-m365-a3' })).offer.purchasable).toMatchObject({ detail: 'SEGMENT_NOT_ELIGIBLE' });
  });

  it('ACT-2: a customer the caller may not see is NOT_FOUND; the customer itself may ask', async () => {
    const customer = await createCustomer(t, partner);
    const stranger = await onboardPartner(t);
    const response = await t.gql(await stranger.token(), ONE, { c: customer.id, o: 'offer-m365-e3-no-teams' });
    expect(codeOf(response)).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(token, ONE, { c: 'cus-unknown', o: 'offer-m365-e3-no-teams' }))).toBe('NOT_FOUND');
    const self = await t.gql(await t.token(customer.id, ['CUSTOMER_ADMIN']), ONE, { c: customer.id, o: 'offer-m365-e3-no-teams' });
    expect(dataOf(self).offer.purchasable).toMatchObject({ allowed: true });
  });

  it('CAT-5: an exclusive ISV offer is allowed only for a listed partner (by PartnerID)', async () => {
    const customer = await createCustomer(t, partner);
    const exclusive = {
      name: 'Wingtip Exclusive Suite',
      provisioningId: 'Wingtip_Exclusive_Suite',
      productFamily: 'Wingtip',
      publisher: 'ISV',
      isvPublisher: 'Wingtip Toys',
      billingType: 'LICENSE',
      category: 'ENTERPRISE',
      segments: ['COMMERCIAL'],
      lifecycle: 'AVAILABLE',
      termDurations: ['P1Y'],
      billingFrequencies: ['ANNUAL'],
      markets: ['DE'],
      listPriceUsd: '12.00',
      exclusivePartners: [partner.partnerId],
    };
    const imported = await t.gql(await t.operatorToken(), `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id exclusive } errors { code } } }`, {
      i: { offers: [exclusive] },
    });
    const offerId = dataOf(imported).importOffers.offers[0].id;
    expect(dataOf(imported).importOffers.offers[0].exclusive).toBe(true);
    expect(dataOf(await t.gql(token, ONE, { c: customer.id, o: offerId })).offer.purchasable).toEqual({
      allowed: true,
      reason: null,
      detail: null,
      message: null,
      rule: null,
    });
    // Another partner with its own German customer is refused.
    const other = await onboardPartner(t);
    const theirs = await createCustomer(t, other);
    expect(dataOf(await t.gql(await other.token(), ONE, { c: theirs.id, o: offerId })).offer.purchasable).toMatchObject({
      allowed: false,
      reason: 'OFFER_NOT_AVAILABLE',
      detail: 'ISV_EXCLUSIVE',
      rule: 'CAT-5',
    });
  });

  it('CAT-4: the reason says when the customer already holds a one-per-customer offer, and to reactivate a suspended one', async () => {
    const onePerCustomer = {
      name: 'Contoso Compliance Vault (one per customer)',
      provisioningId: 'Contoso_Compliance_Vault',
      productFamily: 'Compliance',
      publisher: 'MICROSOFT',
      billingType: 'LICENSE',
      category: 'ENTERPRISE',
      segments: ['COMMERCIAL'],
      lifecycle: 'AVAILABLE',
      termDurations: ['P1Y'],
      billingFrequencies: ['MONTHLY'],
      markets: ['DE'],
      listPriceUsd: '3.00',
      onePerCustomer: true,
    };
    const imported = await t.gql(await t.operatorToken(), `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id } errors { code } } }`, { i: { offers: [onePerCustomer] } });
    const offerId = dataOf(imported).importOffers.offers[0].id;
    const customer = await createCustomer(t, partner);
    expect(dataOf(await t.gql(token, ONE, { c: customer.id, o: offerId })).offer.purchasable).toMatchObject({ allowed: true });

    const bought = await buy(t, partner, customer.id, [{ offerId, quantity: 3 }]);
    expect(bought.payload.errors).toEqual([]);
    const subscriptionId = bought.payload.order.lines[0].subscription.id;
    const held = dataOf(await t.gql(token, ONE, { c: customer.id, o: offerId })).offer.purchasable;
    expect(held).toMatchObject({ allowed: false, reason: 'ONE_PER_CUSTOMER', detail: 'ALREADY_HELD', rule: 'CAT-4' });
    expect(held.message).toContain(`already holds it (subscription ${subscriptionId})`);
    // Checkout reports the catalog's reason, once.
    const again = await buy(t, partner, customer.id, [{ offerId, quantity: 1 }]);
    expect(again.payload.errors).toEqual([expect.objectContaining({ code: 'ONE_PER_CUSTOMER', rule: 'CAT-4', message: held.message })]);

    expect(dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId })).suspendSubscription.errors).toEqual([]);
    const suspended = dataOf(await t.gql(token, ONE, { c: customer.id, o: offerId })).offer.purchasable;
    expect(suspended).toMatchObject({ allowed: false, reason: 'ONE_PER_CUSTOMER', detail: 'HELD_SUSPENDED', rule: 'CAT-4' });
    expect(suspended.message).toContain(`subscription ${subscriptionId} of it is suspended: reactivate it instead of buying a new one`);

    // Another partner of the same customer sees only its own holdings (ACT-2).
    const other = await onboardPartner(t);
    const theirs = await createCustomer(t, other);
    expect(dataOf(await t.gql(await other.token(), ONE, { c: theirs.id, o: offerId })).offer.purchasable).toMatchObject({ allowed: true });
  });

  it('offers(first: 100) with prices, purchasable and upgrade targets runs a constant number of SQL statements (customer fetched once)', async () => {
    const operator = await t.operatorToken();
    const imported = await t.gql(operator, `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id } errors { code } } }`, {
      i: { offers: bulkOffers(70) },
    });
    expect(dataOf(imported).importOffers.offers).toHaveLength(70);
    const customer = await createCustomer(t, partner, { country: 'DE' });
    const query = (first: number) => `query($c: ID!) { offers(first: ${first}, filter: { includeEndOfSale: true, publisher: MICROSOFT }) { totalCount edges { node {
      id price(market: "DE") { amount currency } priceDetails(market: "AU") { taxIncluded }
      purchasable(customerId: $c) { allowed reason detail }
      upgradeTargets { kind offer { id price(market: "DE") { amount } } }
      suite { persona } addOnRule { kind } } } } }`;
    await t.gql(token, query(10), { c: customer.id }); // warm-up
    const ten = await t.countedGql(token, query(10), { c: customer.id });
    const hundred = await t.countedGql(token, query(100), { c: customer.id });
    expect(dataOf(ten.body).offers.edges).toHaveLength(10);
    expect(dataOf(hundred.body).offers.edges).toHaveLength(100);
    expect(dataOf(hundred.body).offers.totalCount).toBeGreaterThan(100);
    expect(dataOf(ten.body).offers.edges[1].node.upgradeTargets).toEqual([{ kind: 'MANY_TO_ONE', offer: { id: 'offer-m365-e5-no-teams', price: { amount: '50.37' } } }]);
    expect(hundred.statements).toBe(ten.statements);
    expect(hundred.statements).toBeLessThanOrEqual(12);
  });
});
