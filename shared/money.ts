import Decimal from 'decimal.js';

/** What a ledger has charged net: its charges less its refunds and credits (amounts are stored positive). */
export function netCharged(entries: readonly { kind: string; amountValue: string }[]): Decimal {
  return entries.reduce((sum, e) => (e.kind === 'CHARGE' ? sum.plus(e.amountValue) : sum.minus(e.amountValue)), new Decimal(0));
}

/**
 * ISO 4217 minor-unit digits of the currencies that do not use two (API.md `Money`: an exact
 * decimal string, never a float). Every amount a partner sees — prices, ledger lines, refunds —
 * is written with its currency's digits: "12.88" EUR, "1500" JPY.
 */
const NON_TWO_DIGIT: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, HUF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** Minor-unit digits of a currency (2 unless the table says otherwise). */
export function currencyDigits(currency: string): number {
  return NON_TWO_DIGIT[currency.trim().toUpperCase()] ?? 2;
}

/** An exact amount rounded half-up to the currency's digits, as the decimal string partners see. */
export function formatMoney(amount: Decimal.Value, currency: string): string {
  const digits = currencyDigits(currency);
  return new Decimal(amount).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits);
}
