import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';

/** Ids and values the stack really holds, so generated calls also reach deep into resolvers. */
export interface KnownValues {
  ids: string[];
  markets: string[];
}

/** Strings an attacker or a careless client sends: control characters, broken Unicode, injection, huge. */
const hostileString = fc.constantFrom(
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'line\nbreak',
  'tab\there',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\ud800',
  'x\udc00y',
  '😀',
  "' or 1=1 --",
  '%_\\',
  '"; drop table customers.customer; --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  'x'.repeat(10_000),
  'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  '1e309',
  'NaN',
  'null',
  '-1',
);

const dateTimeString = fc.oneof(
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+25:00',
    '2026-13-01T00:00:00Z',
    '2027-01-01T00:00:00.123456789Z',
    '+275760-09-13T00:00:00Z',
  ),
);

const dateString = fc.oneof(
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '0000-01-01', '2026-1-1', '2026-01-01T00:00:00Z', '99999-01-01'),
);

const int = fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(0, 1, 100, 101, 1000, 2_147_483_647, -2_147_483_648), fc.integer());
const outOfRangeNumber = fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e20, 0.5, -0.0);

function stringOf(known: KnownValues, name: string) {
  const realistic = /market|country/i.test(name)
    ? fc.oneof(fc.constantFrom(...known.markets), fc.stringMatching(/^[A-Z]{2}$/))
    : /duration/i.test(name)
      ? fc.constantFrom('P1M', 'P1Y', 'P3Y', 'P1D', 'P30D', 'P2D', 'P180D', 'PT1H', 'P0D', 'P-1M', 'P99999Y')
      : /email/i.test(name)
        ? fc.emailAddress()
        : /url/i.test(name)
          ? fc.oneof(fc.webUrl(), fc.constantFrom('http://127.0.0.1:1/hook', 'http://169.254.169.254/latest', 'file:///etc/passwd'))
          : /domain/i.test(name)
            ? fc.domain()
            : /partnerId$/i.test(name)
              ? fc.stringMatching(/^\d{6,10}$/)
              : fc.string({ maxLength: 40 });
  return fc.oneof({ weight: 3, arbitrary: realistic }, { weight: 2, arbitrary: fc.constantFrom(...known.ids) }, { weight: 2, arbitrary: hostileString });
}

/** A JSON value for a GraphQL input type: mostly well-typed, sometimes wrong, null or missing. */
export function valueFor(type: GraphQLInputType, known: KnownValues, name: string, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom<unknown>(null, 'not-a-value', 12, true, [], {});
  if (isNonNullType(type)) return fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, known, name, depth) }, { weight: 1, arbitrary: wrong });
  const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) return nullable(fc.array(valueFor(type.ofType, known, name, depth + 1), { maxLength: depth > 1 ? 1 : 3 }));
  if (isEnumType(type)) return nullable(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: hostileString }));
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(type.getFields());
    const record = fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, known, field.name, depth + 1)])), {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    });
    return nullable(fc.oneof({ weight: 19, arbitrary: record }, { weight: 1, arbitrary: record.map((value) => ({ ...value, unexpectedField: 1 })) }));
  }
  if (isScalarType(type)) {
    const scalar = getNamedType(type).name;
    const base =
      scalar === 'Int'
        ? fc.oneof({ weight: 9, arbitrary: int }, { weight: 1, arbitrary: outOfRangeNumber })
        : scalar === 'Float'
          ? fc.double({ noNaN: true, noDefaultInfinity: true })
          : scalar === 'Boolean'
            ? fc.boolean()
            : scalar === 'DateTime'
              ? fc.oneof({ weight: 9, arbitrary: dateTimeString }, { weight: 1, arbitrary: hostileString })
              : scalar === 'Date'
                ? fc.oneof({ weight: 9, arbitrary: dateString }, { weight: 1, arbitrary: hostileString })
                : stringOf(known, name);
    return nullable(fc.oneof({ weight: 19, arbitrary: base as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: wrong }));
  }
  return fc.constant(null);
}

/** Variables for every argument of a field; optional ones are sometimes left out. */
export function argumentsFor(args: readonly GraphQLArgument[], known: KnownValues): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.type, known, arg.name)])), {
    requiredKeys: args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name),
  });
}
