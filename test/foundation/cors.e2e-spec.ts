import { useStack } from '../support/stack';

/**
 * CORS: a dashboard on another origin may call the graph when its origin is allowed
 * (CORS_ORIGINS; localhost in development), and CSRF prevention still refuses the requests a
 * browser sends without a preflight.
 */
describe('CORS and CSRF prevention', () => {
  const t = useStack();
  const allowed = 'http://localhost:5173';
  const foreign = 'https://attacker.example';
  const post = async (origin: string) =>
    fetch(t.gatewayUrl, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${await t.operatorToken()}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
  const preflight = (origin: string) =>
    fetch(t.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization, idempotency-key, x-request-id' },
    });

  it('an allowed origin gets Access-Control-Allow-Origin on its response', async () => {
    const response = await post(allowed);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('vary')).toMatch(/origin/i);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('a foreign origin gets no CORS header (the browser keeps the response from its script)', async () => {
    const response = await post(foreign);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a preflight from an allowed origin is answered 204 with the methods and headers the graph accepts', async () => {
    const response = await preflight(allowed);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const headers = (response.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    expect(headers).toEqual(expect.arrayContaining(['content-type', 'authorization', 'idempotency-key', 'x-request-id']));
  });

  it('a preflight from a foreign origin is answered without any allowance', async () => {
    const response = await preflight(foreign);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('CSRF prevention is kept: a simple GET query (no preflight, no JSON content type) is refused', async () => {
    const response = await fetch(`${t.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: foreign, accept: 'application/json' } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });
});
