import type { TestStack } from '../support/stack';

/** Partner Center's license-based price list columns, in its order. */
export const PRICE_LIST_HEADER = [
  'ProductTitle', 'ProductId', 'SkuId', 'SkuTitle', 'Publisher', 'SkuDescription', 'UnitOfMeasure', 'TermDuration', 'BillingPlan', 'Market', 'Currency',
  'UnitPrice', 'PricingTierRangeMin', 'PricingTierRangeMax', 'EffectiveStartDate', 'EffectiveEndDate', 'Tags', 'ERP Price', 'Segment',
];

export type PriceListRow = Partial<Record<(typeof PRICE_LIST_HEADER)[number], string>>;

/** A row for Microsoft 365 E3 (no Teams) of the demo catalog (CFQ7TTC0LFLZ/0002), P1Y billed monthly in DE. */
export function priceRow(values: PriceListRow = {}): string[] {
  const base: PriceListRow = {
    ProductTitle: 'Microsoft 365 E3', ProductId: 'CFQ7TTC0LFLZ', SkuId: '0002', SkuTitle: 'Microsoft 365 E3 (no Teams)', Publisher: 'Microsoft Corporation',
    SkuDescription: 'Productivity, security and compliance, without Teams', UnitOfMeasure: '', TermDuration: 'P1Y', BillingPlan: 'Monthly', Market: 'DE',
    Currency: 'EUR', UnitPrice: '35.40', PricingTierRangeMin: '', PricingTierRangeMax: '', EffectiveStartDate: '2020-01-01T00:00:00Z',
    EffectiveEndDate: '9999-11-30T23:59:59Z', Tags: 'License', 'ERP Price': '42.48', Segment: 'Commercial',
  };
  return PRICE_LIST_HEADER.map((column) => values[column] ?? base[column] ?? '');
}

/** RFC 4180 text: every cell quoted, quotes doubled. */
export function priceListCsv(rows: string[][], header: string[] = PRICE_LIST_HEADER): string {
  return [header, ...rows].map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

/** PUT /catalog/price-list through the gateway. */
export async function putPriceList(t: TestStack, token: string | undefined, body: string, init: { contentType?: string; method?: string; path?: string } = {}) {
  const response = await fetch(t.gatewayUrl.replace(/\/graphql$/, init.path ?? '/catalog/price-list'), {
    method: init.method ?? 'PUT',
    headers: { 'content-type': init.contentType ?? 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: init.method === 'GET' ? undefined : body,
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}
