import Decimal from 'decimal.js';
import { COUNTRY_REGION } from '../../../shared/regions';

/** Every market the programme sells to: the countries of the region table (REL-3). */
export const ALL_MARKETS: readonly string[] = [...COUNTRY_REGION.keys()].sort();

/**
 * CAT-8: markets where Azure reservations and server subscriptions are not sold (seed 003,
 * "Åland Islands … Yemen"), as ISO codes. Saba, Bonaire and Sint Eustatius are BQ; Jan
 * Mayen and Svalbard are SJ; Kosovo uses the user-assigned XK.
 */
export const RESERVATION_EXCLUDED_MARKETS: readonly string[] = (
  'AX GL PG AS GD PN AD GP RE AI GU BQ AQ GG BL AG GN LC AW GW MF AZ GY PM BJ HT VC BT HM WS ' +
  'IM SM BV SJ ST IO JE SC VG KI SL BF XK BI LA SX KH LS SB CF LR SO TD MG GS CN MW SS CX MV SH ' +
  'CC ML SR KM MH CG MQ SZ CD MR TL CK YT TG DJ FM TK DM MS TO GQ MZ TC ER MM TV FK NR UM GF NC ' +
  'VU PF NE VA TF NU WF GA NF YE GM MP GI PW'
).split(' ');

interface Currency {
  code: string;
  /** Units of this currency per US dollar, for the demo price list. */
  rate: string;
  decimals: number;
}

const EUR: Currency = { code: 'EUR', rate: '0.92', decimals: 2 };
const CURRENCIES: Record<string, Currency> = {
  ...Object.fromEntries(
    'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK AD MC SM VA ME XK AX GP MQ GF RE YT BL MF PM'
      .split(' ')
      .map((c) => [c, EUR]),
  ),
  ...Object.fromEntries('GB GG JE IM'.split(' ').map((c) => [c, { code: 'GBP', rate: '0.79', decimals: 2 }])),
  ...Object.fromEntries('CH LI'.split(' ').map((c) => [c, { code: 'CHF', rate: '0.88', decimals: 2 }])),
  ...Object.fromEntries('DK FO GL'.split(' ').map((c) => [c, { code: 'DKK', rate: '6.90', decimals: 2 }])),
  SE: { code: 'SEK', rate: '10.50', decimals: 2 },
  NO: { code: 'NOK', rate: '10.70', decimals: 2 },
  PL: { code: 'PLN', rate: '4.00', decimals: 2 },
  CZ: { code: 'CZK', rate: '23.00', decimals: 2 },
  HU: { code: 'HUF', rate: '360', decimals: 0 },
  RO: { code: 'RON', rate: '4.60', decimals: 2 },
  BG: { code: 'BGN', rate: '1.80', decimals: 2 },
  IS: { code: 'ISK', rate: '138', decimals: 0 },
  JP: { code: 'JPY', rate: '150', decimals: 0 },
  AU: { code: 'AUD', rate: '1.55', decimals: 2 },
  NZ: { code: 'NZD', rate: '1.65', decimals: 2 },
  BR: { code: 'BRL', rate: '5.40', decimals: 2 },
  CA: { code: 'CAD', rate: '1.37', decimals: 2 },
  IN: { code: 'INR', rate: '83', decimals: 2 },
};
const USD: Currency = { code: 'USD', rate: '1', decimals: 2 };

/** CAT-2: prices include taxes only in Australia (GST) and Brazil. */
const TAX_INCLUDED: Record<string, string> = { AU: '1.10', BR: '1.15' };

export function currencyOf(market: string): string {
  return (CURRENCIES[market] ?? USD).code;
}

/** The demo list price of a SKU in a market, as an exact decimal string. */
export function marketPrice(usd: string, market: string): { currency: string; amount: string; taxIncluded: boolean } {
  const currency = CURRENCIES[market] ?? USD;
  const tax = TAX_INCLUDED[market];
  let amount = new Decimal(usd).mul(currency.rate);
  if (tax) amount = amount.mul(tax);
  return { currency: currency.code, amount: amount.toDecimalPlaces(currency.decimals, Decimal.ROUND_HALF_UP).toFixed(currency.decimals), taxIncluded: Boolean(tax) };
}
