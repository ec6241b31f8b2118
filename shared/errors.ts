import { GraphQLError } from 'graphql';

/** Top-level error codes (API.md "Errors"). */
export type TopLevelCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  /** Retryable: a subgraph or the database cannot answer now (the error names the service). */
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export function topLevelError(code: TopLevelCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const make = () => new GraphQLError(message, { extensions: { code, ...extra } });
  // An answer to the caller, never a fault of ours: no stack (answers never carry one, and
  // capturing it cost more than the rest of a refused request). A fault keeps its stack for the log.
  return code === 'INTERNAL_SERVER_ERROR' ? make() : withoutStackTrace(make);
}

/**
 * `make()` with no stack captured by the errors it creates (`Error.stackTraceLimit` 0 while it
 * runs, restored after): for errors that are answers, never logged as faults.
 */
export function withoutStackTrace<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A service of the graph that cannot answer now (retryable): SERVICE_UNAVAILABLE, naming it. */
export function serviceUnavailable(service: string, reason: string, extra: Record<string, unknown> = {}): GraphQLError {
  return topLevelError('SERVICE_UNAVAILABLE', `Service "${service}" is unavailable: ${reason}`, { serviceName: service, ...extra });
}

/** Why a call to another service got no answer: its deadline passed, or the connection failed. */
export function noAnswerReason(error: unknown, timeoutMs: number): string {
  return (error as Error)?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'connection failed';
}

export const unauthenticated = (message = 'Authentication required') => topLevelError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed for this role or partner type') => topLevelError('FORBIDDEN', message);
/** ACT-2: objects of another tenant are reported as not found, never as forbidden. */
export const notFound = (type: string, id: string) => topLevelError('NOT_FOUND', `${type} ${id} not found`, { type, id });
export const badInput = (message: string, field?: string[]) => topLevelError('BAD_USER_INPUT', message, field ? { field } : {});
export const conflict = (message: string) => topLevelError('CONFLICT', message);

/** Business error codes returned in mutation payloads (API.md `ErrorCode`). */
export const ERROR_CODES = [
  'NO_RELATIONSHIP',
  'REGION_MISMATCH',
  'CUSTOMER_AGREEMENT_REQUIRED',
  'OFFER_NOT_AVAILABLE',
  'OFFER_END_OF_SALE',
  'ONE_PER_CUSTOMER',
  'LICENSE_CAP_EXCEEDED',
  'ADDON_PREREQUISITE_MISSING',
  'ADDON_LIMIT_EXCEEDED',
  'ADDON_MINIMUM_NOT_MET',
  'ATTESTATION_REQUIRED',
  'RESELLER_REQUIRED',
  'INVALID_RESELLER',
  'TOO_MANY_RESELLERS',
  'SUBSCRIPTION_LIMIT_REACHED',
  'REDUCTION_WINDOW_CLOSED',
  'CANCELLATION_WINDOW_CLOSED',
  'NOT_CANCELLABLE',
  'UPDATE_LIMIT_REACHED',
  'INVALID_STATE',
  'UPGRADE_NOT_ELIGIBLE',
  'TARGET_SUBSCRIPTION_INVALID',
  'BELOW_MINIMUM',
  'TRIAL_LOCKED',
  'TRIAL_MINIMUM',
  'AUTORENEW_REQUIRED',
  'EA_NOT_ELIGIBLE',
  'EA_ALREADY_SCHEDULED',
  'EA_NOT_AVAILABLE_IN_CSP',
  'RELATIONSHIP_REQUEST_INVALID',
  'TRANSFER_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'ACTIVE_SUBSCRIPTIONS_EXIST',
  'DOMAIN_IN_USE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A business rule refused the operation. Services throw it; the mutation wrapper rolls the
 * transaction back and returns it in the payload's `errors` (API.md payload convention).
 */
export class BusinessRuleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly rule?: string,
    readonly field?: string[],
  ) {
    super(message);
  }
}

/**
 * Several business rules refused the operation at once (ORD-1: checkout reports every
 * violation, not only the first). It is the first refusal, carrying all of them in `all`.
 */
export class BusinessRuleErrors extends BusinessRuleError {
  constructor(readonly all: readonly BusinessRuleError[]) {
    super(all[0].code, all[0].message, all[0].rule, all[0].field);
  }
}

/** Throws a {@link BusinessRuleError} unless `condition` holds. */
export function ensure(condition: unknown, code: ErrorCode, message: string, rule?: string, field?: string[]): asserts condition {
  if (!condition) throw new BusinessRuleError(code, message, rule, field);
}
