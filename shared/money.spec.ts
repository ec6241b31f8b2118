import { currencyDigits, formatMoney } from './money';

describe('money (API.md Money)', () => {
  it('formats exact amounts to the currency digits, half up, never through a float', () => {
    expect(formatMoney('3312.0000', 'EUR')).toBe('3312.00');
    expect(formatMoney('12.885', 'EUR')).toBe('12.89');
    expect(formatMoney('1500.5', 'JPY')).toBe('1501');
    expect(formatMoney('1.2345', 'KWD')).toBe('1.235');
    expect(formatMoney('0.1', 'USD')).toBe('0.10');
    expect(currencyDigits('eur ')).toBe(2);
  });
});
