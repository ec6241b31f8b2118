import { BillingFrequency, Segment } from '../../../shared/graphql/enums';
import { sellsTerm, type SoldTerms } from './price.policy';

/**
 * BIL-7: one row of Partner Center's license-based (new commerce) monthly price list, checked
 * and turned into a price of the catalog. Pure: the import streams the file through it.
 */

/** The columns of Partner Center's layout; a file may order them freely and carry more. */
export const PRICE_LIST_COLUMNS = [
  'ProductTitle', 'ProductId', 'SkuId', 'SkuTitle', 'Publisher', 'SkuDescription', 'UnitOfMeasure', 'TermDuration', 'BillingPlan',
  'Market', 'Currency', 'UnitPrice', 'PricingTierRangeMin', 'PricingTierRangeMax', 'EffectiveStartDate', 'EffectiveEndDate', 'Tags',
  'ERP Price', 'Segment',
] as const;
export type PriceListColumn = (typeof PRICE_LIST_COLUMNS)[number];

/** The columns a price needs; the others are optional (tiers and segment default, titles are the catalog's). */
export const REQUIRED_COLUMNS: readonly PriceListColumn[] = [
  'ProductId', 'SkuId', 'TermDuration', 'BillingPlan', 'Market', 'Currency', 'UnitPrice', 'EffectiveStartDate', 'EffectiveEndDate',
];

/** Where each known column is in the file's header, and which required ones it lacks. */
export function headerIndex(header: readonly string[]): { index: Partial<Record<PriceListColumn, number>>; missing: PriceListColumn[] } {
  const index: Partial<Record<PriceListColumn, number>> = {};
  header.forEach((name, position) => {
    const column = PRICE_LIST_COLUMNS.find((known) => known === name.trim());
    if (column && index[column] === undefined) index[column] = position;
  });
  return { index, missing: REQUIRED_COLUMNS.filter((column) => index[column] === undefined) };
}

/** An offer as the price list reaches it through its ProductId and SkuId. */
export interface PricedOffer extends SoldTerms {
  id: string;
  markets: ReadonlySet<string>;
}

export interface PriceListCatalog {
  offer(productId: string, skuId: string): PricedOffer | undefined;
  /** The markets of the programme (ISO 3166-1 alpha-2). */
  knownMarket(market: string): boolean;
}

/** A checked row: the key of a price (offer … currency) and its values. */
export interface PriceRow {
  offerId: string;
  market: string;
  segment: Segment;
  termDuration: string;
  billingPlan: BillingFrequency;
  tierMin: number;
  effectiveStart: Date;
  currency: string;
  tierMax: number | null;
  effectiveEnd: Date;
  unitPrice: string;
  erpPrice: string | null;
}

const PRICE = /^\d{1,12}(\.\d{1,6})?$/;
const COUNT = /^\d{1,9}$/;
/** Spreadsheet formula triggers (CSV injection): rejected in any text cell. */
const FORMULA = /^[=+\-@\t\r]/;
const TERMS = new Set(['P1M', 'P1Y', 'P3Y']);
const PLANS: Readonly<Record<string, BillingFrequency>> = { monthly: BillingFrequency.MONTHLY, annual: BillingFrequency.ANNUAL, triennial: BillingFrequency.TRIENNIAL };
const SEGMENTS: Readonly<Record<string, Segment>> = {
  commercial: Segment.COMMERCIAL,
  education: Segment.EDUCATION,
  government: Segment.GOVERNMENT,
  charity: Segment.NONPROFIT,
  nonprofit: Segment.NONPROFIT,
};
const NUMERIC_COLUMNS = new Set<PriceListColumn>(['UnitPrice', 'ERP Price', 'PricingTierRangeMin', 'PricingTierRangeMax']);

