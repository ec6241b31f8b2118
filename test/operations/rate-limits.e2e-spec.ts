import { onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';

/** Fair use per tenant, as Partner Center throttles: HTTP 429 with Retry-After past the limit. */
describe('rate limits', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.GATEWAY_RATE_LIMIT_PER_MINUTE = '5';
    process.env.GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE = '3';
  });
  afterAll(() => {
    process.env = saved;
  });
  const t = useStack();
  const ask = (token?: string) =>
    fetch(t.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query: '{ me { userId } }' }) });

  it('a tenant past its requests a minute gets 429 RATE_LIMITED with Retry-After; another tenant is not affected', async () => {
    // Partners are onboarded by the operator before counting starts (its own tenant's budget).
    const [busy, quiet] = [await onboardPartner(t), await onboardPartner(t)];
    const [busyToken, busyOther, quietToken] = [await busy.token(), await busy.token(['SALES_AGENT']), await quiet.token()];
    for (let i = 0; i < 5; i++) expect((await ask(i % 2 ? busyOther : busyToken)).status).toBe(200);
    const refused = await ask(busyToken);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ errors: [{ message: expect.stringContaining('retry after'), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }] });
    expect((await ask(busyOther)).status).toBe(429);
    expect((await ask(quietToken)).status).toBe(200);
  });

  it('callers without a token are limited per client address', async () => {
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
