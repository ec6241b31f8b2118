import { onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';

/**
 * Metrics that cannot be flooded: operation labels only for known (trusted-document) names;
 * in production /metrics needs METRICS_TOKEN and is not served without it.
 */
describe('metrics', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, { NODE_ENV: 'production', GATEWAY_SECRET: 'metrics-test-gateway-secret', AUTH_JWT_SECRET: 'metrics-test-jwt-secret' });
    delete process.env.METRICS_TOKEN;
  });
  afterAll(() => {
    process.env = saved;
  });
  const t = useStack();
  const metricsUrl = () => t.gatewayUrl.replace(/\/graphql$/, '/metrics');

  it('production without METRICS_TOKEN does not serve /metrics; with it, only its bearer gets them', async () => {
    expect((await fetch(metricsUrl())).status).toBe(404);
    process.env.METRICS_TOKEN = 'scrape-token-for-this-test';
    try {
      const refused = await fetch(metricsUrl());
      expect(refused.status).toBe(401);
      expect((await fetch(metricsUrl(), { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const served = await fetch(metricsUrl(), { headers: { authorization: 'Bearer scrape-token-for-this-test' } });
      expect(served.status).toBe(200);
      expect(await served.text()).toContain('graphql_requests_total');
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });

  it('operation names a caller invents are counted as "other": they create no series; trusted documents keep their names', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    for (let i = 0; i < 20; i++) await t.gql(undefined, `query Flood${i}x${Date.now()} { __typename }`);
    await t.gql(token, 'query PartnerDashboard { me { userId } }');
    process.env.METRICS_TOKEN = 'scrape-token-for-this-test';
    try {
      const text = await (await fetch(metricsUrl(), { headers: { authorization: 'Bearer scrape-token-for-this-test' } })).text();
      expect(text).not.toMatch(/operation="Flood/);
      expect(text).toMatch(/graphql_requests_total\{service="gateway",operation="other",outcome="ok"\} (2\d|[3-9]\d)/);
      expect(text).toMatch(/graphql_requests_total\{service="gateway",operation="PartnerDashboard",outcome="ok"\} 1/);
      expect(text).toMatch(/graphql_requests_total\{service="customers",operation="PartnerDashboard__customers__0",outcome="ok"\} 1/);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});
