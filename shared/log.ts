import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';
import pino from 'pino';

/**
 * What every log line of one request carries: its request id, and what the request learns on
 * the way (operation, tenant, outcome) for the one summary line written when it ends.
 */
export interface RequestScope {
  requestId: string;
  operation?: string;
  tenant?: string;
  outcome?: string;
  errorCodes?: string[];
  /** The trace of the request (when tracing is on), for lines written after its span ended. */
  traceId?: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

type LineListener = (line: Record<string, unknown>) => void;
const listeners = new Set<LineListener>();

/**
 * Lines go to stdout as JSON (pino), at LOG_LEVEL (default info). Under test (LOG_ERRORS=0 and
 * no LOG_LEVEL) nothing is printed, yet lines still reach listeners, so tests can read them.
 */
function quiet(): boolean {
  return process.env.LOG_ERRORS === '0' && !process.env.LOG_LEVEL;
}

const sink = {
  write(line: string): void {
    if (listeners.size) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      for (const listener of listeners) listener(parsed);
    }
    if (!quiet()) process.stdout.write(line);
  },
};

/** The trace id of the active span; undefined when tracing is off (the API's no-op tracer) or outside a span. */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context.traceId : undefined;
}

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // The request id of the request being served and the trace id (tracing on), on every line
    // written while serving it; a job's lines carry the trace id of its span.
    mixin: () => {
      const scope = requestScope.getStore();
      const traceId = activeTraceId() ?? scope?.traceId;
      return { ...(scope ? { requestId: scope.requestId } : {}), ...(traceId ? { traceId } : {}) };
    },
  },
  sink,
);

/** Receives every log line of this process as an object until the returned function is called. */
export function onLogLine(listener: LineListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * An error line with the error's type, message and stack (pino's error serializer), and the
 * request id when it happens while serving one. LOG_ERRORS=0 keeps it off stdout, as the tests
 * do; listeners still receive it.
 */
export function logError(message: string, error?: unknown): void {
  logger.error({ err: error instanceof Error ? pino.stdSerializers.err(error) : error }, message);
}
