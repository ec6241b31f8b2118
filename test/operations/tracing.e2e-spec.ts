import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../../shared/auth/forwarding';
import { gatewaySecret } from '../../shared/config';
import { freePort } from '../../shared/free-port';
import { killAll, spawnCompiled, until, type SpawnedProcess } from '../support/processes';
import { useStack } from '../support/stack';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  scope: string;
}

/**
 * Traces from a real subgraph process (OTLP/HTTP to a stand-in collector): its pg-boss workers
 * poll at rest without making traces, SQL spans are named by operation and table, and the
 * request's log line carries the trace id.
 */
describe('tracing', () => {
  const t = useStack();
  let collector: Server;
  let subgraph: SpawnedProcess | undefined;
  const spans: ReceivedSpan[] = [];

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resource of body.resourceSpans ?? [])
          for (const scope of resource.scopeSpans ?? [])
            for (const span of scope.spans ?? []) spans.push({ traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, scope: scope.scope?.name ?? '' });
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    killAll([subgraph]);
    await new Promise((resolve) => collector.close(resolve));
  });

  it('no parentless SQL spans from the job workers at rest; SQL spans named by operation and table; the trace id on the request log line', async () => {
    const port = await freePort();
    subgraph = spawnCompiled('subgraphs/main.js', ['customers'], {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: t.databaseUrl,
      JOBS_ENABLED: 'true',
      CUSTOMERS_PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    const url = `http://127.0.0.1:${port}`;
    await until('the subgraph', () => fetch(`${url}/health/ready`).then((r) => (r.ok ? true : undefined), () => undefined));
    // The job workers are running (their own pool is connected) before the traced requests.
    await until('the job workers', async () => ((await t.db.query(`select 1 from pg_stat_activity where application_name = 'customers-jobs'`)).rowCount ? true : undefined));
    const identity = encodeIdentity({ userId: 'operator', tenantId: 'platform', tenantKind: 'PLATFORM', roles: ['PLATFORM_OPERATOR'] });
    const ask = (requestId: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: gatewaySecret(), [IDENTITY_HEADER]: identity, 'x-request-id': requestId },
        body: JSON.stringify({ query: '{ sandboxClock }' }),
      });
    expect((await ask('trace-probe-1')).status).toBe(200);
    const requestTrace = await until('the request line', () => {
      const line = subgraph!.lines.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'request' && entry.requestId === 'trace-probe-1');
      return line?.traceId as string | undefined;
    });
    // Spans are exported in the order they end: once the second request's spans are in, every
    // span the workers ended before it is in too.
    expect((await ask('trace-probe-2')).status).toBe(200);
    const secondTrace = await until('the second request line', () => subgraph!.lines.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'request' && entry.requestId === 'trace-probe-2')?.traceId as string | undefined);
    await until('the second request\'s spans', () => (spans.some((span) => span.traceId === secondTrace && !span.parentSpanId) ? true : undefined));

    const sql = spans.filter((span) => span.scope.includes('instrumentation-pg'));
    expect(sql.filter((span) => !span.parentSpanId)).toEqual([]);
    const requestSql = sql.filter((span) => span.traceId === requestTrace).map((span) => span.name);
    expect(requestSql).toContain('SELECT platform.business_clock');
    const statements = sql.filter((span) => !/^pg(-pool)?\.connect$/.test(span.name));
    for (const name of statements.map((span) => span.name)) expect(name).toMatch(/^[A-Z]+( [a-z_][\w$]*(\.[a-z_][\w$]*)?)?$/);
    expect(spans.filter((span) => span.traceId === requestTrace && !span.parentSpanId).map((span) => span.scope)).toEqual([expect.stringContaining('instrumentation-http')]);
  });
});
