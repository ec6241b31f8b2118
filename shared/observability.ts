import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { activeTraceId, logger, requestScope, type RequestScope } from './log';
import { isProduction } from './config';
import { errorsTotal, operationLabel, registry, requestDuration, requestsTotal } from './metrics';

/** The header naming one request across the gateway, the subgraphs and every log line. */
export const REQUEST_ID_HEADER = 'x-request-id';

const MAX_REQUEST_ID = 128;

/**
 * The caller's request id when it is printable ASCII of at most 128 characters (so it can go
 * into a log line or a header as it is); otherwise a new one.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const value = (Array.isArray(given) ? given[0] : given)?.trim();
  if (value && value.length <= MAX_REQUEST_ID && /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value)) return value;
  return randomUUID();
}

/** The request id of the request being served (undefined outside a request). */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/**
 * GET /metrics: Prometheus text, behind `Authorization: Bearer $METRICS_TOKEN` when that is set.
 * Production without METRICS_TOKEN does not serve it at all (404): metrics are never open on a
 * public port.
 */
async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = process.env.METRICS_TOKEN;
  if (!token && isProduction()) {
    res.statusCode = 404;
    res.end('not found\n');
    return;
  }
  if (token && !tokenMatches(req.headers.authorization, `Bearer ${token}`)) {
    res.statusCode = 401;
    res.setHeader('www-authenticate', 'Bearer');
    res.end('metrics need the METRICS_TOKEN bearer token\n');
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', registry.contentType);
  res.end(await registry.metrics());
}

/** Compared in constant time (hashes of equal length), so the token cannot be guessed by timing. */
function tokenMatches(given: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given ?? ''), digest(expected));
}

const QUIET_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * Wraps a process's HTTP handler: gives each request its id (accepted or generated, returned
 * in `x-request-id`), runs it in a scope that puts the id on every log line, answers
 * GET /metrics, and writes one line per request when it ends: operation, duration, outcome,
 * tenant, request id. GraphQL requests are counted and timed in the metrics.
 */
export function observeRequests(service: string, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const scope: RequestScope = { requestId: requestIdOf(req), traceId: activeTraceId() };
    res.setHeader(REQUEST_ID_HEADER, scope.requestId);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics' && req.method === 'GET') {
      serveMetrics(req, res).catch(() => res.destroy());
      return;
    }
    const started = performance.now();
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      // GraphQL requests only: the GET of the playground page is no operation.
      const graphql = path.endsWith('/graphql') && (req.method === 'POST' || scope.operation !== undefined);
      const outcome = scope.outcome ?? (res.statusCode >= 400 ? 'refused' : 'ok');
      if (graphql) {
        const operation = operationLabel(scope.operation);
        requestsTotal.inc({ service, operation, outcome });
        requestDuration.observe({ service, operation }, seconds);
        for (const code of scope.errorCodes ?? []) errorsTotal.inc({ service, code });
      }
      const line = {
        service,
        method: req.method,
        path,
        status: res.statusCode,
        operation: scope.operation,
        tenant: scope.tenant,
        outcome,
        errorCodes: scope.errorCodes,
        durationMs: Math.round(seconds * 1000 * 10) / 10,
      };
      requestScope.run(scope, () => (QUIET_PATHS.has(path) ? logger.debug(line, 'request') : logger.info(line, 'request')));
    });
    requestScope.run(scope, () => handler(req, res));
  };
}

/**
 * Tells the request's scope what Apollo Server learned: the operation name, the tenant of the
 * caller and the outcome with the codes of the errors returned.
 */
export function requestScopePlugin<C extends BaseContext & { identity?: { tenantId?: string } }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const scope = requestScope.getStore();
      if (scope) scope.tenant = contextValue.identity?.tenantId;
      return {
        async didResolveOperation({ request, operation }) {
          if (scope) scope.operation = request.operationName ?? operation?.name?.value ?? '';
        },
        async willSendResponse({ response, request }) {
          if (!scope) return;
          scope.operation ??= request.operationName ?? '';
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          noteOutcome(scope, single?.errors, single?.data);
        },
      };
    },
  };
}

/** The outcome of a GraphQL answer in its request's scope: ok, partial (data and errors) or failed, with the codes of its errors. */
export function noteOutcome(scope: RequestScope, errors: readonly { extensions?: Record<string, unknown> }[] | undefined, data: unknown): void {
  if (!errors?.length) {
    scope.outcome = 'ok';
    return;
  }
  scope.errorCodes = [...new Set(errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN')))];
  scope.outcome = data ? 'partial' : 'failed';
}
