import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { logError } from '../log';

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'DOCUMENT_NOT_TRUSTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
]);

/**
 * The database cannot serve the request now (retryable): no pooled connection within the
 * acquire timeout, a statement or idle transaction cut by its timeout, a connection lost or
 * refused while PostgreSQL restarts. Never a client's fault, never a bug: SERVICE_UNAVAILABLE.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '25P03', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = [/timeout exceeded when trying to connect/i, /connection terminated/i, /Client has encountered a connection error/i];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 4; current = current.cause as typeof current, depth++) {
    const code = typeof current.code === 'string' ? current.code : undefined;
    if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NETWORK.has(code))) return true;
    if (typeof current.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(current!.message as string))) return true;
  }
  return false;
}

/** Maps ORM errors to API codes: lost optimistic lock or unique race → CONFLICT (SUB-11). */
function codeOf(original: unknown): string | undefined {
  const name = (original as { constructor?: { name?: string } })?.constructor?.name ?? '';
  if (name === 'OptimisticLockError' || name === 'UniqueConstraintViolationException' || name === 'DeadlockException') return 'CONFLICT';
  if (name === 'NotFoundError') return 'NOT_FOUND';
  const pgCode = (original as { code?: string })?.code;
  if (pgCode === '40001' || pgCode === '40P01' || pgCode === '23505') return 'CONFLICT';
  return undefined;
}

/**
 * Keeps only what a client should see: known codes with their messages; anything else
 * becomes INTERNAL_SERVER_ERROR with a generic message (logged here, never sent).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  if (PUBLIC_CODES.has(code) || (code === 'INTERNAL_SERVER_ERROR' && formatted.message === 'Internal server error')) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const original = unwrapResolverError(error);
  const mapped = codeOf(original);
  if (mapped === 'CONFLICT') return { message: 'Concurrent update: retry with fresh data', path: formatted.path, extensions: { code: 'CONFLICT' } };
  if (mapped === 'NOT_FOUND') return { message: 'Not found', path: formatted.path, extensions: { code: 'NOT_FOUND' } };
  if (isDatabaseUnavailable(original)) return { message: 'Service temporarily unavailable: retry shortly', path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  logError('internal error', original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
