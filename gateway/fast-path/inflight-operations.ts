import { Counter } from 'prom-client';
import { registry } from '../../shared/metrics';
import { InflightFetches } from '../execution/inflight';
import { switchedOn } from '../../shared/config';

/**
 * GATEWAY_OPERATION_DEDUPLICATION (default on; `false` or `0` off): identical queries in flight
 * are executed once (gateway/fast-path/inflight-operations.ts).
 */
export function operationDeduplicationEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return switchedOn(env.GATEWAY_OPERATION_DEDUPLICATION);
}

export const operationsMerged = new Counter({
  name: 'gateway_operations_merged_total',
  help: 'Client queries answered by an identical query already executing (same document, operation, variables, answer type and forwarded identity), without an execution of their own.',
  registers: [registry],
});

/**
 * In-flight de-duplication of whole client queries, one step before the subgraph fetches'
 * (gateway/execution/inflight.ts): a query identical to one the gateway is executing — same
 * text, operation name, variables and extensions, the same answer type, and the same headers
 * forwarded to the subgraphs (the caller's identity, secret and idempotency key: every subgraph
 * fetch it would make is the one the first makes, which that level would merge) — waits for
 * that execution and is answered with the same bytes. Only while the first is executing:
 * nothing is kept once it is answered.
 *
 * Reads after writes: a write the gateway answered (a mutation, a price-list import) starts a
 * new generation (gateway/execution/inflight.ts: `WriteGenerations`, shared with the subgraph
 * fetches), and a query joins only an execution of the current generation. So a client that
 * sends a query after its write's answer never reads the answer of a query, or of a subgraph
 * fetch, that started before it; at worst it executes once more.
 */
export class InflightOperations<T> extends InflightFetches<T> {
  /** Runs `execute` unless an identical query of this generation is executing; `merged` tells that this caller shares its answer. */
  override run(key: string, execute: () => Promise<T>): { result: Promise<T>; merged: boolean } {
    const run = super.run(key, execute);
    if (run.merged) operationsMerged.inc();
    return run;
  }
}

/** The identity of a client query for merging: every part of the request that reaches its execution or its answer. */
export function operationKey(parts: { query: string; operationName: string | undefined; variables: unknown; extensions: unknown; contentType: string; forwarded: Record<string, string> }): string {
  const forwarded = Object.keys(parts.forwarded)
    .sort()
    .map((name) => `${name.toLowerCase()}: ${parts.forwarded[name]}`)
    .join('\n');
  return `${parts.contentType}\n${forwarded}\n${parts.operationName ?? ''}\n${JSON.stringify(parts.variables ?? null)}\n${JSON.stringify(parts.extensions ?? null)}\n\n${parts.query}`;
}
