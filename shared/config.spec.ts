import { numberSetting, switchedOn } from './config';

describe('settings read from the environment', () => {
  it('a number setting takes a number above zero, else its default', () => {
    expect(numberSetting('2500', 10)).toBe(2500);
    expect(numberSetting(' 1.5 ', 10)).toBe(1.5);
    for (const value of [undefined, '', '  ', 'abc', '0', '-3', 'Infinity']) expect(numberSetting(value, 10)).toBe(10);
  });

  it('a whole number setting refuses fractions; one that may be zero takes zero', () => {
    expect(numberSetting('1.5', 7, { whole: true })).toBe(7);
    expect(numberSetting('8', 7, { whole: true })).toBe(8);
    expect(numberSetting('0', 7, { zero: true })).toBe(0);
    expect(numberSetting('0', 7, { whole: true, zero: true })).toBe(0);
    expect(numberSetting('', 7, { zero: true })).toBe(7);
    expect(numberSetting('-1', 7, { zero: true })).toBe(7);
  });

  it('a default-on switch is off only for false or 0', () => {
    expect(switchedOn(undefined)).toBe(true);
    expect(switchedOn('yes')).toBe(true);
    expect(switchedOn(' FALSE ')).toBe(false);
    expect(switchedOn('0')).toBe(false);
  });
});
