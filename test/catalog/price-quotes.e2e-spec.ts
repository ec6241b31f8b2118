import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../../shared/auth/forwarding';
import { gatewaySecret } from '../../shared/config';
import { sqlStatementCount } from '../../shared/db/sql-stats';
import { onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { setClock } from '../subscriptions/support';
import { importPromotions, promotion } from './promotions.support';
import { priceListCsv, priceRow, putPriceList } from './pricing.support';

const E3 = 'offer-m365-e3-no-teams';
const QUOTE = `query($id: ID!, $market: String!, $term: String!, $billing: BillingFrequency!, $at: DateTime, $segment: Segment! = COMMERCIAL, $target: PromotionTarget! = NEW_PURCHASE) {
  offer(id: $id) { price(market: $market) { amount currency }
    quote: priceQuote(market: $market, termDuration: $term, billingFrequency: $billing, at: $at, segment: $segment, target: $target) {
      listPrice { amount currency } effectivePrice { amount currency } promotionId discountPercent source effectiveStartDate effectiveEndDate erpPrice { amount } }
    listed: price(market: $market, termDuration: $term, billingFrequency: $billing, at: $at, segment: $segment) { amount currency } } }`;

/** Offer prices by term, billing plan and instant (BIL-7), with the promotion that applies (BIL-5). */
describe('price quotes (BIL-7, BIL-5)', () => {
  const t = useStack();
  const quote = async (variables: Record<string, unknown>) => dataOf(await t.gql(await t.operatorToken(), QUOTE, { id: E3, market: 'DE', term: 'P1Y', billing: 'MONTHLY', ...variables })).offer;

  beforeAll(async () => {
    await setClock(t, '2030-06-01T00:00:00Z');
  });

  it('BIL-7: without a price list row in effect, the catalog base price per month is priced per billing period; price(market) answers as before', async () => {
    const monthly = await quote({ billing: 'MONTHLY' });
    const annual = await quote({ billing: 'ANNUAL' });
    const base = Number(monthly.price.amount);
    expect(monthly.quote).toMatchObject({ listPrice: { amount: monthly.price.amount, currency: 'EUR' }, source: 'CATALOG', promotionId: null, effectiveStartDate: null });
    expect(annual.quote.listPrice.amount).toBe((base * 12).toFixed(2));
    expect(annual.listed).toEqual(annual.quote.listPrice);
    // A term the offer does not sell so: no price.
    expect((await quote({ term: 'P1M', billing: 'ANNUAL' })).quote).toBeNull();
  });

  it('BIL-7: a price takes effect on its EffectiveStartDate on the business clock; P1Y billed monthly and billed annually are distinct prices', async () => {
    const file = priceListCsv([
      priceRow({ UnitPrice: '35.40', EffectiveStartDate: '2030-01-01T00:00:00Z', EffectiveEndDate: '2030-12-31T23:59:59Z' }),
      priceRow({ UnitPrice: '38.00', EffectiveStartDate: '1/1/2031 0:00', EffectiveEndDate: '11/30/9999 23:59' }),
      priceRow({ BillingPlan: 'Annual', UnitPrice: '404.40', EffectiveStartDate: '2030-01-01T00:00:00Z' }),
    ]);
    expect((await putPriceList(t, await t.operatorToken(), file)).body).toMatchObject({ created: 3, errorCount: 0 });
    const before = await quote({});
    expect(before.quote).toMatchObject({
      listPrice: { amount: '35.40', currency: 'EUR' }, effectivePrice: { amount: '35.40' }, source: 'PRICE_LIST',
      effectiveStartDate: '2030-01-01T00:00:00.000Z', erpPrice: { amount: '42.48' },
    });
    expect(before.listed).toEqual({ amount: '35.40', currency: 'EUR' });
    expect((await quote({ billing: 'ANNUAL' })).quote.listPrice.amount).toBe('404.40');
    // Asked for an instant, the price then in effect.
    expect((await quote({ at: '2031-02-01T00:00:00Z' })).quote.listPrice.amount).toBe('38.00');
    // The future price is not in effect until the sandbox clock reaches it.
    await setClock(t, '2030-12-31T23:00:00Z');
    expect((await quote({})).quote.listPrice.amount).toBe('35.40');
    await setClock(t, '2031-01-01T00:00:00Z');
    const after = await quote({});
    expect(after.quote).toMatchObject({ listPrice: { amount: '38.00' }, effectiveStartDate: '2031-01-01T00:00:00.000Z' });
    // price(market) keeps answering the catalog's base price per month (CAT-2).
    expect(after.price).toEqual(before.price);
    // Another segment has no row: the catalog price.
    expect((await quote({ segment: 'EDUCATION' })).quote.source).toBe('CATALOG');
  });

  it('BIL-5: the quote shows the promotion that applies now and the effective price, for the kind of purchase asked', async () => {
    await importPromotions(t, [promotion({ id: 'promo-e3-20', discountPercent: 20, startDate: '2031-01-01T00:00:00Z', endDate: '2031-12-31T23:59:59Z' })]);
    expect((await quote({})).quote).toMatchObject({ listPrice: { amount: '38.00' }, effectivePrice: { amount: '30.40', currency: 'EUR' }, promotionId: 'promo-e3-20', discountPercent: 20 });
    // Only for new purchases, commercial, P1Y monthly.
    expect((await quote({ target: 'RENEWAL' })).quote).toMatchObject({ effectivePrice: { amount: '38.00' }, promotionId: null });
    expect((await quote({ billing: 'ANNUAL' })).quote.promotionId).toBeNull();
    expect((await quote({ at: '2032-01-01T00:00:00Z' })).quote.promotionId).toBeNull();
  });

  it('BIL-7, BIL-5: priceQuotes, the subscriptions subgraph’s batched read, is internal: not in the public graph, served by the catalog with the gateway secret', async () => {
    const partner = await onboardPartner(t);
    const query = `query($lines: [PriceQuoteLineInput!]!) { priceQuotes(lines: $lines) { offerId listPrice { amount } effectivePrice { amount } promotionId source } }`;
    const line = { offerId: E3, market: 'DE', segment: 'COMMERCIAL', termDuration: 'P1Y', billingFrequency: 'MONTHLY', at: '2031-03-01T00:00:00Z', target: 'NEW_PURCHASE' };
    expect(codeOf(await t.gql(await partner.token(), query, { lines: [line] }))).toBe('GRAPHQL_VALIDATION_FAILED');
    const identity = encodeIdentity({ userId: 'u', tenantId: partner.id, tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] });
    const lines = [
      line,
      { ...line, target: 'RENEWAL' },
      // TRI-3: a trial conversion never gets a promotion.
      { ...line, trialConversion: true },
      { ...line, at: '2030-06-01T00:00:00Z' },
      { ...line, offerId: 'offer-unknown' },
      ...['offer-power-bi-pro', 'offer-ems-e3', 'offer-m365-f3', 'offer-teams-enterprise'].map((offerId) => ({ ...line, offerId })),
    ];
    const before = sqlStatementCount();
    const response = await fetch(t.stack.subgraphs.catalog.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: gatewaySecret(), [IDENTITY_HEADER]: identity },
      body: JSON.stringify({ query, variables: { lines } }),
    });
    const statements = sqlStatementCount() - before;
    const quotes = dataOf<{ priceQuotes: any[] }>((await response.json()) as never).priceQuotes;
    expect(quotes.slice(0, 5)).toEqual([
      { offerId: E3, listPrice: { amount: '38.00' }, effectivePrice: { amount: '30.40' }, promotionId: 'promo-e3-20', source: 'PRICE_LIST' },
      { offerId: E3, listPrice: { amount: '38.00' }, effectivePrice: { amount: '38.00' }, promotionId: null, source: 'PRICE_LIST' },
      { offerId: E3, listPrice: { amount: '38.00' }, effectivePrice: { amount: '38.00' }, promotionId: null, source: 'PRICE_LIST' },
      { offerId: E3, listPrice: { amount: '35.40' }, effectivePrice: { amount: '35.40' }, promotionId: null, source: 'PRICE_LIST' },
      null,
    ]);
    expect(quotes.slice(5).every((q: { source: string }) => q.source === 'CATALOG')).toBe(true);
    // Nine lines, batched: offers, price-list rows, base prices, promotions (and the clock at most).
    expect(statements).toBeLessThanOrEqual(5);
  });

  it('BIL-7: a page of offers with quotes runs the same number of statements for 5 and 50 offers', async () => {
    const token = await t.operatorToken();
    const page = (first: number) =>
      t.countedGql(token, `{ offers(first: ${first}, filter: { includeEndOfSale: true }) { edges { node { id priceQuote(market: "DE", termDuration: "P1Y", billingFrequency: MONTHLY) { listPrice { amount } promotionId } } } } }`);
    const small = await page(5);
    const large = await page(50);
    expect(dataOf(large.body).offers.edges).toHaveLength(50);
    expect(large.statements).toBe(small.statements);
  });

  it('BIL-7: with pricing tiers, the licence count picks the tier', async () => {
    const tiers = priceListCsv([
      priceRow({ Market: 'AT', UnitPrice: '36.00', PricingTierRangeMin: '1', PricingTierRangeMax: '10', EffectiveStartDate: '2031-01-01T00:00:00Z' }),
      priceRow({ Market: 'AT', UnitPrice: '33.00', PricingTierRangeMin: '11', EffectiveStartDate: '2031-01-01T00:00:00Z' }),
    ]);
    expect((await putPriceList(t, await t.operatorToken(), tiers)).body).toMatchObject({ created: 2, errorCount: 0 });
    const tiered = async (quantity: number) =>
      dataOf(await t.gql(await t.operatorToken(), `{ offer(id: "${E3}") { priceQuote(market: "AT", termDuration: "P1Y", billingFrequency: MONTHLY, quantity: ${quantity}, target: RENEWAL) { listPrice { amount } } } }`)).offer.priceQuote.listPrice.amount;
    expect([await tiered(1), await tiered(10), await tiered(11), await tiered(500)]).toEqual(['36.00', '36.00', '33.00', '33.00']);
  });

  it('BIL-7: a term without a plan, or a malformed market, is BAD_USER_INPUT', async () => {
    const token = await t.operatorToken();
    expect(codeOf(await t.gql(token, `{ offer(id: "${E3}") { price(market: "DE", termDuration: "P1Y") { amount } } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(token, `{ offer(id: "${E3}") { price(market: "DE", at: "2031-01-01T00:00:00Z") { amount } } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(token, `{ offer(id: "${E3}") { priceQuote(market: "Germany", termDuration: "P1Y", billingFrequency: MONTHLY) { source } } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(token, `{ offer(id: "${E3}") { priceQuote(market: "DE", termDuration: "P2Y", billingFrequency: MONTHLY) { source } } }`))).toBe('BAD_USER_INPUT');
  });
});
