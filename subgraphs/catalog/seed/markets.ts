import Decimal from 'decimal.js';
import { formatMoney } from '../../../shared/money';
import { COUNTRY_REGION } from '../../../shared/regions';

/** Every market the programme sells to: the countries of the region table (REL-3). */
export const ALL_MARKETS: readonly string[] = [...COUNTRY_REGION.keys()].sort();

/**
 * CAT-8: seed 003, "Mercati in cui le prenotazioni di Azure non sono disponibili", as data:
 * every market the seed names with its ISO code. Saba, Bonaire and Sint Eustatius share BQ;
 * Jan Mayen and Svalbard share SJ; Kosovo uses the user-assigned XK.
 */
export const RESERVATION_EXCLUDED_MARKET_NAMES: readonly (readonly [name: string, code: string])[] = [
  ['Isole Åland', 'AX'], ['Groenlandia', 'GL'], ['Papua Nuova Guinea', 'PG'],
  ['Samoa americane', 'AS'], ['Grenada', 'GD'], ['Isole Pitcairn', 'PN'],
  ['Andorra', 'AD'], ['Guadalupa', 'GP'], ['Riunione', 'RE'],
  ['Anguilla', 'AI'], ['Guam', 'GU'], ['Saba', 'BQ'],
  ['Antartide', 'AQ'], ['Guernsey', 'GG'], ['Saint Barthélemy', 'BL'],
  ['Antigua e Barbuda', 'AG'], ['Guinea', 'GN'], ['Saint Lucia', 'LC'],
  ['Aruba', 'AW'], ['Guinea-Bissau', 'GW'], ['Saint Martin', 'MF'],
  ['Azerbaigian', 'AZ'], ['Guyana', 'GY'], ['Saint Pierre e Miquelon', 'PM'],
  ['Benin', 'BJ'], ['Haiti', 'HT'], ['Saint Vincent e Grenadine', 'VC'],
  ['Bhutan', 'BT'], ['Heard e McDonald', 'HM'], ['Samoa', 'WS'],
  ['Bonaire', 'BQ'], ['Isola di Man', 'IM'], ['San Marino', 'SM'],
  ['Isola Bouvet', 'BV'], ['Jan Mayen', 'SJ'], ['São Tomé e Príncipe', 'ST'],
  ["Territorio britannico dell'Oceano Indiano", 'IO'], ['Jersey', 'JE'], ['Seychelles', 'SC'],
  ['Isole Vergini Britanniche', 'VG'], ['Kiribati', 'KI'], ['Sierra Leone', 'SL'],
  ['Burkina Faso', 'BF'], ['Kosovo', 'XK'], ['Sint Eustatius', 'BQ'],
  ['Burundi', 'BI'], ['Laos', 'LA'], ['Sint Maarten', 'SX'],
  ['Cambogia', 'KH'], ['Lesotho', 'LS'], ['Isole Salomone', 'SB'],
  ['Repubblica Centrafricana', 'CF'], ['Liberia', 'LR'], ['Somalia', 'SO'],
  ['Ciad', 'TD'], ['Madagascar', 'MG'], ['Georgia del Sud e Isole Sandwich Australi', 'GS'],
  ['Cina', 'CN'], ['Malawi', 'MW'], ['Sud Sudan', 'SS'],
  ['Isola Christmas', 'CX'], ['Maldive', 'MV'], ['Sant’Elena, Ascensione, Tristan da Cunha', 'SH'],
  ['Isole Cocos (Keeling)', 'CC'], ['Mali', 'ML'], ['Suriname', 'SR'],
  ['Comore', 'KM'], ['Isole Marshall', 'MH'], ['Svalbard', 'SJ'],
  ['Congo', 'CG'], ['Martinica', 'MQ'], ['Swaziland', 'SZ'],
  ['Congo (RDC)', 'CD'], ['Mauritania', 'MR'], ['Timor Leste', 'TL'],
  ['Isole Cook', 'CK'], ['Mayotte', 'YT'], ['Togo', 'TG'],
  ['Gibuti', 'DJ'], ['Micronesia', 'FM'], ['Tokelau', 'TK'],
  ['Dominica', 'DM'], ['Montserrat', 'MS'], ['Tonga', 'TO'],
  ['Guinea Equatoriale', 'GQ'], ['Mozambico', 'MZ'], ['Isole Turks e Caicos', 'TC'],
  ['Eritrea', 'ER'], ['Myanmar', 'MM'], ['Tuvalu', 'TV'],
  ['Isole Falkland', 'FK'], ['Nauru', 'NR'], ['Stati Uniti Altre isole americane del Pacifico', 'UM'],
  ['Guyana francese', 'GF'], ['Nuova Caledonia', 'NC'], ['Vanuatu', 'VU'],
  ['Polinesia Francese', 'PF'], ['Niger', 'NE'], ['Città del Vaticano', 'VA'],
  ['Terre australi francesi', 'TF'], ['Niue', 'NU'], ['Wallis e Futuna', 'WF'],
  ['Gabon', 'GA'], ['Isola Norfolk', 'NF'], ['Yemen', 'YE'],
  ['Gambia', 'GM'], ['Isole Marianne settentrionali', 'MP'],
  ['Gibilterra', 'GI'], ['Palau', 'PW'],
];

/** CAT-8: the ISO codes of {@link RESERVATION_EXCLUDED_MARKET_NAMES}, without repeats. */
export const RESERVATION_EXCLUDED_MARKETS: readonly string[] = [...new Set(RESERVATION_EXCLUDED_MARKET_NAMES.map(([, code]) => code))];

interface Currency {
  code: string;
  /** Units of this currency per US dollar, for the demo price list. */
  rate: string;
}

const EUR: Currency = { code: 'EUR', rate: '0.92' };
const CURRENCIES: Record<string, Currency> = {
  ...Object.fromEntries(
    'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK AD MC SM VA ME XK AX GP MQ GF RE YT BL MF PM'
      .split(' ')
      .map((c) => [c, EUR]),
  ),
  ...Object.fromEntries('GB GG JE IM'.split(' ').map((c) => [c, { code: 'GBP', rate: '0.79' }])),
  ...Object.fromEntries('CH LI'.split(' ').map((c) => [c, { code: 'CHF', rate: '0.88' }])),
  ...Object.fromEntries('DK FO GL'.split(' ').map((c) => [c, { code: 'DKK', rate: '6.90' }])),
  SE: { code: 'SEK', rate: '10.50' },
  NO: { code: 'NOK', rate: '10.70' },
  PL: { code: 'PLN', rate: '4.00' },
  CZ: { code: 'CZK', rate: '23.00' },
  HU: { code: 'HUF', rate: '360' },
  RO: { code: 'RON', rate: '4.60' },
  BG: { code: 'BGN', rate: '1.80' },
  IS: { code: 'ISK', rate: '138' },
  JP: { code: 'JPY', rate: '150' },
  AU: { code: 'AUD', rate: '1.55' },
  NZ: { code: 'NZD', rate: '1.65' },
  BR: { code: 'BRL', rate: '5.40' },
  CA: { code: 'CAD', rate: '1.37' },
  IN: { code: 'INR', rate: '83' },
};
const USD: Currency = { code: 'USD', rate: '1' };

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
  return { currency: currency.code, amount: formatMoney(amount, currency.code), taxIncluded: Boolean(tax) };
}
