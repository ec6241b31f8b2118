/**
 * In-flight de-duplication of subgraph fetches: a fetch identical to one already on its way (same
 * subgraph, same document and variables, same caller: the identity, secret and idempotency headers
 * and every other header that goes with it) is not sent again; it waits for that fetch and reads
 * the same answer. Only while the first is in flight: the entry goes as soon as it settles, so
 * nothing is ever cached. As in Apollo Router, Hive Router and Grafbase:
 *
 * - the key is the whole request as it would be sent (URL, headers, body), less the headers that
 *   differ per client request without changing the answer (the request id, the trace context):
 *   the caller's identity is part of it, so two callers never share an answer (ACT-2);
 * - mutations are never merged (the caller decides: `mergeable`);
 * - the answer is shared as text, so each caller parses and merges its own copy; a failure (time-out,
 *   refused connection, 5xx) is shared too, and each caller turns it into its own error;
 * - nobody cancels a fetch in flight here (each has its time-out, SUBGRAPH_TIMEOUT_MS), so one
 *   caller leaving cannot fail the others; a caller that joins late waits for the first fetch's
 *   time-out, not a fresh one.
 */
export class InflightFetches<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** Runs `fetch` unless an identical one is in flight; `merged` tells that this caller shares another's. */
  run(key: string, fetch: () => Promise<T>): { result: Promise<T>; merged: boolean } {
    const existing = this.pending.get(key);
    if (existing) return { result: existing, merged: true };
    const result = fetch().finally(() => this.pending.delete(key));
    this.pending.set(key, result);
    return { result, merged: false };
  }

  /** How many distinct fetches are in flight (for tests and diagnostics). */
  get size(): number {
    return this.pending.size;
  }
}

/** Headers that are per client request and never change a subgraph's answer. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'traceparent', 'tracestate', 'baggage']);

/** The identity of a subgraph request for merging: URL, headers (sorted, per-request ones left out) and body. */
export function fetchKey(url: string, headers: Record<string, string>, body: string): string {
  const names = Object.keys(headers)
    .filter((name) => !PER_REQUEST_HEADERS.has(name.toLowerCase()))
    .sort();
  let key = url;
  for (const name of names) key += `\n${name.toLowerCase()}: ${headers[name]}`;
  return `${key}\n\n${body}`;
}

/** Whether a subgraph request body may be merged: a query (the planner's operations start with `query` or `{`), never a mutation. */
export function mergeable(body: string | undefined): body is string {
  return typeof body === 'string' && (body.startsWith('{"query":"query') || body.startsWith('{"query":"{'));
}
