import { request } from 'node:http';
import { SECRET_HEADER } from '../../shared/auth/forwarding';
import { gatewaySecret } from '../../shared/config';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { download, generateKeys } from '../subscriptions/software.fixtures';
import { setClock } from '../subscriptions/support';

/** A GET with the path sent byte for byte (no client-side normalisation of `..` segments). */
function rawGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * SW-2 download route: the gateway forwards a download link and nothing else to the
 * subscriptions subgraph, and subgraphs serve GraphQL only as `POST /graphql`.
 */
describe('download route and subgraph GraphQL paths (SW-2, ACT-3)', () => {
  const t = useStack();
  const query = encodeURIComponent('query X { __typename }');

  it('SW-2: download paths that carry a query, dot segments or other parameters answer 4xx and run no GraphQL', async () => {
    const partner = await onboardPartner(t);
    const auth = { authorization: `Bearer ${await partner.token(['ADMIN_AGENT'])}` };
    for (const path of [
      `/software/downloads/?query=${query}`,
      `/software/downloads/x/../../../graphql?query=${query}`,
      `/software/downloads/x/..%2F..%2F..%2Fgraphql?query=${query}`,
      `/software/downloads/dl_1?expires=1&signature=abc&query=${query}`,
      `/software/downloads/dl_1?query=${query}`,
    ]) {
      const answer = await rawGet(t.gatewayUrl, path, auth);
      expect({ path, clientError: answer.status >= 400 && answer.status < 500 }).toEqual({ path, clientError: true });
      expect(answer.body).not.toContain('__typename');
      expect(answer.body).not.toContain('"data"');
    }
  });

  it('SW-2: subgraphs answer GraphQL only on POST /graphql: GET queries and other paths are refused', async () => {
    const secret = { [SECRET_HEADER]: gatewaySecret() };
    const base = t.stack.subgraphs.subscriptions.url.replace(/\/graphql$/, '');
    const get = await rawGet(base, `/graphql?query=${query}`, secret);
    expect(get.status).toBe(405);
    expect(get.body).not.toContain('"data"');
    for (const path of ['/', '/internal/software/downloads/', '/anything', '/graphql/x']) {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { ...secret, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.text()).not.toContain('"data"');
    }
    const post = await fetch(`${base}/graphql`, { method: 'POST', headers: { ...secret, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('SW-2: a real download link still redirects to the file', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token(['ADMIN_AGENT']);
    const customerId = (await createCustomer(t, partner)).id;
    await setClock(t, '2027-03-01T10:00:00Z');
    const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-windows-server-2022-std', quantity: 1 }]);
    expect(payload.errors).toEqual([]);
    const subscriptionId = payload.order.lines[0].subscription.id;
    const link = dataOf(await generateKeys(t, token, { subscriptionId, version: 'Windows Server 2022', language: 'English', fileType: 'ISO' })).generateSoftwareKeys.keys.downloadLinks[0];
    const served = await download(t, `${link}&extra=1`, token);
    expect(served.status).toBe(302);
    expect(served.location).toMatch(/English_ISO\.iso$/);
  });
});
