import { trustedManifest } from './trusted-documents';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process, served on GET /metrics. The gateway and each subgraph
 * label their series with `service`, so a process running several of them (the in-process
 * stack of `npm start` and the tests) still has one series per service.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const requestsTotal = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL requests served, by service, operation name and outcome (ok, partial, failed, refused).',
  labelNames: ['service', 'operation', 'outcome'] as const,
  registers: [registry],
});

export const errorsTotal = new Counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors returned, by service and error code (extensions.code).',
  labelNames: ['service', 'code'] as const,
  registers: [registry],
});

export const requestDuration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Time to answer a GraphQL request, by service and operation name.',
  labelNames: ['service', 'operation'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'gateway_subgraph_fetch_duration_seconds',
  help: 'Time the gateway waits for one subgraph fetch, by subgraph and outcome (ok, error, unavailable).',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const subgraphFetchesMerged = new Counter({
  name: 'gateway_subgraph_fetches_merged_total',
  help: 'Subgraph fetches the gateway did not send because an identical one (same subgraph, document, variables and caller) was in flight: they shared its answer.',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});

export const entityCacheLookups = new Counter({
  name: 'gateway_entity_cache_lookups_total',
  help: "Entities of a subgraph's `_entities` fetches the gateway looked up in its entity cache, by subgraph and outcome (hit: not asked of the subgraph; miss).",
  labelNames: ['subgraph', 'outcome'] as const,
  registers: [registry],
});

export const entityCacheInvalidations = new Counter({
  name: 'gateway_entity_cache_invalidations_total',
  help: "Times the gateway emptied its entity cache of a subgraph, by reason (change: the subgraph's change feed moved; write: a mutation or import went through this gateway; disconnected: the feed was lost).",
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
});

export const peerAnswerCacheLookups = new Counter({
  name: 'peer_answer_cache_lookups_total',
  help: "A subgraph's calls to a peer (the catalog) looked up among the answers it keeps, by peer and outcome (hit: not sent; miss).",
  labelNames: ['subgraph', 'outcome'] as const,
  registers: [registry],
});

export const peerAnswerCacheInvalidations = new Counter({
  name: 'peer_answer_cache_invalidations_total',
  help: "Times a subgraph emptied the answers it keeps of a peer, by peer and reason (change: the peer's change feed moved; disconnected: the feed was lost).",
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
});

export const changesRefusedInFlight = new Counter({
  name: 'subscription_changes_refused_in_flight_total',
  help: 'Changes of a subscription answered CONFLICT because another change of it was in flight in the same process (SUB-11), before any statement ran, by change.',
  labelNames: ['change'] as const,
  registers: [registry],
});

/** Read on scrape from the queue of each due-work job runner (pg-boss) of this process. */
export const jobQueueDepth = new Gauge({
  name: 'job_queue_depth',
  help: 'Jobs waiting in a due-work queue (pg-boss), read when scraped.',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    for (const [queue, read] of queueDepthReaders) {
      try {
        this.set({ queue }, await read());
      } catch {
        // A queue that cannot be read now is left at its last value.
      }
    }
  },
});

const queueDepthReaders = new Map<string, () => Promise<number>>();

/** Registers a queue whose depth /metrics reports; returns the function that removes it. */
export function watchQueueDepth(queue: string, read: () => Promise<number>): () => void {
  queueDepthReaders.set(queue, read);
  return () => {
    if (queueDepthReaders.get(queue) === read) queueDepthReaders.delete(queue);
  };
}

/**
 * Operation names come from callers, so only names the server knows become labels: those of
 * the trusted documents (trusted-documents.json), also as the gateway names their subgraph
 * fetches (`PartnerDashboard__customers__0`). Any other operation counts as `other`, unnamed
 * ones as `anonymous`: a caller inventing names creates no series.
 */
let known: Set<string> | undefined;

export function operationLabel(name: string | undefined | null): string {
  if (!name) return 'anonymous';
  known ??= new Set(trustedManifest().operations.flatMap((operation) => (operation.name ? [operation.name] : [])));
  const base = name.replace(/__[a-z]+__\d+$/, '');
  return known.has(base) ? name : 'other';
}
