import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors';

/**
 * Dates the API accepts: real calendar dates from 1900 to 9999. Anything outside would pass
 * JavaScript's lenient parser (which rolls 2026-02-30 over into March) and fail later in
 * PostgreSQL or in serialization, so it is refused here as BAD_USER_INPUT.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
const MIN_INSTANT = Date.UTC(MIN_YEAR, 0, 1);
const MAX_INSTANT = Date.UTC(MAX_YEAR, 11, 31, 23, 59, 59, 999);

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an ISO 8601 date-time with a zone (`Z` or `±hh:mm`); null unless it is a real instant in range. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const zone = match[8];
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return null;
  const at = Date.parse(value);
  return Number.isFinite(at) && at >= MIN_INSTANT && at <= MAX_INSTANT ? new Date(at) : null;
}

function parseDateTime(value: unknown): Date {
  const at = parseInstant(value);
  if (!at) throw badInput(`DateTime must be an ISO 8601 date-time with a zone (e.g. 2027-01-31T00:00:00Z), a real date between ${MIN_YEAR} and ${MAX_YEAR}`);
  return at;
}

function serializeDateTime(value: unknown): string {
  const at = value instanceof Date ? value : new Date(value as string);
  if (Number.isNaN(at.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
  return at.toISOString();
}

/** `DateTime`: ISO 8601 in UTC (API.md). */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 date-time, UTC',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDate(value: unknown): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match || !isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw badInput(`Date must be a real calendar day YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  return value as string;
}

/** `Date`: a calendar day, `YYYY-MM-DD`. Values are kept as strings. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
