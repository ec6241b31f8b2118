import { sqlSpanName } from './db/sql-span-name';

/**
 * OpenTelemetry traces, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans of incoming
 * HTTP requests, of the gateway's fetches to the subgraphs (`gateway.fetch`, emitted by its
 * executor through the OpenTelemetry API) and of SQL (pg), exported over OTLP/HTTP.
 * Without the variable nothing is loaded and the API's no-op tracer costs nothing.
 *
 * Must run before `http` and `pg` are first required: each process's main module imports
 * this file first.
 */
export function startTracing(serviceName: string): (() => Promise<void>) | undefined {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': process.env.OTEL_SERVICE_NAME ?? serviceName }),
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _HEADERS) itself and posts to <endpoint>/v1/traces.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // W3C trace context: the subgraphs continue the gateway's trace from its `traceparent` header.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => ['/metrics', '/health', '/health/live', '/health/ready'].includes(req.url ?? ''),
        // A call made outside any request (the gateway's health probes, a job's peer call with no
        // span of its own) would start a trace of one span: none is recorded.
        requireParentforOutgoingSpans: true,
      }),
      // SQL only inside a traced request or job: the pg-boss workers' polling and the pool's
      // checks at rest made hundreds of one-span traces a minute. Spans are named by operation
      // and table (shared/db/sql-span-name.ts).
      new PgInstrumentation({ requireParentSpan: true, requestHook: (span, info) => span.updateName(sqlSpanName(info.query.text)) }),
    ],
  });
  return () => provider.shutdown();
}
