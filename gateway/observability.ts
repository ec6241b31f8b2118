import { context, propagation } from '@opentelemetry/api';
import { currentRequestId, REQUEST_ID_HEADER } from '../shared/observability';
import { subgraphFetchDuration } from '../shared/metrics';

/**
 * Headers of one subgraph fetch: the gateway's own, plus the request id of the client request
 * being served (so the subgraph's log lines carry it) and, when tracing is on, the W3C trace
 * context (a no-op otherwise).
 */
export function forwardedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const forwarded: Record<string, string> = { ...headers };
  const requestId = currentRequestId();
  if (requestId) forwarded[REQUEST_ID_HEADER] = requestId;
  propagation.inject(context.active(), forwarded);
  return forwarded;
}

/** Starts timing one subgraph fetch; call the result with its outcome when it has answered. */
export function timeSubgraphFetch(subgraph: string): (outcome: 'ok' | 'error' | 'unavailable') => void {
  const end = subgraphFetchDuration.startTimer({ subgraph });
  return (outcome) => void end({ outcome });
}
