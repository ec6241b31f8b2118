import { Kind } from 'graphql';
import { DateScalar, DateTimeScalar, parseInstant } from './scalars';

describe('DateTime and Date scalars: real dates from 1900 to 9999 only', () => {
  it.each(['2027-01-31T00:00:00Z', '2027-01-31T00:00:00.123Z', '2028-02-29T23:59:59Z', '1900-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2027-01-31T02:00:00+02:00'])(
    'accepts %s',
    (value) => {
      expect(DateTimeScalar.parseValue(value)).toBeInstanceOf(Date);
    },
  );

  it.each([
    '2027-02-29T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '1900-01-01T00:30:00+01:00',
    '+010000-01-01T00:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01',
    '',
    'yesterday',
  ])('refuses %s as BAD_USER_INPUT', (value) => {
    expect(parseInstant(value)).toBeNull();
    expect(() => DateTimeScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });

  it('refuses non-strings, as values and as literals', () => {
    for (const value of [0, 1e309, null, {}, new Date()]) expect(() => DateTimeScalar.parseValue(value)).toThrow(/DateTime must be/);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.FLOAT, value: '1e309' })).toThrow(/DateTime must be/);
  });

  it('never serializes an invalid date as a string', () => {
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow();
    expect(DateTimeScalar.serialize(new Date('2027-01-31T00:00:00Z'))).toBe('2027-01-31T00:00:00.000Z');
  });

  it('Date accepts real calendar days only', () => {
    expect(DateScalar.parseValue('2028-02-29')).toBe('2028-02-29');
    for (const value of ['2027-02-29', '2026-02-30', '0000-01-01', '1899-12-31', '2026-1-1', '2026-01-01T00:00:00Z', 20260101]) {
      expect(() => DateScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    }
  });
});
