import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import Negotiator from 'negotiator';

/**
 * What Apollo Server 5.5 makes of an executor's result for a single POST request: the formatted
 * errors, the status, the headers (`cache-control` from its cache-control plugin, `content-type`
 * from the request's Accept) and the body text. Each function names the part of
 * `@apollo/server` it answers like; test/foundation/fast-path.e2e-spec.ts compares the bytes.
 */

/** Apollo's MEDIA_TYPES for a single result, in the order it offers them (ApolloServer.ts). */
const SINGLE_RESULT_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];
const DEFAULT_TYPE = SINGLE_RESULT_TYPES[0];

/** Accept headers seen, with Apollo's choice for each (clients send few distinct ones). */
const negotiated = new Map<string, string | null>();
const MAX_NEGOTIATED = 256;

/**
 * The content type Apollo chooses for a single result (`chooseContentTypeForSingleResultResponse`):
 * JSON without an Accept header, else the negotiated type; null when the client accepts neither
 * (Apollo answers 406).
 */
export function singleResultContentType(accept: string | undefined): string | null {
  if (!accept) return DEFAULT_TYPE;
  let type = negotiated.get(accept);
  if (type === undefined) {
    type = new Negotiator({ headers: { accept } }).mediaType(SINGLE_RESULT_TYPES) ?? null;
    if (negotiated.size < MAX_NEGOTIATED) negotiated.set(accept, type);
  }
  return type;
}

/** The status and headers errors ask for (`extensions.http`), as Apollo merges them. */
export interface ErrorHead {
  status?: number;
  headers: Map<string, string>;
}

/** `ensureGraphQLError` of Apollo's errorNormalize.ts. */
export function asGraphQLError(error: unknown): GraphQLError {
  if (!(error instanceof Error)) return new GraphQLError('Unexpected error value: ' + String(error));
  return error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
}

/**
 * Apollo's `normalizeAndFormatErrors` without stack traces: each error's extensions get a code
 * (INTERNAL_SERVER_ERROR when it has none), its `extensions.http` goes into the response head, and
 * `formatError` decides what the client sees (a formatter that throws gives a bare internal error).
 */
export function formatErrors(
  errors: readonly unknown[],
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): { formatted: GraphQLFormattedError[]; head: ErrorHead } {
  const head: ErrorHead = { headers: new Map() };
  const enrich = (maybeError: unknown): GraphQLFormattedError => {
    const error = asGraphQLError(maybeError);
    const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
    const http = extensions.http as { status?: unknown; headers?: unknown } | undefined;
    if (http && typeof http === 'object' && (!('status' in http) || typeof http.status === 'number') && (!('headers' in http) || http.headers instanceof Map)) {
      if (http.status) head.status = http.status as number;
      for (const [name, value] of (http.headers as Map<string, string> | undefined) ?? []) head.headers.set(name.toLowerCase(), value);
      delete extensions.http;
    }
    return { ...error.toJSON(), extensions };
  };
  const formatted = errors.map((error) => {
    try {
      return formatError(enrich(error), error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
  return { formatted, head };
}

/** Apollo's cache policy of a request (cachePolicy.ts): the subgraphs' hints restrict it. */
export class CachePolicy {
  maxAge: number | undefined;
  scope: string | undefined;

  restrict(hint: { maxAge?: number; scope?: string }): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }

  replace(hint: { maxAge?: number; scope?: string }): void {
    if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined) this.scope = hint.scope;
  }

  policyIfCacheable(): { maxAge: number; scope: string } | null {
    if (this.maxAge === undefined || this.maxAge === 0) return null;
    return { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' };
  }
}

const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/**
 * The `cache-control` header Apollo's cache-control plugin (installed by default) leaves in
 * `headers` at `willSendResponse`: the request's policy when cacheable and error-free, else
 * `no-store`; a header an error set that it cannot parse stays as it is.
 */
export function applyCacheControl(headers: Map<string, string>, policy: CachePolicy, hasErrors: boolean): void {
  const existing = headers.get('cache-control');
  const match = existing ? CACHEABLE_HEADER.exec(existing) : null;
  if (existing && existing !== 'no-store' && !match) return;
  const effective = new CachePolicy();
  effective.replace(policy);
  if (match) effective.restrict({ maxAge: Number(match[1]), scope: match[2].toUpperCase() });
  const cacheable = effective.policyIfCacheable();
  if (cacheable && existing !== 'no-store' && !hasErrors) headers.set('cache-control', `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}`);
  else headers.set('cache-control', 'no-store');
}

/** The body Apollo writes for a single result (`prettyJSONStringify` of errors, data, extensions in that order). */
export function resultText(errors: readonly GraphQLFormattedError[] | undefined, data: unknown, extensions: unknown): string {
  return JSON.stringify({ errors, data, extensions }) + '\n';
}

/** What the executor gave: its result, or the error it threw. */
export type Execution = { result: { data?: unknown; errors?: readonly unknown[]; extensions?: unknown } } | { thrown: GraphQLError };

/** The response Apollo Server sends for one executed POST request. */
export interface Answer {
  status: number;
  /** In the order Apollo sets them (errors' headers, cache-control, content-type). */
  headers: Map<string, string>;
  text: string;
  /** The formatted errors and the data, as Apollo's `willSendResponse` hooks see them. */
  errors: GraphQLFormattedError[] | undefined;
  data: unknown;
}

/**
 * Apollo Server's answer to an executed request (requestPipeline.ts after `execute`, or
 * `sendErrorResponse` when the executor threw; runHttpQuery.ts; the cache-control plugin),
 * given the request's cache policy and negotiated content type.
 */
export function answerOf(
  execution: Execution,
  policy: CachePolicy,
  contentType: string,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): Answer {
  const thrown = 'thrown' in execution;
  const result = thrown ? { errors: [execution.thrown] } : execution.result;
  let errors: GraphQLFormattedError[] | undefined;
  let head: ErrorHead = { headers: new Map() };
  if (result.errors) ({ formatted: errors, head } = formatErrors(result.errors, formatError));
  let status = head.status;
  if (thrown) status ||= 500;
  // Apollo's status400ForVariableCoercionErrors (on by default in Apollo Server 5).
  else if (result.errors?.length && result.data === undefined && !status) status = 400;
  const headers = head.headers;
  applyCacheControl(headers, policy, errors !== undefined);
  if (!headers.get('content-type')) headers.set('content-type', contentType);
  const data = thrown ? undefined : result.data;
  return { status: status ?? 200, headers, text: resultText(errors, data, thrown ? undefined : result.extensions), errors, data };
}
