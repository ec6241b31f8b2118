import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config';
import { startGateway } from '../../gateway/gateway';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';

const OFFERS = ['offer-m365-e3-no-teams', 'offer-power-bi-pro', 'offer-m365-business-premium', 'offer-m365-apps-enterprise', 'offer-ems-e3'];

/**
 * The gateway sends each distinct entity representation once per subgraph fetch: a page of 50
 * subscriptions of 5 offers asks the catalog for 5 Offers, and the answer is the same, byte for
 * byte, as without de-duplication (counted by a proxy in front of the catalog subgraph).
 */
describe('entity fetches send each representation once', () => {
  const t = useStack();
  let proxy: Server;
  const sent: number[] = [];

  afterAll(async () => {
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  });

  it('50 subscriptions of 5 offers: the catalog receives 5 Offer representations; the answer is unchanged', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const lines = Array.from({ length: 50 }, (_, i) => ({ offerId: OFFERS[i % OFFERS.length], quantity: 1 + i }));
    expect((await buy(t, partner, customer.id, lines)).payload.errors).toEqual([]);
    const catalog = t.stack.subgraphs.catalog.url;
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const representations = JSON.parse(body).variables?.representations;
      if (Array.isArray(representations)) sent.push(representations.length);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      const answer = await fetch(catalog, { method: 'POST', headers, body });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(await answer.text());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, t.stack.subgraphs[name].url])) as Record<SubgraphName, string>;
    // What the catalog receives when it is asked (no entity cache, which would answer repeated offers itself).
    const counted = await startGateway({ port: 0, subgraphUrls: { ...urls, catalog: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` }, entityCache: false });
    try {
      const query = `{ customer(id: "${customer.id}") { subscriptions(first: 50) { totalCount edges { node { quantity offer { id name } } } } } }`;
      const ask = async (url: string) =>
        (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await partner.token()}` }, body: JSON.stringify({ query }) })).text();
      const throughProxy = await ask(counted.url);
      expect(sent).toEqual([OFFERS.length]);
      const parsed = JSON.parse(throughProxy);
      expect(parsed.data.customer.subscriptions.edges).toHaveLength(50);
      expect(new Set(parsed.data.customer.subscriptions.edges.map((edge: { node: { offer: { id: string } } }) => edge.node.offer.id))).toEqual(new Set(OFFERS));
      expect(await ask(t.gatewayUrl)).toBe(throughProxy);
    } finally {
      await counted.stop();
    }
  });
});
