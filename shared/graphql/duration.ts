import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors';

/**
 * `Duration` (API.md): an ISO 8601 duration of whole years, months, weeks, days and hours
 * (`P30D`, `P6M`, `P1Y`, `PT12H`), as a dashboard window's length. Kept as the client wrote
 * it; {@link addDuration} applies it to the business clock.
 */
const DURATION = /^P(?:(\d{1,2})Y)?(?:(\d{1,3})M)?(?:(\d{1,3})W)?(?:(\d{1,4})D)?(?:T(?:(\d{1,5})H)?)?$/;

/** The longest window accepted: longer ones would only scan whole histories. */
const MAX_DAYS = 3700;

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
}

/** The parts of a duration, or null when it is not one the API accepts. */
export function parseDuration(value: unknown): DurationParts | null {
  if (typeof value !== 'string' || value === 'P' || value.endsWith('T')) return null;
  const match = DURATION.exec(value);
  if (!match) return null;
  const [years, months, weeks, days, hours] = match.slice(1).map((part) => Number(part ?? 0));
  const approxDays = years * 366 + months * 31 + weeks * 7 + days + hours / 24;
  return approxDays <= MAX_DAYS ? { years, months, weeks, days, hours } : null;
}

function parse(value: unknown): string {
  if (!parseDuration(value)) {
    throw badInput(`Duration must be an ISO 8601 duration of years, months, weeks, days or hours (e.g. P30D, P6M, PT48H), at most ${MAX_DAYS} days`);
  }
  return value as string;
}

export const DurationScalar = new GraphQLScalarType({
  name: 'Duration',
  description: 'ISO 8601 duration (P30D, P6M, P1Y, PT48H)',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** `at` moved forward by `duration`, in UTC calendar arithmetic (months clamp to the month's last day). */
export function addDuration(at: Date, duration: string): Date {
  const parts = parseDuration(duration);
  if (!parts) throw new Error(`invalid duration ${duration}`);
  const months = parts.years * 12 + parts.months;
  const target = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    target.getUTCFullYear(),
    target.getUTCMonth(),
    Math.min(at.getUTCDate(), lastDay),
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
    at.getUTCMilliseconds(),
  );
  return new Date(shifted + ((parts.weeks * 7 + parts.days) * 24 + parts.hours) * 60 * 60 * 1000);
}
