import { onLogLine } from '../../shared/log';
import { onboardPartner } from '../support/fixtures';
import { dataOf, useStack, type GraphQLResponse } from '../support/stack';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Observability: every request has an id (the caller's or a new one) returned in
 * `x-request-id`, forwarded to the subgraphs and on every log line; one JSON line per request;
 * Prometheus metrics on GET /metrics.
 */
describe('request ids, request logs and metrics', () => {
  const t = useStack();
  let lines: Record<string, any>[] = [];
  let stopListening: () => void;
  beforeEach(() => {
    lines = [];
    stopListening = onLogLine((line) => lines.push(line));
  });
  afterEach(() => stopListening());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(t.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const metrics = async () => (await fetch(t.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();

  it('a request without an id gets a generated one, returned and on the one request line of the gateway', async () => {
    const partner = await onboardPartner(t);
    const response = await post({ query: 'query WhoAmI { me { userId } }' }, { authorization: `Bearer ${await partner.token()}` });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(UUID);
    dataOf((await response.json()) as GraphQLResponse);
    const gatewayLines = lines.filter((line) => line.msg === 'request' && line.service === 'gateway' && line.requestId === requestId);
    expect(gatewayLines).toHaveLength(1);
    expect(gatewayLines[0]).toMatchObject({ level: 'info', operation: 'WhoAmI', outcome: 'ok', tenant: partner.id, status: 200, path: '/graphql' });
    expect(typeof gatewayLines[0].durationMs).toBe('number');
  });

  it('a caller\'s request id is kept, returned and forwarded: the subgraph\'s request line carries it', async () => {
    const partner = await onboardPartner(t);
    const response = await post({ query: '{ me { userId } }' }, { authorization: `Bearer ${await partner.token()}`, 'x-request-id': 'dashboard-7f3a:42' });
    expect(response.headers.get('x-request-id')).toBe('dashboard-7f3a:42');
    dataOf((await response.json()) as GraphQLResponse);
    const services = new Set(lines.filter((line) => line.msg === 'request' && line.requestId === 'dashboard-7f3a:42').map((line) => line.service));
    expect(services.has('gateway')).toBe(true);
    expect([...services].some((service) => service !== 'gateway')).toBe(true);
    // The gateway's tenant lookup (a new partner's first request) carries it too.
    const lookups = lines.filter((line) => line.msg === 'request' && String(line.path ?? '').startsWith('/internal/tenants/'));
    expect(lookups.map((line) => line.requestId)).toContain('dashboard-7f3a:42');
  });

  it('a request id that is too long or not printable is replaced by a generated one', async () => {
    const tooLong = await post({ query: '{ __typename }' }, { 'x-request-id': 'x'.repeat(129) });
    expect(tooLong.headers.get('x-request-id')).toMatch(UUID);
    const withTab = await post({ query: '{ __typename }' }, { 'x-request-id': 'a\tb' });
    expect(withTab.headers.get('x-request-id')).toMatch(UUID);
    const longest = await post({ query: '{ __typename }' }, { 'x-request-id': 'y'.repeat(128) });
    expect(longest.headers.get('x-request-id')).toBe('y'.repeat(128));
  });

  it('GET /metrics answers Prometheus text: requests by operation and outcome, errors by code, latency by operation, subgraph fetch latency', async () => {
    const partner = await onboardPartner(t);
    dataOf((await (await post({ query: 'query PartnerDashboard { me { userId } }' }, { authorization: `Bearer ${await partner.token()}` })).json()) as GraphQLResponse);
    await post({ query: 'query Checkout { me { userId } }' });
    const response = await fetch(t.gatewayUrl.replace(/\/graphql$/, '/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.headers.get('x-request-id')).toMatch(UUID);
    const text = await response.text();
    expect(text).toMatch(/graphql_requests_total\{service="gateway",operation="PartnerDashboard",outcome="ok"\} 1/);
    expect(text).toMatch(/graphql_requests_total\{service="gateway",operation="Checkout",outcome="(failed|partial)"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{service="gateway",code="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{service="gateway",operation="PartnerDashboard"\} 1/);
    expect(text).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{subgraph="\w+",outcome="ok"\} [1-9]/);
    expect(text).toContain('# TYPE job_queue_depth gauge');
    expect(await metrics()).toContain('process_cpu_seconds_total');
  });
});
