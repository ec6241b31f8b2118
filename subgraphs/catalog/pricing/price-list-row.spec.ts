import { headerIndex, parsePriceListDate, parsePriceRow, PRICE_LIST_COLUMNS, type PriceListCatalog } from './price-list-row';

const E3 = { id: 'offer-e3', markets: new Set(['DE', 'US']), termDurations: ['P1M', 'P1Y', 'P3Y'], billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'] };
const catalog: PriceListCatalog = {
  offer: (productId, skuId) => (productId === 'CFQ7TTC0LFLZ' && skuId === '0002' ? E3 : undefined),
  knownMarket: (market) => ['DE', 'US', 'FR'].includes(market),
};
const { index } = headerIndex(PRICE_LIST_COLUMNS);

function row(values: Partial<Record<(typeof PRICE_LIST_COLUMNS)[number], string>>): string[] {
  const base: Record<string, string> = {
    ProductTitle: 'Microsoft 365 E3', ProductId: 'CFQ7TTC0LFLZ', SkuId: '0002', SkuTitle: 'Microsoft 365 E3 (no Teams)', Publisher: 'Microsoft Corporation',
    SkuDescription: 'Productivity suite', UnitOfMeasure: '', TermDuration: 'P1Y', BillingPlan: 'Monthly', Market: 'DE', Currency: 'EUR', UnitPrice: '35.40',
    PricingTierRangeMin: '', PricingTierRangeMax: '', EffectiveStartDate: '2027-02-01T00:00:00.0000000Z', EffectiveEndDate: '11/30/9999 11:59:59 PM',
    Tags: 'License', 'ERP Price': '42.48', Segment: 'Commercial',
  };
  return PRICE_LIST_COLUMNS.map((column) => values[column] ?? base[column]);
}

describe('price list rows (BIL-7)', () => {
  it('reads a row of Partner Center’s layout into a price of an offer', () => {
    expect(parsePriceRow(row({}), index, catalog)).toEqual({
      row: {
        offerId: 'offer-e3', market: 'DE', segment: 'COMMERCIAL', termDuration: 'P1Y', billingPlan: 'MONTHLY', tierMin: 0, tierMax: null, currency: 'EUR',
        effectiveStart: new Date('2027-02-01T00:00:00Z'), effectiveEnd: new Date('9999-11-30T23:59:59Z'), unitPrice: '35.40', erpPrice: '42.48',
      },
    });
  });

  it('names every missing required column of a header, in any order and with extra columns', () => {
    expect(headerIndex(['MeterIds', 'Market', 'ProductId']).missing).toEqual(['SkuId', 'TermDuration', 'BillingPlan', 'Currency', 'UnitPrice', 'EffectiveStartDate', 'EffectiveEndDate']);
    expect(headerIndex([...PRICE_LIST_COLUMNS].reverse()).missing).toEqual([]);
  });

  it.each([
    [{ UnitPrice: 'abc' }, /UnitPrice: "abc" is not a price/],
    [{ UnitPrice: '-3' }, /UnitPrice: "-3" is not a price/],
    [{ Market: 'ZZ' }, /unknown market "ZZ"/],
    [{ Market: 'FR' }, /not sold in FR/],
    [{ EffectiveEndDate: '2027-01-01T00:00:00Z' }, /EffectiveEndDate is not after EffectiveStartDate/],
    [{ SkuTitle: '=HYPERLINK("http://x")' }, /SkuTitle: a formula-like value is refused/],
    [{ Tags: '@SUM(1)' }, /Tags: a formula-like value/],
    [{ SkuId: '0009' }, /no offer of the catalog/],
    [{ TermDuration: 'P1M', BillingPlan: 'Annual' }, /not sold for P1M billed ANNUAL/],
    [{ BillingPlan: 'Weekly' }, /BillingPlan: "Weekly"/],
    [{ Segment: 'Retail' }, /Segment: "Retail"/],
    [{ PricingTierRangeMin: '10', PricingTierRangeMax: '5' }, /below PricingTierRangeMin/],
    [{ EffectiveStartDate: '2/30/2027 0:00' }, /EffectiveStartDate: "2\/30\/2027 0:00" is not a date/],
  ])('refuses %j with a reason', (values, reason) => {
    const result = parsePriceRow(row(values), index, catalog);
    expect('error' in result && result.error).toMatch(reason);
  });

  it('reports every reason of a row at once', () => {
    const result = parsePriceRow(row({ UnitPrice: 'x', Market: 'ZZ' }), index, catalog);
    expect('error' in result && result.error.split('; ')).toHaveLength(2);
  });

  it('maps Charity to NONPROFIT, and a trial’s billing plan None at price 0 to monthly', () => {
    const charity = parsePriceRow(row({ Segment: 'Charity' }), index, catalog);
    expect('row' in charity && charity.row.segment).toBe('NONPROFIT');
    const trial = parsePriceRow(row({ TermDuration: 'P1M', BillingPlan: 'None', UnitPrice: '0' }), index, catalog);
    expect('row' in trial && trial.row.billingPlan).toBe('MONTHLY');
  });

  it('reads the dates of Partner Center files in UTC', () => {
    expect(parsePriceListDate('2/1/2023 0:00')).toEqual(new Date('2023-02-01T00:00:00Z'));
    expect(parsePriceListDate('3/1/2018 12:00:00 AM')).toEqual(new Date('2018-03-01T00:00:00Z'));
    expect(parsePriceListDate('11/30/9999 11:59:59 PM')).toEqual(new Date('9999-11-30T23:59:59Z'));
    expect(parsePriceListDate('2021-11-03T06:57:30.0682597Z')).toEqual(new Date('2021-11-03T06:57:30.068Z'));
    expect(parsePriceListDate('2027-02-01')).toEqual(new Date('2027-02-01T00:00:00Z'));
    expect(parsePriceListDate('2027-02-01T01:00:00+01:00')).toEqual(new Date('2027-02-01T00:00:00Z'));
    expect(parsePriceListDate('2027-02-30')).toBeUndefined();
    expect(parsePriceListDate('13/1/2027 0:00')).toBeUndefined();
    expect(parsePriceListDate('yesterday')).toBeUndefined();
  });
});
