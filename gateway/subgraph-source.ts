import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { noAnswerReason, serviceUnavailable } from '../shared/errors';
import { remoteTimeoutMs } from '../shared/graph-client';
import { leanRequest, leanResponse, type LeanResponse } from '../shared/lean-http';
import { forwardedHeaders, timeSubgraphFetch } from './observability';
import { fetchKey, InflightFetches, mergeable, writesAnswered } from './execution/inflight';
import { subgraphFetchesMerged } from '../shared/metrics';
import { switchedOn } from '../shared/config';

/** Consecutive failures after which a subgraph is treated as down without asking it. */
const BREAKER_THRESHOLD = 5;
/** How long an open breaker refuses at once before one request may try the subgraph again. */
const BREAKER_OPEN_MS = 5_000;
/** Mutations may run due work (`processDueWork`): they get the budget the subgraphs give due work. */
const MUTATION_TIMEOUT_FACTOR = 6;

/**
 * Fails fast on a subgraph that keeps failing: after BREAKER_THRESHOLD failures in a row it
 * opens for BREAKER_OPEN_MS; then one request tries again and closes it on success.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private trying = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** True when a request may go to the subgraph now. */
  allow(): boolean {
    if (this.failures < BREAKER_THRESHOLD) return true;
    if (this.now() < this.openUntil || this.trying) return false;
    this.trying = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.trying = false;
  }

  failed(): void {
    this.failures += 1;
    this.trying = false;
    if (this.failures >= BREAKER_THRESHOLD) this.openUntil = this.now() + BREAKER_OPEN_MS;
  }
}

/** A subgraph's answer, or why there was none (each caller sharing it makes its own error). */
type Exchange = { response: LeanResponse } | { failure: string };

/**
 * GATEWAY_INFLIGHT_DEDUPLICATION (default on; `false` or `0` off): identical subgraph queries in
 * flight are sent once and share the answer (gateway/execution/inflight.ts).
 */
export function inflightDeduplication(env: NodeJS.ProcessEnv = process.env): boolean {
  return switchedOn(env.GATEWAY_INFLIGHT_DEDUPLICATION);
}

/**
 * The gateway's fetch to one subgraph: Node's http client on keep-alive connections
 * (shared/lean-http.ts) with a timeout (SUBGRAPH_TIMEOUT_MS, mutations six times that) and a
 * circuit breaker. A subgraph that times out, refuses the connection or answers 5xx degrades
 * only the fields it owns, with a SERVICE_UNAVAILABLE error naming it. A subgraph's 400 with
 * GraphQL errors (a variable its scalars refuse) is passed on as those errors
 * (BAD_USER_INPUT), never as a gateway failure. A query identical to one in flight (same
 * document, variables and caller) waits for that one's answer instead of being sent again;
 * mutations are always sent.
 */
export function subgraphFetcher(service: string, breaker = new CircuitBreaker(), inflight = inflightDeduplication() ? new InflightFetches<Exchange>() : undefined): Fetcher {
  return async (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
    if (!breaker.allow()) throw serviceUnavailable(service, 'it failed repeatedly, retry shortly');
    const body = init.body as string | undefined;
    const mutation = typeof body === 'string' && body.startsWith('{"query":"mutation');
    const timeout = remoteTimeoutMs() * (mutation ? MUTATION_TIMEOUT_FACTOR : 1);
    const headers = forwardedHeaders(init.headers as Record<string, string> | undefined);
    const send = () => exchange(service, breaker, url, { method: init.method, headers, body }, timeout, !mutation);
    let outcome: Exchange;
    if (inflight && mergeable(body)) {
      const { result, merged } = inflight.run(fetchKey(url, headers, body), send);
      if (merged) subgraphFetchesMerged.inc({ subgraph: service });
      outcome = await result;
    } else outcome = await send();
    // A mutation answered (or failed on the way: it may have been applied): fetches after it, the
    // plan's own included, no longer join one sent before (reads after writes).
    if (mutation) writesAnswered.written();
    if ('failure' in outcome) throw serviceUnavailable(service, outcome.failure);
    const response = outcome.response;
    if (response.status === 400 && response.headers.get('content-type')?.includes('json')) {
      const text = await response.text();
      const parsed = safeJson(text);
      if (parsed && Array.isArray((parsed as { errors?: unknown }).errors)) {
        return leanResponse(url, 200, 'OK', { 'content-type': response.headers.get('content-type')! }, text) as unknown as FetcherResponse;
      }
    }
    return response as unknown as FetcherResponse;
  };
}

/** One HTTP exchange with the subgraph, timed and counted by the breaker once, however many callers share it. */
async function exchange(service: string, breaker: CircuitBreaker, url: string, init: { method?: string; headers: Record<string, string>; body?: string }, timeout: number, retryStaleConnection: boolean): Promise<Exchange> {
  const timed = timeSubgraphFetch(service);
  let response: LeanResponse;
  try {
    response = await leanRequest(url, init, timeout, { retryStaleConnection });
    timed(response.status >= 500 ? 'unavailable' : response.ok ? 'ok' : 'error');
  } catch (error) {
    timed('unavailable');
    breaker.failed();
    return { failure: noAnswerReason(error, timeout) };
  }
  if (response.status >= 500) {
    breaker.failed();
    return { failure: `it answered ${response.status}` };
  }
  breaker.succeeded();
  return { response };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