/** The row as a price, or every reason it is refused (one message, reasons joined by "; "). */
export function parsePriceRow(cells: readonly string[], index: Partial<Record<PriceListColumn, number>>, catalog: PriceListCatalog): { row: PriceRow } | { error: string } {
  const cell = (column: PriceListColumn) => (index[column] === undefined ? '' : (cells[index[column]!] ?? '').trim());
  const problems: string[] = [];
  for (const column of PRICE_LIST_COLUMNS) {
    const raw = index[column] === undefined ? '' : (cells[index[column]!] ?? '');
    if (!NUMERIC_COLUMNS.has(column) && FORMULA.test(raw)) problems.push(`${column}: a formula-like value is refused (it starts with ${JSON.stringify(raw[0])})`);
  }
  if (problems.length) return { error: problems.join('; ') };

  const productId = cell('ProductId');
  const skuId = cell('SkuId');
  const offer = catalog.offer(productId, skuId);
  if (!offer) problems.push(`ProductId/SkuId ${productId}/${skuId}: no offer of the catalog has them (import the offer with its productId and skuId first)`);

  const market = cell('Market').toUpperCase();
  if (!catalog.knownMarket(market)) problems.push(`Market: unknown market ${JSON.stringify(cell('Market'))} (an ISO 3166-1 alpha-2 code of the programme)`);
  else if (offer && !offer.markets.has(market)) problems.push(`Market: the offer is not sold in ${market}`);

  const currency = cell('Currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.push(`Currency: ${JSON.stringify(cell('Currency'))} is not an ISO 4217 code`);

  const unitPrice = cell('UnitPrice');
  if (!PRICE.test(unitPrice)) problems.push(`UnitPrice: ${JSON.stringify(unitPrice)} is not a price (a decimal number ≥ 0, at most 6 decimals)`);
  const erpPrice = cell('ERP Price');
  if (erpPrice && !PRICE.test(erpPrice)) problems.push(`ERP Price: ${JSON.stringify(erpPrice)} is not a price`);

  const termDuration = cell('TermDuration').toUpperCase();
  if (!TERMS.has(termDuration)) problems.push(`TermDuration: ${JSON.stringify(cell('TermDuration'))} is not P1M, P1Y or P3Y`);
  const plan = cell('BillingPlan').toLowerCase();
  // Trials carry the billing plan "None" and no price: their one-month term is billed monthly.
  const billingPlan = plan === 'none' && Number(unitPrice) === 0 ? BillingFrequency.MONTHLY : PLANS[plan];
  if (!billingPlan) problems.push(`BillingPlan: ${JSON.stringify(cell('BillingPlan'))} is not Monthly, Annual or Triennial`);
  else if (offer && TERMS.has(termDuration) && !sellsTerm(offer, termDuration, billingPlan)) {
    problems.push(`TermDuration/BillingPlan: the offer is not sold for ${termDuration} billed ${billingPlan}`);
  }

  const segmentText = cell('Segment');
  const segment = segmentText ? SEGMENTS[segmentText.toLowerCase()] : Segment.COMMERCIAL;
  if (!segment) problems.push(`Segment: ${JSON.stringify(segmentText)} is not Commercial, Education, Government or Charity`);

  const tierMinText = cell('PricingTierRangeMin');
  const tierMaxText = cell('PricingTierRangeMax');
  if (tierMinText && !COUNT.test(tierMinText)) problems.push(`PricingTierRangeMin: ${JSON.stringify(tierMinText)} is not a whole number`);
  if (tierMaxText && !COUNT.test(tierMaxText)) problems.push(`PricingTierRangeMax: ${JSON.stringify(tierMaxText)} is not a whole number`);
  const tierMin = tierMinText ? Number(tierMinText) : 0;
  const tierMax = tierMaxText ? Number(tierMaxText) : null;
  if (tierMax !== null && tierMax < tierMin) problems.push('PricingTierRangeMax is below PricingTierRangeMin');

  const effectiveStart = parsePriceListDate(cell('EffectiveStartDate'));
  const effectiveEnd = parsePriceListDate(cell('EffectiveEndDate'));
  if (!effectiveStart) problems.push(`EffectiveStartDate: ${JSON.stringify(cell('EffectiveStartDate'))} is not a date`);
  if (!effectiveEnd) problems.push(`EffectiveEndDate: ${JSON.stringify(cell('EffectiveEndDate'))} is not a date`);
  if (effectiveStart && effectiveEnd && effectiveEnd <= effectiveStart) problems.push('EffectiveEndDate is not after EffectiveStartDate');

  if (problems.length) return { error: problems.join('; ') };
  return {
    row: {
      offerId: offer!.id,
      market,
      segment: segment!,
      termDuration,
      billingPlan: billingPlan!,
      tierMin,
      effectiveStart: effectiveStart!,
      currency,
      tierMax,
      effectiveEnd: effectiveEnd!,
      unitPrice,
      erpPrice: erpPrice || null,
    },
  };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?)?$/i;

/**
 * The dates of Partner Center's files, in UTC: ISO 8601 (`2027-02-01T00:00:00.0000000Z`, a
 * zone optional) and the US layout of the exported sheets (`2/1/2027 0:00`,
 * `11/30/9999 11:59:59 PM`). Placeholder years (1753, 9999) are dates like any other.
 */
export function parsePriceListDate(text: string): Date | undefined {
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = iso;
    const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
    const local = utc(+y, +mo, +d, +h, +mi, +s, ms);
    if (!local) return undefined;
    if (zone === 'Z') return local;
    const sign = zone[0] === '-' ? -1 : 1;
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (zh > 23 || zm > 59) return undefined;
    return new Date(local.getTime() - sign * (zh * 60 + zm) * 60_000);
  }
  const us = US.exec(text);
  if (!us) return undefined;
  const [, mo, d, y, hText = '0', mi = '0', s = '0', meridiem] = us;
  let h = Number(hText);
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  return utc(+y, +mo, +d, h, +mi, +s, 0);
}

/** A real UTC instant from its parts, or undefined (31 February, 25 o'clock …). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): Date | undefined {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : undefined;
}
