import type { Client } from 'pg';
import { SUBGRAPH_NAMES } from '../shared/config';

/**
 * Where a request's time goes, from the processes' own Prometheus histograms (GET /metrics) and
 * pg_stat_statements, read before and after a row's load: how long the gateway takes per client
 * request, how long it waits on each subgraph, how long each subgraph takes to answer what it was
 * asked, and how long PostgreSQL executes statements. All in wall milliseconds per client
 * request, under the row's load (so queueing is included).
 */
export interface LatencySnapshot {
  /** Seconds spent and requests answered (graphql_request_duration_seconds) per service. */
  handled: Record<string, { seconds: number; count: number }>;
  /** Seconds the gateway waited on each subgraph, and its fetches (gateway_subgraph_fetch_duration_seconds). */
  waited: Record<string, { seconds: number; count: number }>;
  /** Milliseconds PostgreSQL spent executing statements (pg_stat_statements), when loaded. */
  postgresMs?: number;
}

/** The scrape token the benchmark's processes run with (production serves /metrics only with one). */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token';

/** Base URLs (without /graphql) of the processes to read: the gateway (absent for Hive) and the subgraphs. */
export async function latencySnapshot(metricsUrls: string[], db: Client, withStatements: boolean): Promise<LatencySnapshot> {
  const snapshot: LatencySnapshot = { handled: {}, waited: {} };
  for (const url of metricsUrls) {
    const text = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } }).then((response) => (response.ok ? response.text() : ''), () => '');
    for (const line of text.split('\n')) {
      const sample = /^(graphql_request_duration_seconds|gateway_subgraph_fetch_duration_seconds)_(sum|count)\{([^}]*)\} ([0-9.e+-]+)$/.exec(line);
      if (!sample) continue;
      const [, metric, kind, labels, value] = sample;
      const key = /(?:service|subgraph)="([^"]+)"/.exec(labels)?.[1];
      if (!key) continue;
      const into = metric === 'graphql_request_duration_seconds' ? snapshot.handled : snapshot.waited;
      const entry = (into[key] ??= { seconds: 0, count: 0 });
      if (kind === 'sum') entry.seconds += Number(value);
      else entry.count += Number(value);
    }
  }
  if (withStatements) {
    const { rows } = await db.query<{ ms: number }>(
      `select coalesce(sum(total_exec_time), 0)::float8 as ms from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_%'`,
    );
    snapshot.postgresMs = rows[0].ms;
  }
  return snapshot;
}

/** One row of wall milliseconds per client request between two snapshots. */
export function latencyPerRequest(before: LatencySnapshot, after: LatencySnapshot, requests: number): Record<string, number | string> {
  const perRequest = (value: number) => (requests ? Math.round((value / requests) * 100) / 100 : 0);
  const delta = (into: 'handled' | 'waited', key: string) => ({
    seconds: (after[into][key]?.seconds ?? 0) - (before[into][key]?.seconds ?? 0),
    count: (after[into][key]?.count ?? 0) - (before[into][key]?.count ?? 0),
  });
  const row: Record<string, number | string> = {};
  const gateway = delta('handled', 'gateway');
  if (gateway.count) row['gateway ms'] = perRequest(gateway.seconds * 1000);
  for (const name of SUBGRAPH_NAMES) {
    const waited = delta('waited', name);
    const handled = delta('handled', name);
    if (!waited.count && !handled.count) continue;
    // Fetches per client request, what the gateway waited, and what the subgraph itself took.
    if (waited.count) row[`${name} fetches`] = perRequest(waited.count);
    if (waited.count) row[`${name} waited ms`] = perRequest(waited.seconds * 1000);
    row[`${name} ms`] = perRequest(handled.seconds * 1000);
  }
  if (before.postgresMs !== undefined && after.postgresMs !== undefined) row['postgres ms'] = perRequest(after.postgresMs - before.postgresMs);
  return row;
}
