import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Writes answered by the gateway (mutations, imports), counted: an in-flight fetch or query is
 * joined only by requests of its own generation. One per process, shared by the subgraph fetches
 * and the client queries merged in flight (gateway/fast-path/inflight-operations.ts).
 */
export class WriteGenerations {
  current = 0;

  /** A write was answered (called before its answer is sent). */
  written(): void {
    this.current += 1;
  }

  /** Apollo Server's side: every request it answers that is not a query (a mutation, or one refused before its operation was known) counts as a write. */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ operation }) => {
          if (operation?.operation !== 'query') this.written();
        },
      }),
    };
  }
}

export const writesAnswered = new WriteGenerations();

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
 * - reads after writes: a fetch joins only one that started after the last write this process's
 *   gateway answered ({@link WriteGenerations}), so a client's query sent after its mutation's
 *   answer never reads a fetch sent before that mutation;
 * - nobody cancels a fetch in flight here (each has its time-out, SUBGRAPH_TIMEOUT_MS), so one
 *   caller leaving cannot fail the others; a caller that joins late waits for the first fetch's
 *   time-out, not a fresh one.
 */
export class InflightFetches<T> {
  private readonly pending = new Map<string, { generation: number; result: Promise<T> }>();

  constructor(private readonly writes: WriteGenerations = writesAnswered) {}

  /** Runs `fetch` unless an identical one of this generation is in flight; `merged` tells that this caller shares another's. */
  run(key: string, fetch: () => Promise<T>): { result: Promise<T>; merged: boolean } {
    const existing = this.pending.get(key);
    if (existing && existing.generation === this.writes.current) return { result: existing.result, merged: true };
    const entry = { generation: this.writes.current, result: undefined as unknown as Promise<T> };
    entry.result = fetch().finally(() => {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    });
    this.pending.set(key, entry);
    return { result: entry.result, merged: false };
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
