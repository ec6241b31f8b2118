import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config';
import { subgraphFetchesMerged } from '../../shared/metrics';
import { startGateway } from '../../gateway/gateway';
import { operationsMerged } from '../../gateway/fast-path/inflight-operations';
import { onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';

/**
 * In-flight de-duplication through the gateway: identical queries in flight to a subgraph (same
 * document, variables and caller) are sent once and every client request reads that answer; two
 * callers never share one (ACT-2), and mutations are always sent. Identical client queries are
 * merged one step earlier, before execution, once the fast path serves their document (the
 * second gateway, `merging`); the first gateway has that off, so its requests merge at the
 * subgraph fetch. A proxy in front of the customers subgraph holds each fetch until the test has
 * seen every client request either reach it or join one that did (the gateway's merged-fetch and
 * merged-operation counters), then lets them through.
 */
describe('identical subgraph queries in flight are sent once', () => {
  const t = useStack();
  let proxy: Server;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let merging: Awaited<ReturnType<typeof startGateway>>;
  const held: (() => void)[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    const customers = t.stack.subgraphs.customers.url;
    const origin = customers.replace(/\/graphql$/, '');
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      const forward = async () => {
        const answer = await fetch(`${origin}${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? body : undefined });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(await answer.text());
      };
      // Tenant look-ups pass at once; GraphQL fetches wait until the test releases them.
      if (req.method !== 'POST') return void forward();
      seen.push(String(req.headers['x-csp-identity']));
      held.push(() => void forward());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, t.stack.subgraphs[name].url])) as Record<SubgraphName, string>;
    const subgraphUrls = { ...urls, customers: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` };
    gateway = await startGateway({ port: 0, subgraphUrls, operationDeduplication: false });
    merging = await startGateway({ port: 0, subgraphUrls });
  });

  afterAll(async () => {
    await gateway?.stop();
    await merging?.stop();
    proxy?.closeAllConnections();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  });

  const fetchesMerged = async () => (await subgraphFetchesMerged.get()).values.filter((value) => value.labels.subgraph === 'customers').reduce((sum, value) => sum + value.value, 0);
  const queriesMerged = async () => (await operationsMerged.get()).values.reduce((sum, value) => sum + value.value, 0);
  const merged = async () => (await fetchesMerged()) + (await queriesMerged());
  const post = (token: string, query: string, url = gateway.url) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) }).then(async (response) => response.text());

  /** Sends the requests at once; lets the subgraph answer once each has reached it or joined a fetch in flight. */
  async function concurrently(requests: [token: string, query: string][], url = gateway.url): Promise<{ answers: string[]; sent: number }> {
    held.length = 0;
    seen.length = 0;
    const mergedBefore = await merged();
    const answers = Promise.all(requests.map(([token, query]) => post(token, query, url)));
    while (held.length + (await merged()) - mergedBefore < requests.length) await new Promise((resolve) => setTimeout(resolve, 5));
    const sent = held.length;
    for (const release of held) release();
    return { answers: await answers, sent };
  }

  it('ten identical queries of one caller: one fetch reaches the subgraph, all ten get the same answer as a query alone', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const query = '{ me { userId roles tenant { ... on Partner { name type } } } }';
    const { answers: [alone] } = await concurrently([[token, query]]);
    const { answers, sent } = await concurrently(Array.from({ length: 10 }, () => [token, query] as [string, string]));
    expect(sent).toBe(1);
    expect(answers).toEqual(Array.from({ length: 10 }, () => alone));
    expect(JSON.parse(alone).data.me.userId).toBe(`user-${partner.id}`);
  });

  it('ACT-2: the same query of two callers is never merged: each caller gets its own answer', async () => {
    const [first, second] = [await onboardPartner(t), await onboardPartner(t)];
    const tokens = [await first.token(), await second.token()];
    const query = '{ me { userId } }';
    const { answers, sent } = await concurrently(Array.from({ length: 10 }, (_, i) => [tokens[i % 2], query] as [string, string]));
    expect(sent).toBe(2);
    expect(new Set(seen).size).toBe(2);
    answers.forEach((answer, i) => expect(JSON.parse(answer).data.me.userId).toBe(`user-${[first, second][i % 2].id}`));
  });

  it('identical mutations are each sent to the subgraph', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const mutation = `mutation { createCustomer(input: { companyName: "Twin GmbH", country: "DE", segment: COMMERCIAL, domain: "twin-${partner.id}.example",
      agreementAcceptance: { signerName: "Eva Huber", signerEmail: "eva@twin.example", acceptedAt: "2026-11-01T10:00:00Z" } }) { customer { id } errors { code } } }`;
    const { sent } = await concurrently([[token, mutation], [token, mutation]]);
    expect(sent).toBe(2);
  });

  describe('identical client queries are executed once', () => {
    const query = '{ me { userId roles tenant { ... on Partner { name type } } } }';

    it('ten identical queries of one caller: one execution, one fetch, ten answers byte for byte those of a query alone; other callers and mutations are not merged', async () => {
      const [partner, other] = [await onboardPartner(t), await onboardPartner(t)];
      const [token, otherToken] = [await partner.token(), await other.token()];
      // The first request of a text goes through Apollo Server, which accepts the document for the fast path.
      const { answers: [alone] } = await concurrently([[token, query]], merging.url);
      const [operationsBefore, fetchesBefore] = [await queriesMerged(), await fetchesMerged()];
      const { answers, sent } = await concurrently(Array.from({ length: 10 }, () => [token, query] as [string, string]), merging.url);
      expect(sent).toBe(1);
      expect(answers).toEqual(Array.from({ length: 10 }, () => alone));
      expect((await queriesMerged()) - operationsBefore).toBe(9);
      expect((await fetchesMerged()) - fetchesBefore).toBe(0);
      // ACT-2: two callers, two executions.
      const mixed = await concurrently(Array.from({ length: 10 }, (_, i) => [[token, otherToken][i % 2], query] as [string, string]), merging.url);
      expect(mixed.sent).toBe(2);
      mixed.answers.forEach((answer, i) => expect(JSON.parse(answer).data.me.userId).toBe(`user-${[partner, other][i % 2].id}`));
    });

    it('identical mutations are each executed', async () => {
      const partner = await onboardPartner(t);
      const token = await partner.token();
      const mutation = `mutation { createCustomer(input: { companyName: "Twin AG", country: "DE", segment: COMMERCIAL, domain: "twin-op-${partner.id}.example",
        agreementAcceptance: { signerName: "Eva Huber", signerEmail: "eva@twin.example", acceptedAt: "2026-11-01T10:00:00Z" } }) { customer { id } errors { code } } }`;
      await concurrently([[token, mutation]], merging.url);
      const before = await queriesMerged();
      const { answers, sent } = await concurrently([[token, mutation], [token, mutation]], merging.url);
      expect(sent).toBe(2);
      expect(await queriesMerged()).toBe(before);
      for (const answer of answers) expect(JSON.parse(answer).data).toHaveProperty('createCustomer');
    });

    it('a query sent after a write was answered never joins one that started before it, neither its execution nor its subgraph fetch', async () => {
      const partner = await onboardPartner(t);
      const token = await partner.token();
      await concurrently([[token, query]], merging.url);
      held.length = 0;
      const early = post(token, query, merging.url);
      while (held.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      // A write answered by this gateway while the first query is held at the subgraph.
      const write = JSON.parse(await post(token, 'mutation { updateSubscriptionQuantity(input: { subscriptionId: "sub_none", quantity: 2 }) { errors { code } } }', merging.url));
      expect(write.errors[0].extensions.code).toBe('NOT_FOUND');
      const [before, fetchesBefore] = [await queriesMerged(), await fetchesMerged()];
      const late = post(token, query, merging.url);
      while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await queriesMerged()).toBe(before);
      expect(await fetchesMerged()).toBe(fetchesBefore);
      for (const release of held) release();
      const [first, second] = await Promise.all([early, late]);
      expect(second).toBe(first);
    });
  });
});
